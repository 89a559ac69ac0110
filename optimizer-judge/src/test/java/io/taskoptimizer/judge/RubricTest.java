package io.taskoptimizer.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.TaskType;
import org.junit.jupiter.api.Test;

class RubricTest {

  @Test
  void builtInRubricsFollowTheAssessorsAndShareThreeCriteria() {
    assertThat(Rubric.forTask(TaskType.COVER_LETTER).names())
        .containsExactly(
            "length",
            "greeting_and_closing",
            "mentions_role",
            "instructions",
            "no_filler",
            "clarity");
    assertThat(Rubric.forTask(TaskType.JOB_EXTRACTION).names())
        .contains("fields_present", "grounded", "no_marketing");
    assertThat(Rubric.forTask(TaskType.SELF_ASSESSMENT).names())
        .contains("requirements_addressed", "conclusion");
    assertThat(Rubric.forTask(TaskType.of("summary")).names())
        .containsExactly("instructions", "no_filler", "clarity");
  }

  @Test
  void editingARubricChangesItsHash() {
    Rubric base = Rubric.forTask(TaskType.COVER_LETTER);
    Rubric edited =
        base.toBuilder().remove("length").criterion("tone", "Warm and professional.").build();

    assertThat(edited.names()).doesNotContain("length").endsWith("tone");
    assertThat(edited.hash()).isNotEqualTo(base.hash()).hasSize(16);
    assertThat(Rubric.forTask(TaskType.COVER_LETTER).hash()).isEqualTo(base.hash());
    assertThat(base.toBuilder().criterion("clarity", "Readable.").build().hash())
        .isNotEqualTo(base.hash());
  }

  @Test
  void badCriteriaAreRejectedWithTheReason() {
    Rubric.Builder b = Rubric.builder(TaskType.COVER_LETTER);
    assertThatThrownBy(() -> b.criterion("Tone!", "x")).hasMessageContaining("lowercase");
    assertThatThrownBy(() -> b.criterion("tone", "two\nlines"))
        .hasMessageContaining("one non-blank line");
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 to 20");
    assertThatThrownBy(() -> b.remove("nope")).hasMessageContaining("no criterion 'nope'");
  }
}
