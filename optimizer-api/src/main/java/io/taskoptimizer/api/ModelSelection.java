package io.taskoptimizer.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The model chosen for a task, with the evidence: every available candidate in order (the chosen
 * one first) and the ranked models that were skipped.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param weights the weights the candidates were scored with
 * @param chosen the winning candidate
 * @param candidates all available ranked candidates, best first; {@code candidates.get(0)} is
 *     {@code chosen}
 * @param skipped ranked models that are not available, with the reason
 * @param availabilityKnown {@code false} when no provider could be asked (none is configured, or
 *     none has answered since the optimizer started), so every ranked model was assumed available
 *     and the choice rests on the rankings alone
 * @param exploration {@code true} when the selection policy picked a model whose estimate is below
 *     the leader's ({@code candidates.get(0)}) to keep learning; {@code chosen} is then one of the
 *     other candidates
 * @param reason why this model was chosen, e.g. {@code best estimate} or {@code thompson: exploring
 *     (sampled utility above the leader's)}
 */
public record ModelSelection(
    TaskType task,
    PriorityWeights weights,
    ScoredCandidate chosen,
    List<ScoredCandidate> candidates,
    List<SkippedModel> skipped,
    boolean availabilityKnown,
    boolean exploration,
    String reason) {

  /** The reason of a selection that uses the best estimate. */
  public static final String BEST_ESTIMATE = "best estimate";

  /**
   * Validates the components and copies the lists.
   *
   * @param task the task; must not be null
   * @param weights the scoring weights; must not be null
   * @param chosen the chosen candidate; must not be null
   * @param candidates the available candidates, best first (copied); must not be empty; must start
   *     with {@code chosen} unless {@code exploration}, and contain it otherwise
   * @param skipped the unavailable ranked models (copied); must not be null
   * @param availabilityKnown whether a provider could be asked about availability
   * @param exploration whether {@code chosen} was picked to explore rather than as the best
   *     estimate
   * @param reason why the model was chosen; must not be null
   * @throws NullPointerException if an object component, or an element of a list, is null
   * @throws IllegalArgumentException if {@code candidates} is empty, or does not start with
   *     (without exploration) or contain (with exploration) {@code chosen}
   */
  public ModelSelection {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(reason, "reason");
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    if (!exploration && !candidates.get(0).equals(chosen)) {
      throw new IllegalArgumentException("candidates must start with the chosen model");
    }
    if (exploration && !candidates.contains(chosen)) {
      throw new IllegalArgumentException("an explored model must be one of the candidates");
    }
  }

  /**
   * A selection of the best estimate ({@code candidates.get(0)}), without exploration and with the
   * reason {@link #BEST_ESTIMATE}.
   *
   * @param task the task; must not be null
   * @param weights the scoring weights; must not be null
   * @param chosen the chosen candidate; must be the first of {@code candidates}
   * @param candidates the available candidates, best first (copied); must not be empty
   * @param skipped the unavailable ranked models (copied); must not be null
   * @param availabilityKnown whether a provider could be asked about availability
   * @throws NullPointerException if an argument, or an element of a list, is null
   * @throws IllegalArgumentException if {@code candidates} is empty or does not start with {@code
   *     chosen}
   */
  public ModelSelection(
      TaskType task,
      PriorityWeights weights,
      ScoredCandidate chosen,
      List<ScoredCandidate> candidates,
      List<SkippedModel> skipped,
      boolean availabilityKnown) {
    this(task, weights, chosen, candidates, skipped, availabilityKnown, false, BEST_ESTIMATE);
  }

  /**
   * This selection with another candidate chosen as an exploration, for the given reason; this
   * selection is not changed.
   *
   * @param explored the candidate to run instead of the leader; must be one of {@link
   *     #candidates()}
   * @param why the reason to record, e.g. {@code thompson: exploring (sampled utility above the
   *     leader's)}; must not be null
   * @return a new selection with {@code exploration} set
   * @throws NullPointerException if {@code explored} or {@code why} is null
   * @throws IllegalArgumentException if {@code explored} is not a candidate
   */
  public ModelSelection exploring(ScoredCandidate explored, String why) {
    return new ModelSelection(
        task, weights, explored, candidates, skipped, availabilityKnown, true, why);
  }

  /**
   * The leader: the candidate with the best current estimate.
   *
   * @return the first candidate; the same as {@link #chosen()} unless this selection explores
   */
  public ScoredCandidate leader() {
    return candidates.get(0);
  }

  /**
   * The chosen model's name.
   *
   * @return the name of {@link #chosen()}
   */
  public String model() {
    return chosen.model();
  }

  /**
   * The candidates after the leader, best first.
   *
   * @return an unmodifiable view of every candidate but the first; empty when there is only one
   */
  public List<ScoredCandidate> runnersUp() {
    return candidates.subList(1, candidates.size());
  }

  /**
   * A one-paragraph explanation of the choice, for logs and CLIs: the score of the chosen model,
   * the runner-up or the explored leader, skipped models and whether availability was checked.
   *
   * @return the explanation, without prompts or outputs, so safe to log
   */
  public String explanation() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s: chose %s (score %.3f = %.2f x quality %.2f + %.2f x speed %.2f)",
            task.id(),
            chosen.model(),
            chosen.weightedScore(),
            weights.quality(),
            chosen.quality(),
            weights.speed(),
            chosen.speed()));
    if (exploration) {
      sb.append(
          String.format(
              Locale.ROOT,
              "; exploring (%s), best estimate %s (%.3f)",
              reason,
              leader().model(),
              leader().weightedScore()));
    } else if (candidates.size() > 1) {
      ScoredCandidate next = candidates.get(1);
      sb.append(
          String.format(Locale.ROOT, "; runner-up %s (%.3f)", next.model(), next.weightedScore()));
    }
    if (!skipped.isEmpty()) {
      sb.append("; skipped ")
          .append(skipped.size())
          .append(" unavailable ranked model")
          .append(skipped.size() == 1 ? "" : "s");
    }
    if (!availabilityKnown) {
      sb.append("; availability could not be checked, so every ranked model was assumed available");
    }
    return sb.toString();
  }
}
