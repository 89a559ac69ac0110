package io.taskoptimizer.spi;

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

  /** Validates and copies. */
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
    newRatings = List.copyOf(newRatings);
    for (Double q : newRatings) {
      if (!(q >= 0.0 && q <= 1.0)) {
        throw new IllegalArgumentException("quality ratings must be between 0 and 1, got " + q);
      }
    }
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return executions == 0 && successes == 0 && failures == 0 && nanos == 0 && newRatings.isEmpty();
  }
}
