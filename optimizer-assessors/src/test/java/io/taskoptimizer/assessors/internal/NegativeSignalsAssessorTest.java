package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NegativeSignalsAssessorTest {

  private static Signals.Result check(String output) {
    return Signals.check(Fixtures.text(TaskType.SELF_ASSESSMENT, output));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Here is a self-assessment for the role:\n\nI have built Java services.",
        "Sure! I have built Java services.",
        "Certainly. I have built Java services.",
        "**Here's** the assessment.\nI have built Java services.",
        "Hier ist die Selbsteinschätzung:\nIch habe Java-Services gebaut.",
        "Gerne! Ich habe Java-Services gebaut.",
        "Natürlich, hier kommt der Text. Ich habe Java-Services gebaut."
      })
  void detectsChattyPreamblesInEnglishAndGerman(String output) {
    Signals.Result r = check(output);

    assertThat(r.factor()).isEqualTo(1 - Signals.PREAMBLE);
    assertThat(r.notes()).singleElement().asString().startsWith("chatty preamble");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I have built Java services for five years.\n\nI hope this helps!",
        "I have built Java services. Let me know if you'd like a shorter version.",
        "Ich habe Java-Services gebaut.\n\nIch hoffe, das hilft dir weiter.",
        "Ich habe Java-Services gebaut. Lass mich wissen, ob ich etwas ändern soll."
      })
  void detectsChattySignOffs(String output) {
    Signals.Result r = check(output);

    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("chatty sign-off"));
    assertThat(r.factor()).isLessThanOrEqualTo(1 - Signals.SIGN_OFF);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I cannot help with writing a self-assessment.",
        "I'm sorry, but I can't assist with that request.",
        "As an AI language model, I do not have personal experience.",
        "Leider kann ich dabei nicht helfen.",
        "Als KI habe ich keine Berufserfahrung."
      })
  void detectsRefusals(String output) {
    Signals.Result r = check(output);

    assertThat(r.factor()).isLessThanOrEqualTo(1 - Signals.REFUSAL + 1e-9);
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("refusal"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I have built Java services for five years.\n\nWould you like me to add more detail?",
        "I have built Java services. Should I make it more formal? 😊",
        "Ich habe Java-Services gebaut.\n\nMöchtest du, dass ich den Text kürze?",
        "I have built Java services. Would you like me to translate it into German"
      })
  void detectsFollowUpQuestionsAtTheEnd(String output) {
    Signals.Result r = check(output);

    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("follow-up question"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Dear [Hiring Manager],\nI apply.\nBest regards,\n[Your Name]",
        "Sehr geehrte Damen und Herren,\nbei [Firma einfügen] ...\nMit freundlichen Grüßen\n[Ihr Name]",
        "I worked at <Company Name> for three years."
      })
  void detectsUnfilledPlaceholders(String output) {
    assertThat(check(output).notes())
        .anySatisfy(n -> assertThat(n).startsWith("unfilled placeholder"));
  }

  @Test
  void halvesTruncatedOutputs() {
    AssessmentInput in =
        Fixtures.truncated(Fixtures.text(TaskType.SELF_ASSESSMENT, "I have built Java services"));

    Signals.Result r = Signals.check(in);

    assertThat(r.factor()).isEqualTo(1 - Signals.TRUNCATED);
    assertThat(r.notes()).containsExactly("truncated at the token limit (done_reason=length)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Dear Ms Berg,\n\nI am applying for the Backend Engineer role.\n\nI look forward to hearing from you.\n\n"
            + "Kind regards,\nAlex Example",
        "Sehr geehrte Frau Berg,\n\nhiermit bewerbe ich mich.\n\nBei Fragen stehe ich Ihnen gerne zur Verfügung.\n\n"
            + "Mit freundlichen Grüßen\nAlex Beispiel",
        "Surely the strongest match is my Kafka work. Overall 8/10.",
        "My ratings: [Java] strong, [SQL] good. [1] see the project list.",
        "{\"skills\": [\"Java\", \"SQL\", \"Kafka\"]}"
      })
  void leavesCleanOutputsAlone(String output) {
    Signals.Result r = check(output);

    assertThat(r.notes()).isEmpty();
    assertThat(r.factor()).isEqualTo(1.0);
  }

  @Test
  void combinesSeveralSignalsMultiplicatively() {
    Signals.Result r =
        check("Here is your letter:\n\nDear [Your Name]\n\nI hope this helps! Anything else?");

    assertThat(r.factor())
        .isCloseTo(
            (1 - Signals.PREAMBLE)
                * (1 - Signals.SIGN_OFF)
                * (1 - Signals.FOLLOW_UP)
                * (1 - Signals.PLACEHOLDER),
            org.assertj.core.data.Offset.offset(1e-9));
  }
}
