package io.taskoptimizer.judge;

import java.util.Objects;

/**
 * A model's Bradley-Terry rating on one task, fitted from all recorded comparisons of the task.
 *
 * <p>The model: {@code P(i beats j) = 1 / (1 + exp(-(r_i - r_j)))}; a tie counts half a win for
 * each. The ratings are the maximum a-posteriori estimate under a Gaussian ridge prior {@code r ~
 * N(0, 1/lambda)} (lambda = {@value io.taskoptimizer.judge.internal.BradleyTerry#RIDGE}), found by
 * Newton's method. The MAP ratings have mean 0; {@code standardError} is that of {@code r_i -
 * mean(r)}, from the inverse of the negative Hessian of the log posterior (the Fisher information
 * plus the prior precision), since comparisons identify only differences.
 *
 * <p><b>As quality evidence.</b> {@code quality = 1 / (1 + exp(-(r_i - mean(r))))}: the probability
 * of beating a model of the task's average rating (0.5 for an average model); {@code qualityStdDev
 * = quality * (1 - quality) * standardError} (delta method).
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model
 * @param rating the rating, in logits (0 = the prior; differences matter)
 * @param standardError the rating's standard error
 * @param quality the rating on the 0..1 quality scale (see above)
 * @param qualityStdDev the standard deviation of {@code quality}
 * @param wins comparisons won
 * @param losses comparisons lost
 * @param ties comparisons tied
 */
public record Rating(
    String model,
    double rating,
    double standardError,
    double quality,
    double qualityStdDev,
    int wins,
    int losses,
    int ties) {

  /**
   * Validates the components.
   *
   * @param model the model; must not be null
   * @param rating the rating, in logits (0 = the prior; differences matter)
   * @param standardError the rating's standard error
   * @param quality the rating on the 0..1 quality scale
   * @param qualityStdDev the standard deviation of {@code quality}
   * @param wins comparisons won
   * @param losses comparisons lost
   * @param ties comparisons tied
   * @throws NullPointerException if {@code model} is null
   */
  public Rating {
    Objects.requireNonNull(model, "model");
  }

  /** {@return all comparisons of the model: wins, losses and ties} */
  public int comparisons() {
    return wins + losses + ties;
  }
}
