package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.ExecutionListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic hooks the judge module uses: execution listeners and quality-only evidence. */
class ExecutionHooksTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private TaskOptimizer.Builder seeded(FakeProvider provider) {
    TestConfig.withSeedFiles(dir);
    return TestConfig.builder(dir, scheduler).addProvider(provider);
  }

  @Test
  void listenersSeeFinishedExecutionsAfterFeedbackAndAFailingListenerChangesNothing() {
    FakeProvider provider =
        new FakeProvider("fake", TestConfig.SEED_MODELS.toArray(String[]::new))
            .respondText("An answer.");
    List<Long> executionsSeen = new CopyOnWriteArrayList<>();
    List<ExecutionResult> seen = new CopyOnWriteArrayList<>();
    ExecutionListener failing =
        (req, r) -> {
          throw new IllegalStateException("listener bug");
        };
    try (TaskOptimizer optimizer = seeded(provider).addExecutionListener(failing).build()) {
      long before =
          optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow().executions();
      ExecutionListener recording =
          (req, r) -> {
            executionsSeen.add(
                optimizer.feedback(r.task(), r.model()).map(ModelFeedback::executions).orElse(-1L));
            assertThat(req.model()).contains(r.model());
            seen.add(r);
          };
      optimizer.addExecutionListener(recording);

      ExecutionResult r =
          optimizer.execute(
              TaskType.SELF_ASSESSMENT,
              GenerationRequest.builder().user("Assess me").model("gemma3:1b").build());

      assertThat(seen).containsExactly(r);
      assertThat(executionsSeen).containsExactly(before + 1); // feedback was recorded first

      optimizer.removeExecutionListener(recording);
      optimizer.execute(
          TaskType.SELF_ASSESSMENT,
          GenerationRequest.builder().user("Again").model("gemma3:1b").build());
      assertThat(seen).hasSize(1);
    }
  }

  @Test
  void recordQualityMovesOnlyTheQualityPosteriorAndIsPersistedInTheSelectionState()
      throws Exception {
    FakeProvider provider = new FakeProvider("fake", TestConfig.SEED_MODELS.toArray(String[]::new));
    TaskType task = TaskType.SELF_ASSESSMENT;
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      ArmEstimate before = estimate(optimizer, task, "gemma3:1b");
      ModelFeedback feedbackBefore = optimizer.feedback(task, "gemma3:1b").orElseThrow();

      for (int i = 0; i < 20; i++) {
        optimizer.recordQuality(task, "gemma3:1b", 0.0, "judge:test");
      }

      ArmEstimate after = estimate(optimizer, task, "gemma3:1b");
      assertThat(after.quality()).isLessThan(before.quality());
      assertThat(after.failureRate()).isEqualTo(before.failureRate());
      assertThat(after.speed()).isEqualTo(before.speed());
      ModelFeedback feedbackAfter = optimizer.feedback(task, "gemma3:1b").orElseThrow();
      assertThat(feedbackAfter.executions()).isEqualTo(feedbackBefore.executions());
      assertThat(feedbackAfter.successes()).isEqualTo(feedbackBefore.successes());
      optimizer.flush();
    }
    assertThat(Files.readString(dir.resolve("model_selection_state.json"))).contains("gemma3:1b");
    byte[] feedback = Files.readAllBytes(dir.resolve(TestConfig.FEEDBACK));
    assertThat(feedback).isEqualTo(TestConfig.seed(TestConfig.FEEDBACK));
    try (TaskOptimizer reopened =
        TestConfig.builder(dir, scheduler).addProvider(provider).build()) {
      assertThat(estimate(reopened, task, "gemma3:1b").quality()).isLessThan(0.5);
    }
  }

  @Test
  void recordQualityRejectsBadArguments() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(() -> optimizer.recordQuality(TaskType.COVER_LETTER, "m", 1.5, "judge"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between 0 and 1");
      assertThatThrownBy(() -> optimizer.recordQuality(TaskType.COVER_LETTER, "m", 0.5, 0, "judge"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("weight");
      assertThatThrownBy(() -> optimizer.recordQuality(TaskType.COVER_LETTER, "m", 0.5, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
    }
  }

  private static ArmEstimate estimate(TaskOptimizer optimizer, TaskType task, String model) {
    return optimizer.estimatesFor(task).stream()
        .filter(a -> a.model().equals(model))
        .findFirst()
        .orElseThrow();
  }
}
