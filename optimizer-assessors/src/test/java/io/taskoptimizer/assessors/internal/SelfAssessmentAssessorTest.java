package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfAssessmentAssessorTest {

  private final SelfAssessmentAssessor assessor = new SelfAssessmentAssessor();

  private static final String GOOD_EN =
      """
      I have six years of Java experience, the last four with Spring Boot microservices.

      PostgreSQL is my main database; I tuned slow queries and designed partitioned tables. I built Kafka \
      consumers with dead-letter handling. I use Docker daily and write Kubernetes manifests.

      My English is fluent and my German is basic.

      Overall: a strong fit, 8/10.
      """;

  private static final String GOOD_DE =
      """
      Ich habe Statistik studiert und arbeite seit drei Jahren mit SQL und Python.

      Dashboards baue ich mit Power BI, vor allem für Vertriebskennzahlen. Deutsch ist meine Muttersprache.

      Fazit: Ich passe gut zu der Stelle.
      """;

  @Test
  void readsOnlyTheRequirementsOfAPosting() {
    assertThat(Postings.requirements(Fixtures.POSTING_EN))
        .containsExactly(
            "5+ years of experience with Java and Spring Boot",
            "Solid knowledge of PostgreSQL and query tuning",
            "Experience with Kafka or another message broker",
            "Familiarity with Docker and Kubernetes",
            "Fluent English; German is a plus");
    assertThat(Postings.requirements(Fixtures.POSTING_DE))
        .containsExactly(
            "Abgeschlossenes Studium der Statistik oder Informatik",
            "Sehr gute Kenntnisse in SQL und Python",
            "Erfahrung mit Power BI",
            "Sichere Deutschkenntnisse");
  }

  @Test
  void scoresAnEnglishAssessmentThatCoversThePostingHigh() {
    QualityScore s =
        assessor.assess(
            Fixtures.withInputs(
                TaskType.SELF_ASSESSMENT,
                GOOD_EN,
                Map.of(
                    GenerationRequest.INPUT_JOB_POSTING,
                    Fixtures.POSTING_EN,
                    GenerationRequest.INPUT_SKILLS,
                    "Java, Spring Boot, Kafka")));

    assertThat(s.breakdown())
        .containsEntry("requirements_mentioned", 1.0)
        .containsEntry("skills_mentioned", 1.0)
        .containsEntry("conclusion", 1.0);
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void scoresAGermanAssessmentAgainstAGermanPosting() {
    QualityScore s =
        assessor.assess(
            Fixtures.withPosting(
                TaskType.SELF_ASSESSMENT, GOOD_DE, Fixtures.POSTING_DE, ResponseFormat.TEXT));

    assertThat(s.breakdown().get("requirements_mentioned")).isGreaterThan(0.7);
    assertThat(s.breakdown().get("conclusion")).isEqualTo(0.8);
  }

  @Test
  void scoresAGenericAnswerThatIgnoresThePostingLow() {
    String generic =
        """
        I am a motivated team player with excellent communication abilities.

        I enjoy learning new things and I always deliver on time.

        In conclusion, I would be a valuable addition.
        """;

    QualityScore s =
        assessor.assess(
            Fixtures.withInputs(
                TaskType.SELF_ASSESSMENT,
                generic,
                Map.of(
                    GenerationRequest.INPUT_JOB_POSTING,
                    Fixtures.POSTING_EN,
                    GenerationRequest.INPUT_SKILLS,
                    "Java, Spring Boot, Kafka")));

    assertThat(s.breakdown().get("requirements_mentioned")).isLessThan(0.2);
    assertThat(s.breakdown().get("skills_mentioned")).isZero();
    assertThat(s.score()).isLessThan(0.4);
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("requirements not mentioned"));
  }

  @Test
  void givesPartialCreditForPartlyAddressedRequirements() {
    String partial = "I have worked with Java for years. Overall a good fit.";

    QualityScore s =
        assessor.assess(
            Fixtures.withPosting(
                TaskType.SELF_ASSESSMENT, partial, Fixtures.POSTING_EN, ResponseFormat.TEXT));

    assertThat(s.breakdown().get("requirements_mentioned")).isBetween(0.05, 0.4);
  }

  @Test
  void requiresAConclusionOrRating() {
    String noConclusion =
        "I have used Java, Spring Boot and PostgreSQL.\n\nI built Kafka consumers.";

    QualityScore s = assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, noConclusion));

    assertThat(s.breakdown())
        .containsEntry("conclusion", 0.0)
        .doesNotContainKeys("requirements_mentioned", "skills_mentioned");
    assertThat(s.notes()).contains("no conclusion or rating");
  }

  @Test
  void recognisesRatingsInSeveralForms() {
    for (String rating :
        new String[] {
          "Match: 85%",
          "Rating: high",
          "7 out of 10",
          "Bewertung: gut",
          "4/5",
          "Eignung: hoch",
          "8 von 10 Punkten"
        }) {
      QualityScore s =
          assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, "I know Java well. " + rating));
      assertThat(s.breakdown().get("conclusion")).as(rating).isEqualTo(1.0);
    }
  }

  @Test
  void fallsBackToTheRequirementsListedInThePrompt() {
    AssessmentInput in =
        Fixtures.withPrompt(
            Fixtures.text(TaskType.SELF_ASSESSMENT, GOOD_EN),
            "Write a self-assessment. Answer in English.\n\nRequirements:\n- Java and Spring Boot\n- Rust\n");

    QualityScore s = assessor.assess(in);

    assertThat(s.breakdown().get("requirements_mentioned")).isEqualTo(0.5);
  }

  @Test
  void ignoresStuffedFillerWords() {
    // "experience", "knowledge" and "years" appear in every requirement; they must not count as
    // mentions
    String filler = "Experience, knowledge, years, skills and abilities. Overall a fit.";

    QualityScore s =
        assessor.assess(
            Fixtures.withPosting(
                TaskType.SELF_ASSESSMENT, filler, Fixtures.POSTING_EN, ResponseFormat.TEXT));

    assertThat(s.breakdown().get("requirements_mentioned")).isZero();
  }
}
