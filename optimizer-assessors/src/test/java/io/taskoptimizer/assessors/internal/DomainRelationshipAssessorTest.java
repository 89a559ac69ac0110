package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainRelationshipAssessorTest {

  private final DomainRelationshipAssessor assessor = new DomainRelationshipAssessor();
  private static final TaskType TASK = TaskType.DOMAIN_RELATIONSHIP;

  @Test
  void scoresAKeyedJsonScoreInTheDefaultRangeFull() {
    QualityScore s =
        assessor.assess(
            Fixtures.json(
                TASK,
                "{\"relationship_score\": 0.75, \"explanation\": \"Both need statistics; 3 shared methods.\"}"));

    assertThat(s.score()).isEqualTo(1.0);
    assertThat(s.breakdown())
        .containsEntry("json_valid", 1.0)
        .containsEntry("scores_parsable", 1.0)
        .containsEntry("scores_in_range", 1.0);
  }

  @Test
  void readsTheRangeFromThePromptInEnglishAndGerman() {
    AssessmentInput en =
        Fixtures.withPrompt(Fixtures.text(TASK, "x"), "Rate it on a scale from 1 to 10.");
    AssessmentInput de =
        Fixtures.withPrompt(Fixtures.text(TASK, "x"), "Bewerte die Nähe von 0 bis 100.");
    AssessmentInput between =
        Fixtures.withPrompt(Fixtures.text(TASK, "x"), "Give a score between 0 and 5.");
    AssessmentInput none = Fixtures.text(TASK, "x");

    assertThat(DomainRelationshipAssessor.range(en)).containsExactly(1.0, 10.0);
    assertThat(DomainRelationshipAssessor.range(de)).containsExactly(0.0, 100.0);
    assertThat(DomainRelationshipAssessor.range(between)).containsExactly(0.0, 5.0);
    assertThat(DomainRelationshipAssessor.range(none)).containsExactly(0.0, 1.0);
  }

  @Test
  void prefersTheScoreRangeInput() {
    AssessmentInput in =
        Fixtures.withPrompt(
            Fixtures.withInputs(
                TASK, "Score: 7", Map.of(DomainRelationshipAssessor.INPUT_SCORE_RANGE, "0-10")),
            "Rate it between 0 and 1.");

    assertThat(DomainRelationshipAssessor.range(in)).containsExactly(0.0, 10.0);
    assertThat(assessor.assess(in).breakdown().get("scores_in_range")).isEqualTo(1.0);
  }

  @Test
  void penalisesScoresOutsideTheAskedRange() {
    AssessmentInput in =
        Fixtures.withPrompt(
            Fixtures.json(
                TASK,
                "{\"pairs\": [{\"a\": \"SQL\", \"b\": \"Python\", \"score\": 0.6}, {\"a\": \"SQL\", \"b\": \"Excel\", \"score\": 8}]}"),
            "Score each pair between 0 and 1.");

    QualityScore s = assessor.assess(in);

    assertThat(s.breakdown())
        .containsEntry("scores_parsable", 1.0)
        .containsEntry("scores_in_range", 0.5);
    assertThat(s.notes()).contains("1 of 2 scores outside 0..1, e.g. 8");
  }

  @Test
  void readsScoresFromTextIncludingFractions() {
    AssessmentInput in =
        Fixtures.withPrompt(
            Fixtures.text(
                TASK, "Relationship strength: 7/10.\nBoth domains share modelling techniques."),
            "Rate from 0 to 10.");

    QualityScore s = assessor.assess(in);

    assertThat(s.breakdown())
        .containsEntry("scores_parsable", 1.0)
        .containsEntry("scores_in_range", 1.0);
  }

  @Test
  void rejectsAFractionWithTheWrongScale() {
    QualityScore s = assessor.assess(Fixtures.text(TASK, "Similarity: 4/5"));

    assertThat(s.breakdown().get("scores_in_range")).isZero();
  }

  @Test
  void scoresAnAnswerWithoutAnyNumberLow() {
    QualityScore s =
        assessor.assess(Fixtures.text(TASK, "They are quite closely related, I would say."));

    assertThat(s.breakdown())
        .containsEntry("scores_parsable", 0.0)
        .containsEntry("scores_in_range", 0.0);
    assertThat(s.score()).isZero();
    assertThat(s.notes()).contains("no score could be read");
  }

  @Test
  void acceptsGermanDecimalCommas() {
    QualityScore s =
        assessor.assess(Fixtures.text(TASK, "Ähnlichkeit: 0,8 - beide nutzen Statistik."));

    assertThat(s.breakdown().get("scores_in_range")).isEqualTo(1.0);
  }

  @Test
  void ignoresListNumbering() {
    QualityScore s = assessor.assess(Fixtures.text(TASK, "1. closely related\n2. 0.9 overall"));

    assertThat(s.breakdown().get("scores_in_range")).isEqualTo(1.0);
  }
}
