package io.taskoptimizer.api;

import java.util.Objects;

/**
 * One entry of a task's ranking, as stored in {@code model_rankings.json}.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model name, e.g. {@code gemma3:1b}
 * @param quality the quality score, 0..1 ({@code quality_score} in the file)
 * @param speed the speed score, 0..1 ({@code speed_score} in the file)
 */
public record RankedModel(String model, double quality, double speed) {

  /**
   * Validates the components.
   *
   * @param model the model name; must not be null or blank
   * @param quality the quality score, in [0, 1]
   * @param speed the speed score, in [0, 1]
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if {@code model} is blank, or a score is outside [0, 1] or NaN
   */
  public RankedModel {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("Ranked model name must not be blank");
    }
    if (!(quality >= 0.0 && quality <= 1.0)) {
      throw new IllegalArgumentException(
          "quality_score of '" + model + "' must be between 0 and 1, got " + quality);
    }
    if (!(speed >= 0.0 && speed <= 1.0)) {
      throw new IllegalArgumentException(
          "speed_score of '" + model + "' must be between 0 and 1, got " + speed);
    }
  }

  /**
   * The weighted score of this model under the given weights.
   *
   * @param weights the task's quality/speed weights; must not be null
   * @return {@code weights.quality() * quality + weights.speed() * speed}, in [0, 1]
   * @throws NullPointerException if {@code weights} is null
   */
  public double weightedScore(PriorityWeights weights) {
    return weights.score(quality, speed);
  }
}
