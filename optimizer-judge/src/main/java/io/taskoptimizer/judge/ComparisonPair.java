package io.taskoptimizer.judge;

import java.util.Objects;

/**
 * A pair of models worth comparing next ({@link Judge#nextComparisons}).
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param modelA the model currently rated higher (or first by name when equal)
 * @param modelB the other model
 * @param orderConfidence the probability, under the current ratings and their uncertainty, that
 *     {@code modelA} really is better than {@code modelB}: {@code Phi(|r_A - r_B| / sd(r_A -
 *     r_B))}, 0.5..1; the pairs with the lowest value come first
 */
public record ComparisonPair(String modelA, String modelB, double orderConfidence) {
  /**
   * Validates the components.
   *
   * @param modelA the model currently rated higher (or first by name when equal); must not be null
   * @param modelB the other model; must not be null
   * @param orderConfidence the probability that {@code modelA} really is better, 0.5..1
   * @throws NullPointerException if {@code modelA} or {@code modelB} is null
   */
  public ComparisonPair {
    Objects.requireNonNull(modelA, "modelA");
    Objects.requireNonNull(modelB, "modelB");
  }
}
