package io.taskoptimizer.core.internal.store;

/**
 * The range of the counters in the config files (executions, successes, failures). Far beyond any
 * real count, and exact as a JSON number read as a double; reading refuses larger values, adding
 * saturates at it, so no counter can overflow.
 */
public final class Counts {

  /** The largest count: 2^53 - 1. */
  public static final long MAX = (1L << 53) - 1;

  private Counts() {}

  /**
   * Adds two counts.
   *
   * @param a a count
   * @param b another count, or a negative correction
   * @return {@code a + b}, saturating at {@link #MAX} (and at 0 for a negative sum)
   */
  public static long add(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return b > 0 ? MAX : 0; // overflowed
    }
    return Math.max(0, Math.min(MAX, sum));
  }
}
