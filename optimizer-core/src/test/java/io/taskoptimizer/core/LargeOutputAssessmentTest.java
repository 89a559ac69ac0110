package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.AssessmentLimits;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runaway answer must neither exhaust the heap in assessment nor lose its feedback. */
class LargeOutputAssessmentTest {

  private static final TaskType TASK = TaskType.SELF_ASSESSMENT;

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  @Test
  void aThirtyMegabyteAnswerIsAssessedOnItsBeginningWithBoundedAllocation() {
    // 30 MB of ordinary words: tokenising all of it would allocate gigabytes
    String huge =
        "Strengths: seven years of Java, Spring Boot and Kafka; I mentored three engineers. "
            .repeat(30 * 1024 * 1024 / 84);
    assertThat(huge.length()).isGreaterThan(30 * 1000 * 1000);
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).autoDetectAssessors(true).build()) {
      AssessmentInput input = AssessmentInput.of(TASK, huge);
      AllocationMeter meter = new AllocationMeter();

      long before = meter.allocatedBytes();
      Optional<QualityScore> score = optimizer.assess(input);
      long allocated = meter.allocatedBytes() - before;

      // the capped prefix is 1 MiB characters; assessing it costs a small multiple of that, far
      // below what the whole answer would cost
      assertThat(allocated)
          .as("bytes allocated assessing %d characters", huge.length())
          .isLessThan(256L * 1024 * 1024);
      assertThat(score).isPresent();
      assertThat(score.get().notes())
          .contains(
              "only the first "
                  + AssessmentLimits.MAX_ASSESSED_CHARS
                  + " of "
                  + huge.length()
                  + " characters were assessed");
    }
  }

  @Test
  void feedbackIsRecordedWhenAnAssessorFailsEvenWithAnError() {
    FakeProvider provider = new FakeProvider("fake", "m:1b").respondText("a short answer");
    QualityAssessor exhausted =
        new QualityAssessor() {
          @Override
          public String id() {
            return "exhausted";
          }

          @Override
          public boolean supports(TaskType task) {
            return true;
          }

          @Override
          public QualityScore assess(AssessmentInput input) {
            throw new OutOfMemoryError("Java heap space (simulated)");
          }
        };
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler)
            .addProvider(provider)
            .addAssessor(exhausted)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      ExecutionResult result =
          optimizer.execute(TASK, GenerationRequest.builder().prompt("p").model("m:1b").build());

      assertThat(result.text()).isEqualTo("a short answer");
      assertThat(result.quality()).isEmpty();
      ModelFeedback f = optimizer.feedback(TASK, "m:1b").orElseThrow();
      assertThat(f.executions()).isEqualTo(1);
      assertThat(f.successes()).isEqualTo(1);
      assertThat(f.qualityRatings()).isEmpty();
    }
  }
}
