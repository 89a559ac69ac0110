package io.taskoptimizer.judge;

import io.taskoptimizer.api.TaskType;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of comparing two models' answers to the same request ({@link Judge#compare}).
 *
 * <p>The judge sees the answers in both orders (A first, then B first). The outcome is a win only
 * when both orders prefer the same model; when they disagree it is a {@link Outcome#TIE}, which
 * removes position bias (a judge that always prefers the first answer produces only ties). When
 * either answer of the judge cannot be parsed strictly the outcome is {@link Outcome#NO_VERDICT}
 * and nothing is recorded.
 *
 * <p><b>Length control</b> ({@link Judge.Builder#lengthControl(double)}): when the winner's answer
 * has more than {@code maxLengthRatio} times the words of the loser's, the win is downgraded to a
 * tie ({@link #lengthAdjusted()}), so that a judge that prefers longer answers cannot turn length
 * into rating; {@link #unadjustedOutcome()} keeps the judge's verdict.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param modelA the first model
 * @param modelB the second model
 * @param judge the judge model
 * @param outcome the recorded outcome
 * @param unadjustedOutcome the outcome before length control (equal to {@code outcome} when length
 *     control is off or did not apply)
 * @param firstOrder the judge's preference with A's answer shown first
 * @param secondOrder the judge's preference with B's answer shown first; empty when the builder
 *     turned the both-orders control off
 * @param wordsA words in A's answer
 * @param wordsB words in B's answer
 * @param charsA characters in A's answer
 * @param charsB characters in B's answer
 * @param sameFamilyJudge {@code true} when no judge outside both models' families was available
 */
public record Comparison(
    TaskType task,
    String modelA,
    String modelB,
    String judge,
    Outcome outcome,
    Outcome unadjustedOutcome,
    Outcome firstOrder,
    Optional<Outcome> secondOrder,
    int wordsA,
    int wordsB,
    int charsA,
    int charsB,
    boolean sameFamilyJudge) {

  /**
   * Who won, in terms of the two models (not of the positions shown to the judge).
   *
   * <p>An enum, so immutable and thread-safe.
   */
  public enum Outcome {
    /** Model A's answer is better. */
    A_WINS,
    /** Model B's answer is better. */
    B_WINS,
    /** Neither (the judge said so, or the two orders disagreed, or length control applied). */
    TIE,
    /** The judge's answer could not be parsed strictly: no evidence. */
    NO_VERDICT
  }

  /**
   * Validates the components.
   *
   * @param task the task; must not be null
   * @param modelA the first model; must not be null
   * @param modelB the second model; must not be null
   * @param judge the judge model; must not be null
   * @param outcome the recorded outcome; must not be null
   * @param unadjustedOutcome the outcome before length control; must not be null
   * @param firstOrder the judge's preference with A's answer shown first; must not be null
   * @param secondOrder the judge's preference with B's answer shown first, or empty; must not be
   *     null
   * @param wordsA words in A's answer
   * @param wordsB words in B's answer
   * @param charsA characters in A's answer
   * @param charsB characters in B's answer
   * @param sameFamilyJudge {@code true} when no judge outside both models' families was available
   * @throws NullPointerException if a reference component is null
   */
  public Comparison {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(modelA, "modelA");
    Objects.requireNonNull(modelB, "modelB");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(unadjustedOutcome, "unadjustedOutcome");
    Objects.requireNonNull(firstOrder, "firstOrder");
    Objects.requireNonNull(secondOrder, "secondOrder");
  }

  /** {@return whether length control turned a win into a tie} */
  public boolean lengthAdjusted() {
    return outcome != unadjustedOutcome;
  }

  /** {@return whether this comparison is evidence: its outcome is not {@code NO_VERDICT}} */
  public boolean hasVerdict() {
    return outcome != Outcome.NO_VERDICT;
  }

  /** {@return the winning model, or empty for a tie or no verdict} */
  public Optional<String> winner() {
    return switch (outcome) {
      case A_WINS -> Optional.of(modelA);
      case B_WINS -> Optional.of(modelB);
      default -> Optional.empty();
    };
  }

  /**
   * A one-line description of the comparison.
   *
   * @return one line, e.g. {@code qwen2.5:7b beats llama3.2:3b (judge phi3:14b; 310 vs 280 words)}
   */
  public String summary() {
    String what =
        switch (outcome) {
          case A_WINS -> modelA + " beats " + modelB;
          case B_WINS -> modelB + " beats " + modelA;
          case TIE -> modelA + " ties " + modelB + (lengthAdjusted() ? " (length control)" : "");
          case NO_VERDICT -> modelA + " vs " + modelB + ": no verdict (unparsable judge answer)";
        };
    return what
        + " (judge "
        + judge
        + (sameFamilyJudge ? ", same family" : "")
        + "; "
        + wordsA
        + " vs "
        + wordsB
        + " words)";
  }
}
