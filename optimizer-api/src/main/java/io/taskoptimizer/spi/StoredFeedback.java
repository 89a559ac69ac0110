package io.taskoptimizer.spi;

import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Aggregated feedback for one model on one task as a store keeps it: the exact values of {@code
 * model_performance_feedback.json} (or of the database rows holding the same data).
 *
 * <p>The two times are a {@code double} of seconds, as in the file ({@code total_time}, {@code
 * average_time}), and not {@link Duration}s: data read and written again must stay byte for byte
 * the same, and rankings computed from it must not move in the last digit, while a {@code Duration}
 * would round them to nanoseconds. Callers of the optimizer see {@link ModelFeedback} instead
 * ({@link #toModelFeedback()}), whose times are {@code Duration}s like every time in the API.
 *
 * <p>Immutable (a record whose list is copied), so thread-safe.
 *
 * @param executions calls recorded
 * @param successes calls that succeeded
 * @param failures calls that failed
 * @param totalTimeSeconds summed wall time of all calls, seconds ({@code total_time})
 * @param averageTimeSeconds {@code total_time / executions}, seconds ({@code average_time})
 * @param qualityRatings the most recent quality ratings, oldest first, each 0..1 (bounded history)
 */
public record StoredFeedback(
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
  public StoredFeedback {
    Checks.requireFeedbackCounts("Feedback counts", executions, successes, failures);
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
    qualityRatings = Checks.copyRatings("Quality ratings", qualityRatings);
  }

  /**
   * Feedback with nothing recorded.
   *
   * @return feedback with every count and time zero and no ratings
   */
  public static StoredFeedback empty() {
    return new StoredFeedback(0, 0, 0, 0.0, 0.0, List.of());
  }

  /**
   * The caller's view of this feedback: the same counts and ratings, the times as {@link
   * Duration}s, rounded to the nearest nanosecond (a time too large for a {@code Duration} of
   * nanoseconds, about 292 years, becomes the largest one).
   *
   * @return the feedback as {@link ModelFeedback}
   */
  public ModelFeedback toModelFeedback() {
    return new ModelFeedback(
        executions,
        successes,
        failures,
        duration(totalTimeSeconds),
        duration(averageTimeSeconds),
        qualityRatings);
  }

  /** Seconds (finite, not negative) to nanoseconds, rounded; saturates at the largest value. */
  private static Duration duration(double seconds) {
    return seconds >= Long.MAX_VALUE / 1e9
        ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
        : Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
