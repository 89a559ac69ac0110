package io.taskoptimizer.api;

/**
 * How much quality and speed count when models are compared for a task: the weighted score of a
 * ranked model is {@code quality * quality() + speed * speed()}.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param quality weight of the quality score, 0..1
 * @param speed weight of the speed score, 0..1; {@code quality + speed} must be 1
 */
public record PriorityWeights(double quality, double speed) {

  private static final double TOLERANCE = 1e-9;

  /**
   * Validates the weights.
   *
   * @param quality the weight of quality, in [0, 1]
   * @param speed the weight of speed, in [0, 1]; {@code quality + speed} must be 1 (within 1e-9)
   * @throws IllegalArgumentException if a weight is outside [0, 1] or NaN, or the two do not add up
   *     to 1
   */
  public PriorityWeights {
    if (!(quality >= 0.0 && quality <= 1.0) || !(speed >= 0.0 && speed <= 1.0)) {
      throw new IllegalArgumentException(
          "Priority weights must each be between 0 and 1, got quality="
              + quality
              + ", speed="
              + speed);
    }
    if (Math.abs(quality + speed - 1.0) > TOLERANCE) {
      throw new IllegalArgumentException(
          "Priority weights must add up to 1, got quality="
              + quality
              + " + speed="
              + speed
              + " = "
              + (quality + speed)
              + " (for example 0.7 and 0.3)");
    }
  }

  /**
   * Returns weights with the given quality and speed parts.
   *
   * @param quality the weight of quality, in [0, 1]
   * @param speed the weight of speed, in [0, 1]; the two must add up to 1
   * @return the weights
   * @throws IllegalArgumentException if a weight is outside [0, 1] or NaN, or the two do not add up
   *     to 1
   */
  public static PriorityWeights of(double quality, double speed) {
    return new PriorityWeights(quality, speed);
  }

  /**
   * The weighted score {@code quality * quality() + speed * speed()} of a model.
   *
   * @param qualityScore the model's quality score, normally in [0, 1]
   * @param speedScore the model's speed score, normally in [0, 1]
   * @return the weighted sum; in [0, 1] when both scores are
   */
  public double score(double qualityScore, double speedScore) {
    return quality * qualityScore + speed * speedScore;
  }
}
