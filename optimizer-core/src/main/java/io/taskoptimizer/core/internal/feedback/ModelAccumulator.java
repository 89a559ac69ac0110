package io.taskoptimizer.core.internal.feedback;

import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative, lock-free counters of one model on one task since the optimizer started, plus a
 * small ring of the newest quality ratings.
 *
 * <p>Counters only grow; a flush reads them and remembers what it wrote (see
 * {@link FeedbackRecorder}), so no event is lost between reading and writing. {@link LongAdder}
 * keeps concurrent recording cheap (striped cells under contention). Durations are summed in
 * nanoseconds, exactly, and converted to seconds only when written.
 */
final class ModelAccumulator {

  final String canonicalName;
  final LongAdder executions = new LongAdder();
  final LongAdder successes = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder nanos = new LongAdder();

  private final double[] ring;
  private long ratingCount; // guarded by this

  ModelAccumulator(String canonicalName, int maxRatings) {
    this.canonicalName = canonicalName;
    this.ring = new double[maxRatings];
  }

  void record(long durationNanos, boolean success, double quality) {
    nanos.add(durationNanos);
    (success ? successes : failures).increment();
    if (quality == quality) { // not NaN: a rating was given
      addRating(quality);
    }
    executions.increment();
  }

  private synchronized void addRating(double quality) {
    if (ring.length > 0) {
      ring[(int) (ratingCount % ring.length)] = quality;
    }
    ratingCount++;
  }

  /** The ratings recorded after the first {@code since}, oldest first, at most the ring's size. */
  synchronized Ratings ratingsSince(long since) {
    long n = ratingCount - since;
    int k = (int) Math.min(n, ring.length);
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      long index = ratingCount - k + i;
      out[i] = ring[(int) (index % ring.length)];
    }
    return new Ratings(out, ratingCount);
  }

  /** A cut of the ratings: the values and the total count at the cut. */
  record Ratings(double[] values, long count) {}
}
