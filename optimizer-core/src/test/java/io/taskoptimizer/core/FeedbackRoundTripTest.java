package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback read through the store SPI and written back ({@code taskopt store export/import} does
 * this) keeps every time exactly, down to the digits below a nanosecond that a {@code Duration}
 * cannot hold.
 */
class FeedbackRoundTripTest {

  /** Times that are not whole nanoseconds, and an average that is not total / executions. */
  private static final String FILE =
      """
      {
        "self_assessment": {
          "gemma3:1b": {
            "executions": 3,
            "successes": 2,
            "failures": 1,
            "total_time": 0.3703703673702,
            "quality_ratings": [
              0.8
            ],
            "average_time": 0.12345678912340001
          },
          "phi3:3.8b": {
            "executions": 1,
            "successes": 1,
            "failures": 0,
            "total_time": 0.1234567891234,
            "quality_ratings": [],
            "average_time": 1.0000000000000002e-10
          }
        }
      }""";

  @TempDir Path dir;

  @Test
  void replacingTheFeedbackWithWhatWasLoadedKeepsTheFileByteForByte() throws IOException {
    Path file = dir.resolve(TestConfig.FEEDBACK);
    Files.writeString(file, FILE, StandardCharsets.US_ASCII);
    try (OptimizerStore store = OptimizerStores.files(dir)) {
      Map<String, Map<String, StoredFeedback>> loaded = store.loadFeedback();
      store.replaceFeedback(loaded);

      assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(FILE);
      assertThat(store.loadFeedback()).isEqualTo(loaded);
    }
  }

  @Test
  void copyingTheFeedbackIntoAnotherDirectoryKeepsEveryTimeExactly() throws IOException {
    Files.writeString(dir.resolve(TestConfig.FEEDBACK), FILE, StandardCharsets.US_ASCII);
    Path other = Files.createDirectory(dir.resolve("copy"));
    try (OptimizerStore from = OptimizerStores.files(dir);
        OptimizerStore to = OptimizerStores.files(other)) {
      to.replaceFeedback(from.loadFeedback());
    }

    assertThat(Files.readString(other.resolve(TestConfig.FEEDBACK), StandardCharsets.US_ASCII))
        .isEqualTo(FILE);
  }

  @Test
  void theOptimizerReportsTheStoredFeedbackWithTimesRoundedToNanoseconds() throws IOException {
    Files.writeString(dir.resolve(TestConfig.FEEDBACK), FILE, StandardCharsets.US_ASCII);
    try (TaskOptimizer optimizer = TestConfig.builder(dir, new ManualScheduler()).build()) {
      ModelFeedback gemma = optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      ModelFeedback phi = optimizer.feedback().get(TaskType.SELF_ASSESSMENT).get("phi3:3.8b");

      assertThat(gemma)
          .isEqualTo(
              new ModelFeedback(
                  3,
                  2,
                  1,
                  Duration.ofNanos(370_370_367),
                  Duration.ofNanos(123_456_789),
                  List.of(0.8)));
      assertThat(phi.totalTime()).isEqualTo(Duration.ofNanos(123_456_789));
      assertThat(phi.averageTime()).as("0.1 ns rounds to zero").isZero();
      assertThat(gemma)
          .isEqualTo(
              optimizer
                  .store()
                  .loadFeedback()
                  .get("self_assessment")
                  .get("gemma3:1b")
                  .toModelFeedback());
    }
    assertThat(Files.readString(dir.resolve(TestConfig.FEEDBACK), StandardCharsets.US_ASCII))
        .as("reading does not rewrite the file")
        .isEqualTo(FILE);
  }
}
