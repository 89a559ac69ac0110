package io.taskoptimizer.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.TokenListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring a simulation uses: an in-process provider (no HTTP) that also serves the judge model,
 * a one-criterion rubric, synchronous seeded judging of every call; the judge's grades move the
 * quality posterior that selection uses, and the judge model is not a task candidate.
 */
class InProcessJudgeTest {

  private static final TaskType TASK = TaskType.of("summary");
  private static final String JUDGE = "sim-judge:7b";

  @TempDir Path dir;

  /** Answers "quality=0.9" for every task model; the judge grades every answer 2 of 10. */
  private static final class InProcessProvider implements ModelProvider {
    @Override
    public String id() {
      return "simulated";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return List.of(
          ModelDescriptor.of("good:1b", id()),
          ModelDescriptor.of("other:1b", id()),
          // a capability other than "completion" keeps the judge out of the tasks' candidates
          ModelDescriptor.builder(JUDGE, id()).capabilities(List.of("judge")).build());
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      String model = request.model().orElseThrow();
      String text =
          model.equals(JUDGE)
              ? "{\"criteria\":[{\"name\":\"quality\",\"score\":2,\"reason\":\"simulated\"}]}"
              : "quality=0.9";
      return GenerationResult.builder(text, model)
          .doneReason("stop")
          .totalTime(Duration.ofMillis(100))
          .build();
    }
  }

  /** Reads the quality the provider wrote into the answer. */
  private static final class ReadingAssessor implements QualityAssessor {
    @Override
    public String id() {
      return "sim-reader";
    }

    @Override
    public boolean supports(TaskType task) {
      return !task.equals(Judge.TASK);
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(Double.parseDouble(input.output().substring("quality=".length())));
    }
  }

  @Test
  void judgeGradesFromAnInProcessProviderMoveTheQualityPosterior() {
    try (TaskOptimizer optimizer =
            TaskOptimizer.builder()
                .configDirectory(dir)
                .addProvider(new InProcessProvider())
                .addAssessor(new ReadingAssessor())
                .feedbackFlushInterval(Duration.ZERO)
                .build();
        Judge judge =
            Judge.builder(optimizer)
                .addTask(TASK)
                .sampleRate(1.0)
                .seed(7)
                .executor(Runnable::run)
                .addJudgeModel(JUDGE)
                .rubric(Rubric.builder(TASK).criterion("quality", "Overall quality.").build())
                .evidenceWeight(3)
                .build()) {
      optimizer.replaceRankings(
          Map.of(
              TASK,
              List.of(
                  new RankedModel("good:1b", 0.9, 0.5), new RankedModel("other:1b", 0.5, 0.5))));
      assertThat(optimizer.estimatesFor(TASK)).extracting(ArmEstimate::model).doesNotContain(JUDGE);

      for (int i = 0; i < 20; i++) {
        optimizer.execute(
            TASK, GenerationRequest.builder().user("Summarise " + i).model("good:1b").build());
      }

      assertThat(judge.stats().verdicts()).isEqualTo(20);
      assertThat(judge.stats().judgeCalls()).isEqualTo(1); // the same answer each time: cached
      double quality =
          optimizer.estimatesFor(TASK).stream()
              .filter(a -> a.model().equals("good:1b"))
              .mapToDouble(ArmEstimate::quality)
              .findFirst()
              .orElseThrow();
      // 20 assessor ratings of 0.9 and 20 x 3 judge grades of 1/9: the mean lies between
      assertThat(quality).isLessThan(0.5).isGreaterThan(1.0 / 9);
    }
  }
}
