package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's {@code rankingUpdateInterval} runs a default {@link RankingUpdater} on the
 * optimizer's scheduler.
 */
class RankingUpdateIntervalTest {

  private static final String RANKINGS =
      """
      {
        "self_assessment": [
          {"model": "fast:1b", "quality_score": 0.5, "speed_score": 0.9},
          {"model": "good:7b", "quality_score": 0.6, "speed_score": 0.4}
        ]
      }
      """;

  @TempDir Path dir;

  @Test
  void scheduledUpdateLearnsFromFeedbackAndStopsOnClose() throws Exception {
    Files.writeString(dir.resolve("model_rankings.json"), RANKINGS);
    ManualScheduler scheduler = new ManualScheduler();
    FakeProvider provider = new FakeProvider("fake", "fast:1b", "good:7b");
    TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .rankingUpdateInterval(Duration.ofHours(24))
            .build();
    int tasksBeforeClose;
    try {
      optimizer.refreshAvailability();
      for (int i = 0; i < 50; i++) {
        optimizer.recordFeedback(
            TaskType.SELF_ASSESSMENT, "good:7b", Duration.ofSeconds(2), true, 1.0);
      }
      double before = quality(optimizer, "good:7b");

      scheduler.runAll();

      assertThat(quality(optimizer, "good:7b")).isGreaterThan(before);
      assertThat(Files.readString(dir.resolve("model_rankings.json"))).contains("good:7b");
      tasksBeforeClose = scheduler.liveTasks().size();
    } finally {
      optimizer.close();
    }
    assertThat(tasksBeforeClose).isGreaterThan(scheduler.liveTasks().size());
    assertThat(scheduler.liveTasks()).isEmpty();
  }

  @Test
  void rejectsIntervalsShorterThanASecond() {
    assertThatThrownBy(() -> TaskOptimizer.builder().rankingUpdateInterval(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 second");
  }

  private static double quality(TaskOptimizer optimizer, String model) {
    return optimizer.rankings(TaskType.SELF_ASSESSMENT).stream()
        .filter(m -> m.model().equals(model))
        .mapToDouble(RankedModel::quality)
        .findFirst()
        .orElseThrow();
  }
}
