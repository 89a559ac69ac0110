package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverLetterAssessorTest {

  private final CoverLetterAssessor assessor = new CoverLetterAssessor();
  private static final TaskType TASK = TaskType.COVER_LETTER;

  private static String letterEn(int bodyWords) {
    return "Dear Ms Berg,\n\nI am applying for the Senior Backend Engineer position at Nordlicht Logistics.\n\n"
        + Fixtures.words(bodyWords)
        + "\n\nKind regards,\nAlex Example";
  }

  private static AssessmentInput withRole(String letter, String role) {
    return Fixtures.withInputs(TASK, letter, Map.of(GenerationRequest.INPUT_ROLE, role));
  }

  @Test
  void scoresAnEnglishLetterInTheBandWithGreetingClosingAndRoleFull() {
    QualityScore s = assessor.assess(withRole(letterEn(250), "Senior Backend Engineer (m/w/d)"));

    assertThat(s.breakdown())
        .containsEntry("word_count", 1.0)
        .containsEntry("greeting", 1.0)
        .containsEntry("closing", 1.0)
        .containsEntry("mentions_role", 1.0);
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void scoresAGermanLetter() {
    String letter =
        "Max Beispiel\nMusterweg 1\n12345 Leipzig\n\n12. März\n\nSehr geehrte Damen und Herren,\n\n"
            + "hiermit bewerbe ich mich als Data Analyst.\n\n"
            + Fixtures.words(240)
            + "\n\nMit freundlichen Grüßen\nMax Beispiel";

    QualityScore s = assessor.assess(withRole(letter, "Data Analyst (m/w/d)"));

    assertThat(s.breakdown())
        .containsEntry("greeting", 1.0)
        .containsEntry("closing", 1.0)
        .containsEntry("mentions_role", 1.0)
        .containsEntry("word_count", 1.0);
  }

  @Test
  void penalisesMissingGreetingAndClosing() {
    QualityScore s = assessor.assess(Fixtures.text(TASK, Fixtures.words(250)));

    assertThat(s.breakdown())
        .containsEntry("greeting", 0.0)
        .containsEntry("closing", 0.0)
        .doesNotContainKey("mentions_role");
    assertThat(s.notes()).contains("no greeting", "no closing");
    assertThat(s.score()).isLessThan(0.65);
  }

  @Test
  void scoresWordCountAgainstTheDefaultBand() {
    double short100 =
        assessor.assess(Fixtures.text(TASK, letterEn(80))).breakdown().get("word_count");
    double long900 =
        assessor.assess(Fixtures.text(TASK, letterEn(900))).breakdown().get("word_count");

    assertThat(short100).isBetween(0.4, 0.6);
    assertThat(long900).isZero();
  }

  @Test
  void takesTheWordBandFromThePrompt() {
    AssessmentInput in =
        Fixtures.withPrompt(
            Fixtures.text(TASK, letterEn(120)), "Write a cover letter of 100-150 words.");
    AssessmentInput de =
        Fixtures.withPrompt(
            Fixtures.text(TASK, letterEn(120)), "Schreibe ein Anschreiben mit maximal 150 Wörter.");

    assertThat(CoverLetterAssessor.wordBand(in)).containsExactly(100, 150);
    assertThat(CoverLetterAssessor.wordBand(de)).containsExactly(75, 150);
    assertThat(assessor.assess(in).breakdown().get("word_count")).isEqualTo(1.0);
  }

  @Test
  void givesPartialCreditWhenTheRoleIsParaphrased() {
    double r =
        CoverLetterAssessor.mentionsRole(
            "Senior Backend Engineer",
            Terms.normalize("I would love to join as a backend developer."));

    assertThat(r).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void penalisesTemplatePlaceholders() {
    String letter = letterEn(250).replace("Alex Example", "[Your Name]");

    QualityScore clean = assessor.assess(withRole(letterEn(250), "Senior Backend Engineer"));
    QualityScore templated = assessor.assess(withRole(letter, "Senior Backend Engineer"));

    assertThat(templated.score())
        .isCloseTo(
            clean.score() * (1 - Signals.PLACEHOLDER), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void doesNotTakeASignOffForAClosing() {
    String letter = "Dear Ms Berg,\n\n" + Fixtures.words(250) + "\n\nI hope this helps!";

    QualityScore s = assessor.assess(Fixtures.text(TASK, letter));

    assertThat(s.breakdown().get("closing")).isZero();
  }
}
