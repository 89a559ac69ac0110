package io.taskoptimizer.api;

import java.util.Objects;

/**
 * An available ranked model with its weighted score for a task.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model name as ranked
 * @param provider the id of the provider that serves it; when availability is unknown, the id of
 *     the provider that would be tried first, or {@code none} when no provider is configured
 * @param quality the quality score, 0..1
 * @param speed the speed score, 0..1
 * @param weightedScore {@code wq * quality + ws * speed}
 */
public record ScoredCandidate(
    String model, String provider, double quality, double speed, double weightedScore) {

  /**
   * Validates the components.
   *
   * @param model the model name; must not be null
   * @param provider the provider id; must not be null
   * @param quality the model's quality score
   * @param speed the model's speed score
   * @param weightedScore the score under the selection's weights
   * @throws NullPointerException if {@code model} or {@code provider} is null
   */
  public ScoredCandidate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
  }
}
