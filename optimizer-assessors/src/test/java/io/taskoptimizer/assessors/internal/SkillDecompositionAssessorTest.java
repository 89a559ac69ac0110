package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import org.junit.jupiter.api.Test;

class SkillDecompositionAssessorTest {

  private final SkillDecompositionAssessor assessor = new SkillDecompositionAssessor();
  private static final TaskType TASK = TaskType.SKILL_DECOMPOSITION;

  @Test
  void scoresValidJsonWithDistinctSkillsFull() {
    QualityScore s =
        assessor.assess(
            Fixtures.json(
                TASK, "{\"skills\": [\"Java\", \"Spring Boot\", \"REST API design\", \"SQL\"]}"));

    assertThat(s.score()).isEqualTo(1.0);
    assertThat(s.breakdown())
        .containsEntry("json_valid", 1.0)
        .containsEntry("distinct_skills", 1.0)
        .containsEntry("no_duplicates", 1.0);
  }

  @Test
  void readsSkillsFromObjectsKeysAndBareArrays() {
    assertThat(
            SkillDecompositionAssessor.skillsFromJson(
                JsonOutput.parse(
                        "[{\"name\": \"Python\", \"level\": \"advanced\"}, {\"name\": \"Pandas\"}, {\"name\": \"SQL\"}]")
                    .root
                    .get()))
        .containsExactly("Python", "Pandas", "SQL");
    assertThat(
            SkillDecompositionAssessor.skillsFromJson(
                JsonOutput.parse("{\"Kenntnisse\": {\"Python\": \"gut\", \"SQL\": \"sehr gut\"}}")
                    .root
                    .get()))
        .containsExactly("Python", "SQL");
    assertThat(
            SkillDecompositionAssessor.skillsFromJson(
                JsonOutput.parse(
                        "{\"requirement\": \"data analysis\", \"sub_skills\": [\"statistics\", \"SQL\", \"visualisation\"]}")
                    .root
                    .get()))
        .containsExactly("statistics", "SQL", "visualisation");
  }

  @Test
  void penalisesFewerThanThreeSkills() {
    QualityScore s = assessor.assess(Fixtures.json(TASK, "{\"skills\": [\"Java\", \"SQL\"]}"));

    assertThat(s.breakdown().get("distinct_skills"))
        .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.notes()).contains("2 distinct skill(s), expected at least 3");
  }

  @Test
  void penalisesDuplicatesIgnoringCaseAndWordOrder() {
    QualityScore s =
        assessor.assess(
            Fixtures.json(
                TASK,
                "[\"SQL\", \"sql\", \"Advanced SQL\", \"SQL, advanced\", \"Python\", \"Statistics\"]"));

    assertThat(s.breakdown().get("no_duplicates"))
        .isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.breakdown().get("distinct_skills")).isEqualTo(1.0);
  }

  @Test
  void givesPartialJsonCreditForFencesAndNoneForProse() {
    QualityScore fenced =
        assessor.assess(Fixtures.json(TASK, "```json\n[\"Java\", \"SQL\", \"Kafka\"]\n```"));
    QualityScore prose =
        assessor.assess(Fixtures.json(TASK, "The skills are Java, SQL and Kafka."));

    assertThat(fenced.breakdown().get("json_valid")).isEqualTo(JsonOutput.Status.FENCED.credit);
    assertThat(prose.breakdown().get("json_valid")).isZero();
    assertThat(prose.score()).isLessThan(fenced.score());
  }

  @Test
  void readsListsWhenTextWasAskedFor() {
    QualityScore s =
        assessor.assess(
            Fixtures.text(
                TASK,
                "1. Statistik: Grundlagen der Inferenz\n2. SQL\n3. Datenvisualisierung\n4. Python"));

    assertThat(s.breakdown())
        .doesNotContainKey("json_valid")
        .containsEntry("distinct_skills", 1.0)
        .containsEntry("no_duplicates", 1.0);
  }

  @Test
  void rejectsTrailingChatAfterJsonAsNotValidJson() {
    QualityScore s =
        assessor.assess(
            Fixtures.json(
                TASK, "[\"Java\", \"SQL\", \"Kafka\"]\n\nLet me know if you need more skills!"));

    assertThat(s.breakdown().get("json_valid")).isEqualTo(JsonOutput.Status.EMBEDDED.credit);
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).startsWith("chatty sign-off"));
  }

  @Test
  void scoresEmptyJsonAsNoSkills() {
    QualityScore s = assessor.assess(Fixtures.json(TASK, "{}"));

    assertThat(s.breakdown())
        .containsEntry("distinct_skills", 0.0)
        .containsEntry("no_duplicates", 0.0);
    assertThat(s.score()).isLessThanOrEqualTo(0.4);
  }
}
