package io.taskoptimizer.api;

import io.taskoptimizer.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Aggregated feedback for one model on one task, as the optimizer reports it ({@code
 * TaskOptimizer.feedback(task, model)}).
 *
 * <p>Times are {@link Duration}s, like every time in the API. Stores keep the exact values of
 * {@code model_performance_feedback.json} (a {@code double} of seconds) in {@link
 * io.taskoptimizer.spi.StoredFeedback}; this view is made from it by {@link
 * io.taskoptimizer.spi.StoredFeedback#toModelFeedback()}, which rounds the times to nanoseconds.
 *
 * <p>Immutable (a record whose list is copied), so thread-safe.
 *
 * @param executions calls recorded
 * @param successes calls that succeeded
 * @param failures calls that failed
 * @param totalTime summed wall time of all calls ({@code total_time})
 * @param averageTime mean wall time of a call, {@code totalTime / executions} ({@code
 *     average_time}); zero when nothing was recorded
 * @param qualityRatings the most recent quality ratings, oldest first, each 0..1 (bounded history)
 */
public record ModelFeedback(
    long executions,
    long successes,
    long failures,
    Duration totalTime,
    Duration averageTime,
    List<Double> qualityRatings) {

  /**
   * Validates the components and copies the ratings.
   *
   * @param executions the number of recorded calls; must not be negative
   * @param successes the number of successful calls; must not be negative
   * @param failures the number of failed calls; must not be negative
   * @param totalTime the summed wall time; must not be null nor negative
   * @param averageTime the mean wall time of a call; must not be null nor negative
   * @param qualityRatings the quality ratings, oldest first (copied); each in [0, 1]; must not be
   *     null nor contain null
   * @throws IllegalArgumentException if a count or a time is negative, or a rating is outside [0,
   *     1]
   * @throws NullPointerException if a time, {@code qualityRatings} or one of its elements is null
   */
  public ModelFeedback {
    Checks.requireFeedbackCounts("Feedback counts", executions, successes, failures);
    Objects.requireNonNull(totalTime, "totalTime");
    Objects.requireNonNull(averageTime, "averageTime");
    if (totalTime.isNegative() || averageTime.isNegative()) {
      throw new IllegalArgumentException(
          "Feedback times must not be negative: totalTime="
              + totalTime
              + ", averageTime="
              + averageTime);
    }
    qualityRatings = Checks.copyRatings("Quality ratings", qualityRatings);
  }

  /**
   * Feedback with nothing recorded.
   *
   * @return feedback with every count and time zero and no ratings
   */
  public static ModelFeedback empty() {
    return new ModelFeedback(0, 0, 0, Duration.ZERO, Duration.ZERO, List.of());
  }

  /**
   * The share of successful calls, {@code successes / executions}.
   *
   * @return the rate, or empty when nothing was recorded ({@code executions} is zero)
   */
  public OptionalDouble successRate() {
    return executions == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) successes / executions);
  }

  /**
   * The share of failed calls, {@code failures / executions}.
   *
   * @return the rate, or empty when nothing was recorded (as {@link #successRate()})
   */
  public OptionalDouble failureRate() {
    return executions == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) failures / executions);
  }

  /**
   * The mean of the quality ratings.
   *
   * @return the mean, in [0, 1], or empty when there are no ratings
   */
  public OptionalDouble averageQuality() {
    return qualityRatings.stream().mapToDouble(Double::doubleValue).average();
  }
}
