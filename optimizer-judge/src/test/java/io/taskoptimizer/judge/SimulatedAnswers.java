package io.taskoptimizer.judge;

import io.taskoptimizer.testserver.RecordedRequest;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers with a hidden true strength, and scripted judges that read it back from the judge prompt:
 * a fair judge (the stronger answer wins, or wins with Bradley-Terry probability) and judges with
 * the three biases of LLM judges (position, verbosity, self-preference).
 */
final class SimulatedAnswers {

  private static final Pattern MARK = Pattern.compile("\\[\\[model=(\\S+) strength=(-?[0-9.]+)]]");
  private static final Pattern PAIR =
      Pattern.compile(
          "ANSWER A:\\n<<<\\n(.*?)\\n>>>\\n\\nANSWER B:\\n<<<\\n(.*?)\\n>>>", Pattern.DOTALL);

  private SimulatedAnswers() {}

  /** An answer of {@code words} words (at least 2) carrying its model and true strength. */
  static String answer(String model, double strength, int words) {
    StringBuilder sb =
        new StringBuilder("[[model=")
            .append(model)
            .append(" strength=")
            .append(strength)
            .append("]]");
    for (int i = 2; i < words; i++) {
      sb.append(" word");
    }
    return sb.toString();
  }

  /** What the judge sees of one answer. */
  record Shown(String model, double strength, int words) {}

  static Shown shown(String block) {
    Matcher m = MARK.matcher(block);
    if (!m.find()) {
      throw new IllegalStateException("no marker in the answer shown to the judge");
    }
    return new Shown(
        m.group(1), Double.parseDouble(m.group(2)), block.strip().split("\\s+").length);
  }

  /** A judge's choice between the first and the second answer shown: "A", "B" or "tie". */
  interface Behaviour {
    String choose(Shown first, Shown second);
  }

  /** The stronger answer wins (a tie when equal). */
  static Behaviour fair() {
    return (a, b) -> a.strength() > b.strength() ? "A" : a.strength() < b.strength() ? "B" : "tie";
  }

  /** The first answer wins with Bradley-Terry probability of the true strengths. */
  static Behaviour noisy(Random random) {
    return (a, b) ->
        random.nextDouble() < 1 / (1 + Math.exp(-(a.strength() - b.strength()))) ? "A" : "B";
  }

  /** With probability {@code bias} the answer shown first wins; otherwise fair. */
  static Behaviour firstPosition(double bias, Random random) {
    Behaviour fair = fair();
    return (a, b) -> random.nextDouble() < bias ? "A" : fair.choose(a, b);
  }

  /** The longer answer wins when it is at least {@code ratio} times longer; otherwise fair. */
  static Behaviour verbose(double ratio) {
    Behaviour fair = fair();
    return (a, b) ->
        a.words() >= ratio * b.words()
            ? "A"
            : b.words() >= ratio * a.words() ? "B" : fair.choose(a, b);
  }

  /** An answer of the judge's own family wins; otherwise fair. */
  static Behaviour selfPreferring(String family) {
    Behaviour fair = fair();
    return (a, b) -> {
      boolean mineA = Judge.familyOf(a.model()).equals(family);
      boolean mineB = Judge.familyOf(b.model()).equals(family);
      return mineA && !mineB ? "A" : mineB && !mineA ? "B" : fair.choose(a, b);
    };
  }

  /** A scripted judge model's responder for pairwise prompts. */
  static Function<RecordedRequest, String> pairwiseJudge(Behaviour behaviour) {
    return req -> {
      Matcher m = PAIR.matcher(req.promptText());
      if (!m.find()) {
        throw new IllegalStateException("not a pairwise judge prompt");
      }
      String winner = behaviour.choose(shown(m.group(1)), shown(m.group(2)));
      return "{\"winner\":\"" + winner + "\",\"reason\":\"scripted\"}";
    };
  }
}
