package io.taskoptimizer.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The model chosen for a task, with the evidence: every available candidate in order (the chosen
 * one first) and the ranked models that were skipped.
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
 */
public record ModelSelection(
    TaskType task,
    PriorityWeights weights,
    ScoredCandidate chosen,
    List<ScoredCandidate> candidates,
    List<SkippedModel> skipped,
    boolean availabilityKnown) {

  /** Validates and copies. */
  public ModelSelection {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(chosen, "chosen");
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
    if (candidates.isEmpty() || !candidates.get(0).equals(chosen)) {
      throw new IllegalArgumentException("candidates must start with the chosen model");
    }
  }

  /** The chosen model's name. */
  public String model() {
    return chosen.model();
  }

  /** The candidates after the chosen one, best first. */
  public List<ScoredCandidate> runnersUp() {
    return candidates.subList(1, candidates.size());
  }

  /** A one-paragraph explanation of the choice, for logs and CLIs. */
  public String explanation() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "%s: chose %s (score %.3f = %.2f x quality %.2f + %.2f x speed %.2f)",
        task.id(), chosen.model(), chosen.weightedScore(), weights.quality(), chosen.quality(),
        weights.speed(), chosen.speed()));
    if (candidates.size() > 1) {
      ScoredCandidate next = candidates.get(1);
      sb.append(String.format(Locale.ROOT, "; runner-up %s (%.3f)", next.model(), next.weightedScore()));
    }
    if (!skipped.isEmpty()) {
      sb.append("; skipped ").append(skipped.size()).append(" unavailable ranked model")
          .append(skipped.size() == 1 ? "" : "s");
    }
    if (!availabilityKnown) {
      sb.append("; availability could not be checked, so every ranked model was assumed available");
    }
    return sb.toString();
  }
}
