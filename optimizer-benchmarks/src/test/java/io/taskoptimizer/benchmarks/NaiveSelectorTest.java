package io.taskoptimizer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NaiveSelectorTest {

  private Path dir;

  @AfterEach
  void cleanUp() {
    Fixtures.delete(dir);
  }

  @Test
  void baselineChoosesWhatTheOptimizerChoosesForEveryTaskWithSomeModelsMissing() {
    dir = Fixtures.configWithSeedRankings();
    List<String> served = List.of("llama3.2:latest", "phi3:3.8b", "qwen3:4b", "olmo2:latest");
    NaiveSelector naive = new NaiveSelector(dir.resolve(Fixtures.RANKINGS), new HashSet<>(served));
    try (TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(new StaticProvider(served))
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      for (TaskType task : TaskType.predefined()) {
        assertThat(naive.bestModelFor(task)).as(task.id()).isEqualTo(optimizer.bestModelFor(task));
      }
      assertThat(naive.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("llama3.2:latest");
    }
  }
}
