package io.taskoptimizer.core.internal.feedback;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative, lock-free counters of one model on one task since the optimizer started, plus a
 * lock-free ring of the newest quality ratings.
 *
 * <p>Counters only grow; a flush reads them and remembers what it wrote (see {@link
 * FeedbackRecorder}), so no event is lost between reading and writing. {@link LongAdder} keeps
 * concurrent recording cheap (striped cells under contention). Durations are summed in nanoseconds,
 * exactly, and converted to seconds only when written.
 *
 * <p><b>The ratings ring.</b> Every rating claims the next index from one counter; index {@code i}
 * lives in slot {@code i % capacity}, which holds a stamp ({@code i + 1}; 0 while empty) and the
 * rating's bits. A writer takes its slot by CAS-ing the stamp to {@code BUSY}, writes the value,
 * then publishes its stamp; stamps of a slot only grow, so a writer that finds a newer stamp drops
 * its rating, which then has {@code capacity} newer ratings and would be capped away anyway. A
 * reader ({@link #ratingsSince}) never waits: it reads the newest {@code capacity} indices after
 * {@code since}, skips the ones already overwritten by newer ratings, and stops at the first index
 * that is claimed but not yet published, returning that index as the count. The next read starts
 * there, so each rating is returned by exactly one of a sequence of reads (or superseded by {@code
 * capacity} newer ones), in claim order, and none is returned twice.
 */
final class ModelAccumulator {

  /** Stamp of a slot whose writer is between taking it and publishing. */
  private static final long BUSY = -1;

  private static final double[] NONE = new double[0];

  final String canonicalName;
  final LongAdder executions = new LongAdder();
  final LongAdder successes = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder nanos = new LongAdder();

  private final int capacity;

  /** Ratings claimed so far; the next rating's index. */
  private final AtomicLong claimed = new AtomicLong();

  /** Slot {@code s}: stamp at {@code 2s}, value bits at {@code 2s + 1} (one cache line). */
  private final AtomicLongArray slots;

  ModelAccumulator(String canonicalName, int maxRatings) {
    this.canonicalName = canonicalName;
    this.capacity = maxRatings;
    this.slots = new AtomicLongArray(2 * maxRatings);
  }

  void record(long durationNanos, boolean success, double quality) {
    nanos.add(durationNanos);
    (success ? successes : failures).increment();
    if (!Double.isNaN(quality)) { // not NaN: a rating was given
      addRating(quality);
    }
    executions.increment();
  }

  private void addRating(double quality) {
    publishRating(claimRating(), quality);
  }

  /** Claims the next rating's index (the first half of adding a rating; tests stop here). */
  long claimRating() {
    return claimed.getAndIncrement();
  }

  /** Ratings claimed so far, published or not. */
  long ratingsClaimed() {
    return claimed.get();
  }

  /** Stores the rating of a claimed index, unless {@code capacity} newer ratings overtook it. */
  // Thread.yield() below is a back-off for a preempted writer of the same slot, not needed for
  // correctness: the loop re-checks the slot whether or not the scheduler runs another thread
  @SuppressWarnings("ThreadPriorityCheck")
  void publishRating(long index, double quality) {
    if (capacity == 0) {
      return;
    }
    int s = slotOf(index);
    long stamp = index + 1;
    for (int spins = 0; ; spins++) {
      long current = slots.get(s);
      if (current > stamp) {
        return; // a rating at least `capacity` newer already has the slot: this one is capped away
      }
      if (current != BUSY && slots.compareAndSet(s, current, BUSY)) {
        // the release stores order value after BUSY, and stamp after value, for ratingsSince
        slots.setRelease(s + 1, Double.doubleToRawLongBits(quality));
        slots.setRelease(s, stamp);
        return;
      }
      // another writer of this slot is between its CAS and its publishing store (two stores)
      if (spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /**
   * The ratings after the first {@code since}, oldest first, at most the ring's size, up to the
   * first rating still being written; the count is where the next read must start.
   */
  Ratings ratingsSince(long since) {
    long end = claimed.get();
    if (capacity == 0) {
      return new Ratings(NONE, end);
    }
    long from = Math.max(since, end - capacity);
    if (from >= end) {
      return new Ratings(NONE, end); // since == end: nothing new
    }
    double[] out = new double[(int) (end - from)];
    int k = 0;
    for (long i = from; i < end; i++) {
      int s = slotOf(i);
      long stamp = slots.get(s);
      if (stamp == i + 1) {
        long bits = slots.get(s + 1);
        if (slots.get(s) == stamp) {
          out[k++] = Double.longBitsToDouble(bits);
        }
        // else overwritten while being read, by a newer rating: superseded
      } else if (stamp == BUSY || stamp < i + 1) {
        // claimed, not yet published (or a writer of this slot is mid-write): stop here, the next
        // read starts at this index
        end = i;
        break;
      }
      // stamp > i + 1: overwritten by a rating `capacity` newer; superseded
    }
    return new Ratings(k == out.length ? out : Arrays.copyOf(out, k), end);
  }

  private int slotOf(long index) {
    return 2 * (int) (index % capacity);
  }

  /** A cut of the ratings: the values and the count of ratings the cut covers. */
  // a hand-over from ratingsSince to its caller, never compared, hashed or printed, so the array's
  // identity-based equals/hashCode/toString do not matter
  @SuppressWarnings("ArrayRecordComponent")
  record Ratings(double[] values, long count) {}
}
