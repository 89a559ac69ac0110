package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.Counts;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters near the top of their range: refused on read with file, line and column; never
 * overflowing.
 */
class CounterRangeTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  @Test
  void aCounterNearLongMaxIsAConfigErrorWithItsPosition() {
    TestConfig.write(
        dir.resolve(TestConfig.FEEDBACK),
        """
        {
          "self_assessment": {
            "gemma3:1b": {"executions": 9223372036854775806, "successes": 0, "failures": 0,
                          "total_time": 1.0, "quality_ratings": []}
          }
        }
        """);

    assertThatThrownBy(() -> TestConfig.builder(dir, scheduler).build().close())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(TestConfig.FEEDBACK)
        .hasMessageContaining(TestConfig.FEEDBACK + ":3:33:")
        .hasMessageContaining(
            "self_assessment.gemma3:1b.executions must be a whole number from 0 to " + Counts.MAX);
  }

  @Test
  void aCounterAtTheTopOfItsRangeSaturatesInsteadOfOverflowing() {
    TestConfig.write(
        dir.resolve(TestConfig.FEEDBACK),
        """
        {
          "self_assessment": {
            "gemma3:1b": {"executions": %d, "successes": %d, "failures": 0,
                          "total_time": 1.0, "quality_ratings": []}
          }
        }
        """
            .formatted(Counts.MAX, Counts.MAX));

    try (TaskOptimizer optimizer = TestConfig.builder(dir, scheduler).build()) {
      optimizer.recordFeedback(TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofSeconds(1), true);
      assertThat(
              optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow().executions())
          .isEqualTo(Counts.MAX);
      optimizer.flush();
    }
    assertThat(new FeedbackFile(dir).load().get("self_assessment").get("gemma3:1b").executions())
        .isEqualTo(Counts.MAX);
  }

  @Test
  void addingCountsSaturates() {
    assertThat(Counts.add(Counts.MAX, 1)).isEqualTo(Counts.MAX);
    assertThat(Counts.add(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Counts.MAX);
    assertThat(Counts.add(2, 3)).isEqualTo(5);
  }
}
