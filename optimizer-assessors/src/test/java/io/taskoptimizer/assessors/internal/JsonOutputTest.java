package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

  private static AssessmentInput input(String output, ResponseFormat format) {
    return new AssessmentInput(
        TaskType.SKILL_DECOMPOSITION, output, "", Map.of(), format, Optional.empty());
  }

  private static QualityScore finish(ScoreSheet sheet, AssessmentInput input) {
    return sheet.finish(Signals.check(input));
  }

  @Test
  void scoresJsonValidityWithTheStatusCreditAndNoteWhenJsonWasAskedFor() {
    AssessmentInput in = input("```json\n{\"skills\": [\"a\"]}\n```", ResponseFormat.JSON);
    ScoreSheet sheet = new ScoreSheet();
    JsonOutput parsed = JsonOutput.parseScoringValidity(in, sheet, 0.4);
    QualityScore fenced = finish(sheet, in);

    assertThat(fenced.breakdown())
        .containsEntry(JsonOutput.JSON_VALID, JsonOutput.Status.FENCED.credit);
    assertThat(fenced.notes()).contains(JsonOutput.Status.FENCED.note);
    assertThat(parsed.root).isPresent();
  }

  @Test
  void validJsonScoresFullCreditWithoutANote() {
    AssessmentInput in = input("{\"skills\": [\"a\"]}", ResponseFormat.JSON);
    ScoreSheet sheet = new ScoreSheet();
    JsonOutput.parseScoringValidity(in, sheet, 0.2);
    QualityScore valid = finish(sheet, in);

    assertThat(valid.breakdown()).containsEntry(JsonOutput.JSON_VALID, 1.0);
    assertThat(valid.notes()).noneMatch(n -> n.contains("JSON"));
  }

  @Test
  void leavesTheCriterionOutWhenJsonWasNotAskedForButStillParses() {
    AssessmentInput in = input("{\"skills\": [\"a\"]}", ResponseFormat.TEXT);
    ScoreSheet sheet = new ScoreSheet();
    JsonOutput parsed = JsonOutput.parseScoringValidity(in, sheet, 0.3);
    QualityScore text = finish(sheet, in);

    assertThat(text.breakdown()).doesNotContainKey(JsonOutput.JSON_VALID);
    assertThat(parsed.status).isEqualTo(JsonOutput.Status.VALID);
    assertThat(parsed.root).isPresent();
  }
}
