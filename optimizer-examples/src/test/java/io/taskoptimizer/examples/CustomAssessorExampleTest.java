package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomAssessorExampleTest {

  private static final String LETTER =
      "Dear Hiring Manager,\n\nI am a results-driven rockstar and a true ninja.\n\n"
          + "Kind regards,\nAlex";

  @TempDir Path dir;

  @Test
  void theServicesFileMakesTheAssessorDiscoverableNextToTheBuiltInOnes() {
    try (TaskOptimizer optimizer = CustomAssessorExample.discovered(ExampleFiles.config(dir))) {
      assertThat(optimizer.assessors())
          .extracting(QualityAssessor::id)
          .contains(BuzzwordAssessor.ID, "optimizer-general", "optimizer-cover-letter");
      assertThat(
              optimizer
                  .assess(AssessmentInput.of(TaskType.COVER_LETTER, LETTER))
                  .orElseThrow()
                  .breakdown())
          .containsEntry(BuzzwordAssessor.ID + ".no_buzzwords", 0.25);
    }
  }

  @Test
  void anExplicitAssessorReplacesDiscovery() {
    try (TaskOptimizer optimizer = CustomAssessorExample.explicit(ExampleFiles.config(dir))) {
      assertThat(optimizer.assessors())
          .extracting(QualityAssessor::id)
          .containsExactly(BuzzwordAssessor.ID);
      assertThat(
              optimizer
                  .assess(AssessmentInput.of(TaskType.COVER_LETTER, LETTER))
                  .orElseThrow()
                  .score())
          .isEqualTo(0.25);
      assertThat(optimizer.assess(AssessmentInput.of(TaskType.JOB_EXTRACTION, LETTER))).isEmpty();
    }
  }
}
