package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;
import org.junit.jupiter.api.Test;

/**
 * The testkit's contract (range, determinism, thread safety, huge and empty input) plus our own
 * rules.
 */
class BuzzwordAssessorTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new BuzzwordAssessor();
  }

  @Override
  protected boolean emptyOutputScoresZero() {
    return false; // an empty letter has no buzzwords; the built-in assessors punish emptiness
  }

  @Test
  void aPlainLetterScoresFull() {
    QualityScore q =
        new BuzzwordAssessor()
            .assess(
                AssessmentInput.of(
                    TaskType.COVER_LETTER,
                    "Dear Ms Becker, I built payment services in Java for seven years. Kind regards, Alex"));

    assertThat(q.score()).isEqualTo(1.0);
    assertThat(q.notes()).isEmpty();
  }

  @Test
  void eachDistinctBuzzwordCostsAQuarterWhateverItsCase() {
    QualityScore q =
        new BuzzwordAssessor()
            .assess(
                AssessmentInput.of(
                    TaskType.COVER_LETTER,
                    "I am a Rockstar ninja and a rockstar who finds SYNERGY."));

    assertThat(q.score()).isEqualTo(0.25);
    assertThat(q.breakdown()).containsEntry("no_buzzwords", 0.25);
    assertThat(q.notes()).containsExactly("buzzwords: rockstar, ninja, synergy");
  }

  @Test
  void wordsThatMerelyContainABuzzwordDoNotCount() {
    QualityScore q =
        new BuzzwordAssessor()
            .assess(
                AssessmentInput.of(
                    TaskType.SELF_ASSESSMENT,
                    "I led the guruswamy migration and the ninjas-free rollout with a wizardly team."));

    assertThat(q.score()).isEqualTo(1.0);
  }

  @Test
  void appliesToCoverLettersAndSelfAssessmentsOnly() {
    BuzzwordAssessor a = new BuzzwordAssessor();

    assertThat(a.supports(TaskType.COVER_LETTER)).isTrue();
    assertThat(a.supports(TaskType.SELF_ASSESSMENT)).isTrue();
    assertThat(a.supports(TaskType.JOB_EXTRACTION)).isFalse();
    assertThat(a.supports(TaskType.of("interview_prep"))).isFalse();
  }
}
