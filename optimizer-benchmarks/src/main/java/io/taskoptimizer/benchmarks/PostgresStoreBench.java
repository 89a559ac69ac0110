package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feedback into the PostgreSQL store (optimizer-jdbc): the cost of one flush, and the throughput of
 * several workers recording into one database with batching (a flush every 100 ms) and without (a
 * flush after every event). A timed main rather than JMH, because a run needs a database and
 * measures end to end (JDBC, network, commit with fsync):
 *
 * <pre>{@code
 * scripts/with-postgres.sh sh -c 'java -cp optimizer-benchmarks/target/benchmarks.jar \
 *     io.taskoptimizer.benchmarks.PostgresStoreBench "$TASKOPT_TEST_PG_URL"'
 * }</pre>
 *
 * <p>Prints one line per figure. Every throughput run checks that the database holds exactly the
 * events recorded, so a fast but lossy run cannot pass.
 */
public final class PostgresStoreBench {

  private static final int WORKERS = 4;
  private static final int THREADS = 4;
  private static final Duration RUN = Duration.ofSeconds(5);

  private PostgresStoreBench() {}

  /** {@code args[0]}: a jdbc:postgresql URL of an empty (or disposable) database. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: PostgresStoreBench JDBC_URL   (the feedback tables of this database are used)");
      System.exit(2);
    }
    String url = args[0];
    try (OptimizerStore store = OptimizerStores.open(url)) {
      System.out.println(
          "store "
              + store.location()
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " cores");
    }
    storeFlushCost(url, 1, 1);
    storeFlushCost(url, 6, 20);
    flushCost(url, 1, 1);
    flushCost(url, 6, 20);
    throughput(url, "batched (flush every 100 ms)", Duration.ofMillis(100), false);
    throughput(url, "unbatched (flush after every event)", Duration.ZERO, true);
  }

  /**
   * Median and p90 of {@link OptimizerStore#addFeedback} alone (the feedback part of a flush: one
   * transaction with the batched upsert, rating inserts and pruning, and the read-back).
   */
  static void storeFlushCost(String url, int tasks, int models) {
    List<TaskType> ts = TaskType.predefined().subList(0, tasks);
    Map<String, Map<String, FeedbackDelta>> deltas = new LinkedHashMap<>();
    for (TaskType t : ts) {
      Map<String, FeedbackDelta> m = new LinkedHashMap<>();
      for (int i = 0; i < models; i++) {
        m.put("raw-" + i + ":1b", new FeedbackDelta(1, 1, 0, 1_200_000_000L, List.of(0.6)));
      }
      deltas.put(t.id(), m);
    }
    try (OptimizerStore store = OptimizerStores.open(url)) {
      int rounds = 60;
      long[] nanos = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        store.addFeedback(deltas, 20);
        nanos[r] = System.nanoTime() - start;
      }
      long[] measured = Arrays.copyOfRange(nanos, 10, rounds);
      Arrays.sort(measured);
      System.out.printf(
          Locale.ROOT,
          "store.addFeedback of %d task x %d model rows (+1 rating each): median %.2f ms,"
              + " p90 %.2f ms%n",
          tasks,
          models,
          measured[measured.length / 2] / 1e6,
          measured[measured.length * 9 / 10] / 1e6);
    }
  }

  /**
   * Median and p90 of {@code TaskOptimizer.flush()} with one new event (and rating) for each of
   * tasks x models: the feedback transaction plus the learned selection state's.
   */
  static void flushCost(String url, int tasks, int models) throws Exception {
    Path dir = Files.createTempDirectory("pgbench");
    List<TaskType> ts = TaskType.predefined().subList(0, tasks);
    try (TaskOptimizer o = optimizer(url, dir, Duration.ZERO)) {
      int rounds = 60;
      long[] nanos = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        for (TaskType t : ts) {
          for (int m = 0; m < models; m++) {
            o.recordFeedback(
                t, "bench-" + m + ":1b", Duration.ofMillis(1200), true, 0.5 + (r % 10) / 100.0);
          }
        }
        long start = System.nanoTime();
        o.flush();
        nanos[r] = System.nanoTime() - start;
      }
      long[] measured = Arrays.copyOfRange(nanos, 10, rounds); // the first ten warm up
      Arrays.sort(measured);
      System.out.printf(
          Locale.ROOT,
          "flush of %d task x %d model rows (+1 rating each): median %.2f ms, p90 %.2f ms%n",
          tasks,
          models,
          measured[measured.length / 2] / 1e6,
          measured[measured.length * 9 / 10] / 1e6);
    }
  }

  /**
   * WORKERS optimizers (own connections) x THREADS threads recording for RUN; events persisted per
   * second.
   */
  static void throughput(String url, String label, Duration flushInterval, boolean flushEach)
      throws Exception {
    String model = "tp-" + (flushEach ? "each" : "batched") + ":1b";
    long before = stored(url, model);
    List<TaskOptimizer> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(optimizer(url, Files.createTempDirectory("pgbench"), flushInterval));
    }
    LongAdder recorded = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (TaskOptimizer o : workers) {
      for (int t = 0; t < THREADS; t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  while (!stop.get()) {
                    o.recordFeedback(
                        TaskType.SELF_ASSESSMENT, model, Duration.ofMillis(3), true, 0.7);
                    recorded.increment();
                    if (flushEach) {
                      o.flush();
                    }
                  }
                });
        th.start();
        threads.add(th);
      }
    }
    long t0 = System.nanoTime();
    start.countDown();
    Thread.sleep(RUN.toMillis()); // a benchmark's measuring window, not synchronisation
    stop.set(true);
    for (Thread th : threads) {
      th.join();
    }
    for (TaskOptimizer o : workers) {
      o.close(); // final flush
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long persisted = stored(url, model) - before;
    if (persisted != recorded.sum()) {
      throw new IllegalStateException(
          label + ": recorded " + recorded.sum() + " but the database holds " + persisted);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, %d workers x %d threads: %.0f events/s persisted (%d events in %.1f s, exact)%n",
        label,
        WORKERS,
        THREADS,
        persisted / seconds,
        persisted,
        seconds);
  }

  private static long stored(String url, String model) {
    try (OptimizerStore store = OptimizerStores.open(url)) {
      Map<String, StoredFeedback> sa =
          store.loadFeedback().getOrDefault("self_assessment", Map.of());
      StoredFeedback f = sa.get(model);
      return f == null ? 0 : f.executions();
    }
  }

  private static TaskOptimizer optimizer(String url, Path dir, Duration flushInterval) {
    return TaskOptimizer.builder()
        .configDirectory(dir)
        .store(url)
        .autoDetectProviders(false)
        .autoDetectAssessors(false)
        .feedbackFlushInterval(flushInterval)
        .availabilityRefreshInterval(Duration.ofHours(1))
        .maxQualityRatings(20)
        .build();
  }
}
