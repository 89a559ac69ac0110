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

  /** Validates. */
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

  /** The weighted score of this model under the given weights. */
  public double weightedScore(PriorityWeights weights) {
    return weights.score(quality, speed);
  }
}
