package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractionAssessorTest {

  private final ExtractionAssessor assessor = new ExtractionAssessor();

  private static AssessmentInput extraction(String output) {
    return Fixtures.withPosting(
        TaskType.JOB_EXTRACTION, output, Fixtures.POSTING_EN, ResponseFormat.JSON);
  }

  @Test
  void scoresAFaithfulCompleteExtractionFull() {
    QualityScore s =
        assessor.assess(
            extraction(
                """
        {"title": "Senior Backend Engineer", "company": "Nordlicht Logistics GmbH", "location": "Hamburg",
         "requirements": ["5+ years of Java and Spring Boot", "PostgreSQL and query tuning", "Kafka",
                          "Docker and Kubernetes", "Fluent English"]}
        """));

    assertThat(s.breakdown())
        .containsEntry("json_valid", 1.0)
        .containsEntry("fields_present", 1.0)
        .containsEntry("grounded", 1.0)
        .containsEntry("no_marketing", 1.0);
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void findsFieldsUnderGermanAndNestedAliases() {
    AssessmentInput in =
        Fixtures.withPosting(
            TaskType.JOB_EXTRACTION,
            """
        {"stelle": {"Stellenbezeichnung": "Data Analyst", "Unternehmen": "Sonnenfeld Energie AG",
          "Standort": "Leipzig", "Anforderungen": ["SQL und Python", "Power BI", "Studium der Statistik"]}}
        """,
            Fixtures.POSTING_DE,
            ResponseFormat.JSON);

    QualityScore s = assessor.assess(in);

    assertThat(s.breakdown()).containsEntry("fields_present", 1.0).containsEntry("grounded", 1.0);
  }

  @Test
  void penalisesMissingAndEmptyFields() {
    QualityScore s =
        assessor.assess(
            extraction(
                "{\"title\": \"Senior Backend Engineer\", \"company\": \"\", \"location\": \"unknown\", \"requirements\": []}"));

    assertThat(s.breakdown().get("fields_present"))
        .isCloseTo((1 + 0 + 0.5 + 0) / 4.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.notes()).contains("missing or empty field(s): company, location, requirements");
  }

  @Test
  void penalisesRequirementsTheSourceDoesNotContain() {
    QualityScore s =
        assessor.assess(
            extraction(
                """
        {"title": "Senior Backend Engineer", "company": "Nordlicht Logistics GmbH", "location": "Hamburg",
         "requirements": ["Java and Spring Boot", "Rust", "Terraform certification", "AWS Lambda"]}
        """));

    assertThat(s.breakdown().get("grounded")).isLessThan(0.6);
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("not found in the source"));
  }

  @Test
  void penalisesBenefitsAmongTheRequirements() {
    QualityScore s =
        assessor.assess(
            extraction(
                """
        {"title": "Senior Backend Engineer", "company": "Nordlicht Logistics GmbH", "location": "Hamburg",
         "requirements": ["Java and Spring Boot", "PostgreSQL", "Flexible working hours", "30 days of vacation"],
         "benefits": ["free fruit basket"]}
        """));

    assertThat(s.breakdown().get("no_marketing"))
        .isCloseTo(0.5 * 0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.notes()).contains("benefits section included though not asked for");
  }

  @Test
  void acceptsBenefitsWhenTheSchemaRequiresThem() {
    AssessmentInput in =
        new AssessmentInput(
            TaskType.JOB_EXTRACTION,
            "{\"title\": \"Senior Backend Engineer\", \"benefits\": [\"30 days of vacation\"]}",
            "",
            Map.of(),
            ResponseFormat.jsonSchema(
                "{\"type\":\"object\",\"required\":[\"title\",\"benefits\"]}"),
            Optional.empty());

    QualityScore s = assessor.assess(in);

    assertThat(ExtractionAssessor.requiredFields(in)).containsExactly("title", "benefits");
    assertThat(s.breakdown()).containsEntry("fields_present", 1.0);
    assertThat(s.notes()).doesNotContain("benefits section included though not asked for");
  }

  @Test
  void readsLabelledTextExtractions() {
    AssessmentInput in =
        Fixtures.withPosting(
            TaskType.JOB_EXTRACTION,
            """
        **Title:** Senior Backend Engineer
        **Company:** Nordlicht Logistics GmbH
        **Location:** Hamburg
        **Requirements:**
        - Java and Spring Boot
        - PostgreSQL
        - Kafka
        """,
            Fixtures.POSTING_EN,
            ResponseFormat.TEXT);

    QualityScore s = assessor.assess(in);

    assertThat(s.breakdown())
        .doesNotContainKey("json_valid")
        .containsEntry("fields_present", 1.0)
        .containsEntry("grounded", 1.0)
        .containsEntry("no_marketing", 1.0);
  }

  @Test
  void treatsABareArrayAsTheRequirementsOfJobRequirements() {
    AssessmentInput in =
        Fixtures.withPosting(
            TaskType.JOB_REQUIREMENTS,
            "[\"Java and Spring Boot\", \"PostgreSQL\", \"Kafka\"]",
            Fixtures.POSTING_EN,
            ResponseFormat.JSON);

    QualityScore s = assessor.assess(in);

    assertThat(ExtractionAssessor.requiredFields(in)).containsExactly("requirements");
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void honoursTheRequiredFieldsInput() {
    AssessmentInput in =
        new AssessmentInput(
            TaskType.JOB_EXTRACTION,
            "{\"salary\": \"60k\", \"title\": \"Dev\"}",
            "",
            Map.of(ExtractionAssessor.INPUT_REQUIRED_FIELDS, "salary, job_title, remote"),
            ResponseFormat.JSON,
            Optional.empty());

    QualityScore s = assessor.assess(in);

    assertThat(ExtractionAssessor.requiredFields(in)).containsExactly("salary", "title", "remote");
    assertThat(s.breakdown().get("fields_present"))
        .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void scoresAnExtractionWithoutSourceWithoutTheGroundingCriterion() {
    QualityScore s =
        assessor.assess(Fixtures.json(TaskType.JOB_REQUIREMENTS, "{\"requirements\": [\"Java\"]}"));

    assertThat(s.breakdown()).doesNotContainKey("grounded");
  }
}
