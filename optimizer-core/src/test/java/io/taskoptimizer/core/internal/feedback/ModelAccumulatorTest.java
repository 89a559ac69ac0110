package io.taskoptimizer.core.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ModelAccumulatorTest {

  /** Ratings are distinct multiples of 2^-21, exact as doubles. */
  private static final double UNIT = 1.0 / (1 << 21);

  private static double rating(long i) {
    return i * UNIT;
  }

  private static long index(double rating) {
    return Math.round(rating / UNIT);
  }

  @Test
  void keepsTheNewestRatingsInOrderAndCountsEveryOne() {
    ModelAccumulator acc = new ModelAccumulator("m:1b", 3);
    for (int i = 1; i <= 5; i++) {
      acc.record(1, true, i / 10.0);
    }
    acc.record(1, true, Double.NaN); // no rating

    assertThat(acc.ratingsSince(0).values()).containsExactly(0.3, 0.4, 0.5);
    assertThat(acc.ratingsSince(0).count()).isEqualTo(5);
    assertThat(acc.ratingsSince(4).values()).containsExactly(0.5);
    assertThat(acc.ratingsSince(5).values()).isEmpty();
    assertThat(acc.ratingsSince(5).count()).isEqualTo(5);
    assertThat(acc.executions.sum()).isEqualTo(6);
  }

  @Test
  void withoutCapacityCountsRatingsButKeepsNone() {
    ModelAccumulator acc = new ModelAccumulator("m:1b", 0);
    acc.record(1, true, 0.5);
    acc.record(1, false, 0.7);

    assertThat(acc.ratingsSince(0).values()).isEmpty();
    assertThat(acc.ratingsSince(0).count()).isEqualTo(2);
  }

  @Test
  void aReadStopsAtARatingStillBeingWrittenAndTheNextReadTakesItWithTheOnesAfter() {
    ModelAccumulator acc = new ModelAccumulator("m:1b", 4);
    acc.record(1, true, 0.1);
    long stalled = acc.claimRating(); // a writer between claiming and publishing
    acc.record(1, true, 0.3);

    ModelAccumulator.Ratings first = acc.ratingsSince(0);
    assertThat(first.values()).containsExactly(0.1);
    assertThat(first.count()).as("the next read starts at the stalled rating").isEqualTo(stalled);
    assertThat(acc.ratingsSince(first.count()).values()).isEmpty();

    acc.publishRating(stalled, 0.2);
    ModelAccumulator.Ratings second = acc.ratingsSince(first.count());
    assertThat(second.values()).containsExactly(0.2, 0.3);
    assertThat(second.count()).isEqualTo(3);
  }

  @Test
  void aStalledRatingOvertakenByCapacityNewerOnesIsDroppedAndNeverBlocksReads() {
    ModelAccumulator acc = new ModelAccumulator("m:1b", 2);
    long stalled = acc.claimRating(); // index 0, slot 0
    acc.record(1, true, 0.1); // index 1
    acc.record(1, true, 0.2); // index 2, slot 0: overtakes the stalled rating
    assertThat(acc.ratingsSince(0).values()).containsExactly(0.1, 0.2);

    acc.publishRating(stalled, 0.9); // too late: two newer ratings exist

    assertThat(acc.ratingsSince(0).values()).containsExactly(0.1, 0.2);
    acc.record(1, true, 0.3);
    assertThat(acc.ratingsSince(0).values()).containsExactly(0.2, 0.3);
    assertThat(acc.ratingsSince(0).count()).isEqualTo(4);
  }

  @Test
  void aReadSkipsARatingOverwrittenByANewerOneWhileAnOlderOneIsStillBeingWritten() {
    ModelAccumulator acc = new ModelAccumulator("m:1b", 2);
    acc.record(1, true, 0.1); // index 0, slot 0
    long stalled = acc.claimRating(); // index 1, slot 1
    acc.record(1, true, 0.3); // index 2, slot 0: overwrites index 0

    ModelAccumulator.Ratings r = acc.ratingsSince(0);
    assertThat(r.values()).as("index 0 is capped away, index 1 is not yet written").isEmpty();
    assertThat(r.count()).isEqualTo(stalled);

    acc.publishRating(stalled, 0.2);
    assertThat(acc.ratingsSince(r.count()).values()).containsExactly(0.2, 0.3);
  }

  /**
   * One writer, so claim order is the writer's order and the rating's value is its index: every
   * rating must reach the reader exactly once and in order, unless at least {@code capacity} newer
   * ratings existed when it was skipped (then the file's cap would drop it anyway).
   */
  @Test
  @Timeout(60)
  void aReaderRacingOneWriterTakesEveryRatingOnceInOrderUnlessCappedAway() throws Exception {
    int capacity = 4;
    int n = 400_000;
    ModelAccumulator acc = new ModelAccumulator("m:1b", capacity);
    List<Double> delivered = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              awaitQuietly(start);
              for (int i = 0; i < n; i++) {
                acc.record(1, true, rating(i));
              }
            });
    writer.start();
    start.countDown();
    long since = 0;
    long previous = -1;
    while (writer.isAlive()) {
      int before = delivered.size();
      long from = since;
      since = take(acc, since, delivered);
      long claimedAfter = acc.ratingsClaimed();
      for (double d : delivered.subList(before, delivered.size())) {
        long i = index(d);
        assertThat(i)
            .as("in order, none twice")
            .isGreaterThan(previous)
            .isGreaterThanOrEqualTo(from);
        assertThat(previous + 1 + capacity)
            .as("ratings %d to %d skipped without %d newer ones", previous + 1, i - 1, capacity)
            .isLessThanOrEqualTo(i == previous + 1 ? Long.MAX_VALUE : claimedAfter);
        previous = i;
      }
      assertThat(since).isLessThanOrEqualTo(claimedAfter);
    }
    writer.join();
    since = take(acc, since, delivered);

    assertThat(since).isEqualTo(n);
    assertThat(delivered).isSorted().doesNotHaveDuplicates();
    List<Double> newest = new ArrayList<>();
    for (int i = n - capacity; i < n; i++) {
      newest.add(rating(i));
    }
    assertThat(delivered.subList(delivered.size() - capacity, delivered.size())).isEqualTo(newest);
  }

  /**
   * Two writers and a reader: no rating is returned twice, each writer's ratings arrive in its
   * order, every rating is counted, and the ratings taken read by read, capped like the file caps
   * them, end as the ring's newest ratings.
   */
  @Test
  @Timeout(60)
  void readsRacingTwoWritersNeverDuplicateOrReorderAndEndWithTheNewestRatings() throws Exception {
    int capacity = 5;
    int perWriter = 200_000;
    ModelAccumulator acc = new ModelAccumulator("m:1b", capacity);
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    acc.record(1, true, rating(2L * i + id));
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      w.start();
      writers.add(w);
    }
    start.countDown();
    List<Double> delivered = new ArrayList<>();
    long since = 0;
    while (writers.get(0).isAlive() || writers.get(1).isAlive()) {
      since = take(acc, since, delivered);
    }
    for (Thread w : writers) {
      w.join();
    }
    since = take(acc, since, delivered);

    assertThat(failure.get()).isNull();
    assertThat(since).isEqualTo(2L * perWriter);
    assertThat(acc.executions.sum()).isEqualTo(2L * perWriter);
    Set<Double> seen = new HashSet<>();
    long[] previous = {-1, -1};
    for (double d : delivered) {
      assertThat(seen.add(d)).as("returned twice: %s", d).isTrue();
      long i = index(d);
      int writer = (int) (i % 2);
      assertThat(i).as("writer %d's order", writer).isGreaterThan(previous[writer]);
      previous[writer] = i;
    }
    assertThat(delivered.subList(delivered.size() - capacity, delivered.size()))
        .isEqualTo(toList(acc.ratingsSince(0).values()));
  }

  private static long take(ModelAccumulator acc, long since, List<Double> into) {
    ModelAccumulator.Ratings r = acc.ratingsSince(since);
    assertThat(r.count()).isGreaterThanOrEqualTo(since);
    into.addAll(toList(r.values()));
    return r.count();
  }

  private static List<Double> toList(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
