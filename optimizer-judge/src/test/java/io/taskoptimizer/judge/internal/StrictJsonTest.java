package io.taskoptimizer.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.judge.Verdict;
import io.taskoptimizer.judge.internal.StrictJson.Parsed;
import io.taskoptimizer.judge.internal.StrictJson.Position;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

  private static final List<String> NAMES = List.of("grounded", "clarity");

  private static String verdict(String grounded, String clarity) {
    return "{\"criteria\":[" + grounded + "," + clarity + "]}";
  }

  private static String c(String name, String score, String reason) {
    return "{\"name\":\"" + name + "\",\"score\":" + score + ",\"reason\":" + reason + "}";
  }

  @Test
  void aCompleteVerdictParsesInRubricOrderWhateverTheAnswerOrder() {
    Parsed<List<Verdict.CriterionScore>> p =
        StrictJson.rubric(
            "  "
                + verdict(
                    c("clarity", "4", "\"wordy\""), c("grounded", "10", "\"all from the posting\""))
                + "\n",
            NAMES);

    assertThat(p.ok()).isTrue();
    assertThat(p.value())
        .extracting(Verdict.CriterionScore::name)
        .containsExactly("grounded", "clarity");
    assertThat(p.value()).extracting(Verdict.CriterionScore::score).containsExactly(10, 4);
    assertThat(Verdict.scoreOf(p.value())).isEqualTo((7.0 - 1) / 9);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "```json\n{\"criteria\":[]}\n```",
        "Here is my verdict: {\"criteria\":[]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"},{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"},{\"name\":\"tone\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7.5,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7.0,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":\"7\",\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":0,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":11,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\" \"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"two\\nlines\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\",\"weight\":1},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}],\"overall\":7}",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]} trailing",
        "{\"criteria\":[],\"criteria\":[]}",
        "{\"criteria\":{\"grounded\":7}}",
        "[{\"name\":\"grounded\",\"score\":7,\"reason\":\"ok\"}]",
        "{\"criteria\":[{\"name\":\"grounded\",\"score\":7,\"reason\":null},{\"name\":\"clarity\",\"score\":7,\"reason\":\"ok\"}]}",
      })
  void anythingButTheExactVerdictIsNoEvidence(String answer) {
    Parsed<List<Verdict.CriterionScore>> p = StrictJson.rubric(answer, NAMES);

    assertThat(p.ok()).as(answer).isFalse();
    assertThat(p.error()).isNotBlank();
  }

  @Test
  void pairwiseAnswersMapToPositions() {
    assertThat(StrictJson.pairwise("{\"winner\":\"A\",\"reason\":\"more grounded\"}").value())
        .isEqualTo(Position.FIRST);
    assertThat(StrictJson.pairwise("{\"reason\":\"shorter\",\"winner\":\"B\"}").value())
        .isEqualTo(Position.SECOND);
    assertThat(StrictJson.pairwise("{\"winner\":\"tie\",\"reason\":\"equal\"}").value())
        .isEqualTo(Position.TIE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"winner\":\"a\",\"reason\":\"x\"}",
        "{\"winner\":\"Answer A\",\"reason\":\"x\"}",
        "{\"winner\":\"A\"}",
        "{\"winner\":\"A\",\"reason\":\"\"}",
        "{\"winner\":\"A\",\"reason\":\"x\",\"confidence\":0.9}",
        "{\"winner\":1,\"reason\":\"x\"}",
        "A is better",
        "{\"winner\":\"A\",\"winner\":\"B\",\"reason\":\"x\"}",
      })
  void pairwiseParsingIsStrict(String answer) {
    assertThat(StrictJson.pairwise(answer).ok()).as(answer).isFalse();
  }
}
