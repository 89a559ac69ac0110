package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.TaskType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model the provider no longer serves drops out of selection without waiting for the next
 * periodic refresh.
 */
class ModelNotFoundRefreshTest {

  @TempDir Path dir;

  @Test
  void modelNotFoundFromTheProviderRefreshesItsListingAndSelectionMovesOn() {
    TestConfig.withSeedFiles(dir);
    ManualScheduler scheduler = new ManualScheduler();
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b", "llama3.2:latest");
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).addProvider(provider).build()) {
      optimizer.refreshAvailability();
      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("gemma3:1b");

      // 'ollama rm gemma3:1b' happened after the last listing
      provider
          .serve("llama3.2:latest")
          .failWith(new ModelNotFoundException("gemma3:1b", "model 'gemma3:1b' not found"));
      assertThatThrownBy(
              () -> optimizer.execute(TaskType.SELF_ASSESSMENT, GenerationRequest.of("Assess me")))
          .isInstanceOf(ModelNotFoundException.class);
      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("gemma3:1b");

      runOneShotTasks(
          scheduler); // only the refresh queued by the failure, not the periodic refresh

      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("llama3.2:latest");
    }
  }

  private static void runOneShotTasks(ManualScheduler scheduler) {
    for (ManualScheduler.Task t : scheduler.liveTasks()) {
      if (t.periodNanos == 0 && !t.ran) {
        t.ran = true;
        t.action.run();
      }
    }
  }
}
