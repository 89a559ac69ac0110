package io.taskoptimizer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTypeTest {

  @Test
  void predefinedIdsAreTheKeysOfTheOriginalRankingsFile() {
    assertThat(TaskType.predefined())
        .extracting(TaskType::id)
        .containsExactly(
            "self_assessment",
            "skill_decomposition",
            "domain_relationship",
            "cover_letter",
            "job_requirements",
            "job_extraction");
    assertThat(TaskType.predefined()).allSatisfy(t -> assertThat(t.isPredefined()).isTrue());
  }

  @Test
  void predefinedDefaultWeightsMatchTheOriginalSystem() {
    assertThat(TaskType.SELF_ASSESSMENT.defaultWeights()).isEqualTo(PriorityWeights.of(0.6, 0.4));
    assertThat(TaskType.SKILL_DECOMPOSITION.defaultWeights())
        .isEqualTo(PriorityWeights.of(0.8, 0.2));
    assertThat(TaskType.DOMAIN_RELATIONSHIP.defaultWeights())
        .isEqualTo(PriorityWeights.of(1.0, 0.0));
    assertThat(TaskType.COVER_LETTER.defaultWeights()).isEqualTo(PriorityWeights.of(0.7, 0.3));
    assertThat(TaskType.JOB_REQUIREMENTS.defaultWeights()).isEqualTo(PriorityWeights.of(0.7, 0.3));
    assertThat(TaskType.JOB_EXTRACTION.defaultWeights()).isEqualTo(PriorityWeights.of(0.7, 0.3));
  }

  @Test
  void ofReturnsThePredefinedConstantForItsId() {
    assertThat(TaskType.of("cover_letter")).isSameAs(TaskType.COVER_LETTER);
  }

  @Test
  void customTaskTypesGetDefaultWeightsAndCompareById() {
    TaskType custom = TaskType.of("interview_prep");

    assertThat(custom.isPredefined()).isFalse();
    assertThat(custom.defaultWeights()).isEqualTo(PriorityWeights.of(0.7, 0.3));
    assertThat(custom)
        .isEqualTo(TaskType.of("interview_prep"))
        .hasSameHashCodeAs(TaskType.of("interview_prep"));
    assertThat(custom).isNotEqualTo(TaskType.COVER_LETTER);
    assertThat(custom).hasToString("interview_prep");
    assertThat(custom.compareTo(TaskType.COVER_LETTER)).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "task-2", "x_y_z", "0day"})
  void acceptsLowercaseIds(String id) {
    assertThat(TaskType.of(id).id()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Cover_Letter",
        "with space",
        "_leading",
        "-leading",
        "ümlaut",
        "a.b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void rejectsInvalidIdsSayingWhatIsAllowed(String id) {
    assertThatThrownBy(() -> TaskType.of(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + id + "'")
        .hasMessageContaining("lowercase letters, digits");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> TaskType.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
  }
}
