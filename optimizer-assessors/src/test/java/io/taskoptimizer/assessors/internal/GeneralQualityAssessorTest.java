package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import org.junit.jupiter.api.Test;

class GeneralQualityAssessorTest {

  private final GeneralQualityAssessor assessor = new GeneralQualityAssessor();

  private static final String GOOD_SELF_ASSESSMENT =
      """
      I have spent six years building backend services in Java, most of them with Spring Boot. At my \
      current employer I designed the order pipeline that now handles forty thousand orders a day, and I \
      introduced contract tests that cut our production incidents by half.

      My database work centres on PostgreSQL. I tuned slow reporting queries, added partitioning for the \
      event tables and wrote the runbook our on-call team still uses. Kafka I know from two projects, where \
      I built consumers with idempotent handling and dead-letter topics.

      Docker is part of my daily work. Kubernetes I have used as a developer rather than an operator: I \
      write deployment manifests and read cluster metrics, but I have not run a cluster myself. That is \
      the clearest gap against this role, and I would close it in the first months.

      I mentor two junior developers today, which matches the review and mentoring part of the position. \
      My English is fluent; my German is conversational.

      Overall I see a strong fit with this role, and I would rate my match at eight out of ten because of \
      the Kubernetes gap.
      """;

  @Test
  void scoresAWellStructuredSelfAssessmentHigh() {
    QualityScore s = assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, GOOD_SELF_ASSESSMENT));

    assertThat(s.score()).isGreaterThan(0.85);
    assertThat(s.breakdown()).containsOnlyKeys("structure", "length", "complexity", "signals");
    assertThat(s.breakdown().get("length")).isEqualTo(1.0);
  }

  @Test
  void scoresAWallOfTextLowerOnStructure() {
    String wall = GOOD_SELF_ASSESSMENT.replace("\n\n", " ");

    QualityScore paragraphs =
        assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, GOOD_SELF_ASSESSMENT));
    QualityScore single = assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, wall));

    assertThat(single.breakdown().get("structure")).isLessThan(0.6);
    assertThat(single.score()).isLessThan(paragraphs.score());
  }

  @Test
  void scoresLengthAgainstTheTaskBand() {
    QualityScore tooShort =
        assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, Fixtures.words(30)));
    QualityScore inBand =
        assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, Fixtures.words(300)));
    QualityScore wayTooLong =
        assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, Fixtures.words(1600)));

    assertThat(tooShort.breakdown().get("length"))
        .isCloseTo(30.0 / 150, org.assertj.core.data.Offset.offset(0.01));
    assertThat(inBand.breakdown().get("length")).isEqualTo(1.0);
    assertThat(wayTooLong.breakdown().get("length")).isZero();
  }

  @Test
  void detectsRepetitionLoops() {
    String loop = "I am a great fit for the role and I have experience.\n".repeat(60);

    QualityScore s = assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, loop));

    assertThat(s.breakdown().get("complexity")).isLessThan(0.4);
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("repeat earlier lines"));
  }

  @Test
  void scoresStructureByJsonValidityWhenJsonWasRequested() {
    QualityScore valid =
        assessor.assess(
            Fixtures.json(TaskType.SKILL_DECOMPOSITION, "[\"Java\", \"SQL\", \"Kafka\"]"));
    QualityScore fenced =
        assessor.assess(
            Fixtures.json(
                TaskType.SKILL_DECOMPOSITION, "```json\n[\"Java\", \"SQL\", \"Kafka\"]\n```"));
    QualityScore prose =
        assessor.assess(Fixtures.json(TaskType.SKILL_DECOMPOSITION, "Java, SQL and Kafka."));

    assertThat(valid.breakdown().get("structure")).isEqualTo(1.0);
    assertThat(fenced.breakdown().get("structure")).isEqualTo(JsonOutput.Status.FENCED.credit);
    assertThat(prose.breakdown().get("structure")).isZero();
    assertThat(valid.breakdown()).doesNotContainKey("complexity");
  }

  @Test
  void penalisesMarkdownHeadingsInACoverLetter() {
    String body = Fixtures.words(80);
    String letter =
        "Dear Ms Berg,\n\n" + body + "\n\n" + body + "\n\n" + body + "\n\nKind regards,\nAlex";
    String withHeadings =
        "# Cover Letter\n\nDear Ms Berg,\n\n## Motivation\n\n"
            + body
            + "\n\n"
            + body
            + "\n\n"
            + body
            + "\n\nKind regards,\nAlex";

    double plain =
        assessor.assess(Fixtures.text(TaskType.COVER_LETTER, letter)).breakdown().get("structure");
    double headed =
        assessor
            .assess(Fixtures.text(TaskType.COVER_LETTER, withHeadings))
            .breakdown()
            .get("structure");

    assertThat(plain).isEqualTo(1.0);
    assertThat(headed).isLessThan(0.7);
  }

  @Test
  void expectsListsOrLabelledLinesForExtractionAsText() {
    QualityScore list =
        assessor.assess(
            Fixtures.text(
                TaskType.JOB_REQUIREMENTS,
                "Requirements:\n- Java and Spring Boot\n- PostgreSQL\n- Kafka\n- Docker and Kubernetes"));
    QualityScore prose =
        assessor.assess(
            Fixtures.text(
                TaskType.JOB_REQUIREMENTS,
                "The job wants someone who knows Java and Spring Boot and PostgreSQL and also Kafka and Docker."));

    assertThat(list.breakdown().get("structure")).isEqualTo(1.0);
    assertThat(prose.breakdown().get("structure")).isLessThan(0.5);
  }

  @Test
  void appliesToCustomTasksWithTheDefaultBand() {
    TaskType custom = TaskType.of("interview_prep");

    QualityScore s = assessor.assess(Fixtures.text(custom, Fixtures.words(200)));

    assertThat(assessor.supports(custom)).isTrue();
    assertThat(s.breakdown().get("length")).isEqualTo(1.0);
  }

  @Test
  void scoresEmptyAndBlankOutputZero() {
    assertThat(assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, "")).score()).isZero();
    assertThat(assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, " \n\t ")).score()).isZero();
  }

  @Test
  void halvesTheScoreOfATruncatedOutput() {
    QualityScore whole =
        assessor.assess(Fixtures.text(TaskType.SELF_ASSESSMENT, GOOD_SELF_ASSESSMENT));
    QualityScore cut =
        assessor.assess(
            Fixtures.truncated(Fixtures.text(TaskType.SELF_ASSESSMENT, GOOD_SELF_ASSESSMENT)));

    assertThat(cut.score())
        .isCloseTo(whole.score() * 0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void scoresARefusalNearZero() {
    QualityScore s =
        assessor.assess(
            Fixtures.text(
                TaskType.SELF_ASSESSMENT,
                "I'm sorry, but I can't write a self-assessment for you because I don't know your experience."));

    assertThat(s.score()).isLessThan(0.1);
  }
}
