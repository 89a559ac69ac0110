package io.taskoptimizer.spi;

import io.taskoptimizer.api.internal.Checks;
import java.util.List;

/**
 * Feedback recorded for one model on one task since the last flush: increments to add to the stored
 * totals, never absolute values, so that many writers never lose each other's events.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param executions calls
 * @param successes successful calls
 * @param failures failed calls
 * @param nanos summed duration in nanoseconds
 * @param newRatings new quality ratings, each 0..1, oldest first
 */
public record FeedbackDelta(
    long executions, long successes, long failures, long nanos, List<Double> newRatings) {

  /**
   * Validates the components and copies the ratings.
   *
   * @param executions calls to add; must not be negative
   * @param successes successful calls to add; must not be negative
   * @param failures failed calls to add; must not be negative
   * @param nanos wall time to add, in nanoseconds; must not be negative
   * @param newRatings quality ratings to append, oldest first, each in [0, 1] (copied); must not be
   *     null nor contain null
   * @throws IllegalArgumentException if a count or {@code nanos} is negative, or a rating is
   *     outside [0, 1]
   * @throws NullPointerException if {@code newRatings} or one of its elements is null
   */
  public FeedbackDelta {
    if (executions < 0 || successes < 0 || failures < 0 || nanos < 0) {
      throw new IllegalArgumentException(
          "feedback increments must not be negative: executions="
              + executions
              + ", successes="
              + successes
              + ", failures="
              + failures
              + ", nanos="
              + nanos);
    }
    newRatings = Checks.copyRatings("quality ratings", newRatings);
  }

  /**
   * Whether nothing was recorded.
   *
   * @return {@code true} if every increment is zero and there are no new ratings
   */
  public boolean isEmpty() {
    return executions == 0 && successes == 0 && failures == 0 && nanos == 0 && newRatings.isEmpty();
  }
}
