package io.taskoptimizer.api;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Aggregated feedback for one model on one task, as stored in {@code
 * model_performance_feedback.json}.
 *
 * <p>Read times with {@link #totalTime()} and {@link #averageTime()}, as {@link Duration}s like
 * every time in the API. The two {@code ...Seconds} components are the exact values the stores keep
 * (a {@code double} of seconds, as in the file), so that data read and written again stays byte for
 * byte the same and rankings computed from it do not move in the last digit; a {@code Duration}
 * would round them to nanoseconds.
 *
 * <p>Immutable (a record whose list is copied), so thread-safe.
 *
 * @param executions calls recorded
 * @param successes calls that succeeded
 * @param failures calls that failed
 * @param totalTimeSeconds summed wall time of all calls, seconds ({@code total_time})
 * @param averageTimeSeconds {@code total_time / executions} ({@code average_time})
 * @param qualityRatings the most recent quality ratings, oldest first, each 0..1 (bounded history)
 */
public record ModelFeedback(
    long executions,
    long successes,
    long failures,
    double totalTimeSeconds,
    double averageTimeSeconds,
    List<Double> qualityRatings) {

  /**
   * Validates the components and copies the ratings.
   *
   * @param executions the number of recorded calls; must not be negative
   * @param successes the number of successful calls; must not be negative
   * @param failures the number of failed calls; must not be negative
   * @param totalTimeSeconds the summed wall time in seconds; finite and not negative
   * @param averageTimeSeconds the mean wall time of a call in seconds; finite and not negative
   * @param qualityRatings the quality ratings, oldest first (copied); each in [0, 1]; must not be
   *     null nor contain null
   * @throws IllegalArgumentException if a count is negative, a time is negative, infinite or NaN,
   *     or a rating is outside [0, 1]
   * @throws NullPointerException if {@code qualityRatings} or one of its elements is null
   */
  public ModelFeedback {
    if (executions < 0 || successes < 0 || failures < 0) {
      throw new IllegalArgumentException(
          "Feedback counts must not be negative: executions="
              + executions
              + ", successes="
              + successes
              + ", failures="
              + failures);
    }
    if (!(totalTimeSeconds >= 0.0)
        || Double.isInfinite(totalTimeSeconds)
        || !(averageTimeSeconds >= 0.0)
        || Double.isInfinite(averageTimeSeconds)) {
      throw new IllegalArgumentException(
          "Feedback times must be finite and not negative: total_time="
              + totalTimeSeconds
              + ", average_time="
              + averageTimeSeconds);
    }
    qualityRatings = List.copyOf(qualityRatings);
    for (Double q : qualityRatings) {
      if (!(q >= 0.0 && q <= 1.0)) {
        throw new IllegalArgumentException("Quality ratings must be between 0 and 1, got " + q);
      }
    }
  }

  /**
   * Feedback with nothing recorded.
   *
   * @return feedback with every count and time zero and no ratings
   */
  public static ModelFeedback empty() {
    return new ModelFeedback(0, 0, 0, 0.0, 0.0, List.of());
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
   * The summed wall time of all calls ({@code total_time}), rounded to nanoseconds.
   *
   * @return the total time
   */
  public Duration totalTime() {
    return seconds(totalTimeSeconds);
  }

  /**
   * The mean wall time of a call ({@code average_time}), rounded to nanoseconds; zero when nothing
   * was recorded.
   *
   * @return the average time
   */
  public Duration averageTime() {
    return seconds(averageTimeSeconds);
  }

  private static Duration seconds(double s) {
    return s >= Long.MAX_VALUE / 1e9
        ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
        : Duration.ofNanos(Math.round(s * 1e9));
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
