package io.taskoptimizer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads call {@code bestModelFor}, {@code execute} and {@code recordFeedback} while one
 * thread keeps replacing the rankings, another keeps changing what the provider serves (followed by
 * {@code refreshAvailability()}) and another keeps flushing. Each worker does a minimum number of
 * operations and goes on until every changer has completed a minimum number of rounds, so the
 * changes really overlap the calls however the threads are scheduled. Afterwards: no thread saw an
 * unexpected exception, no feedback was lost (exact totals in memory and on disk), and every
 * selection was right for a state the optimizer was in during the call.
 *
 * <p><b>"Available at the time", precisely.</b> The provider's list and the rankings change in
 * numbered versions. The availability thread publishes version {@code v} by switching the provider
 * to it, calling {@code refreshAvailability()} and, once that returned, setting {@code
 * committedList = v}; the rankings thread likewise starts version {@code r} ({@code startedRanking
 * = r}), calls {@code replaceRankings} and then sets {@code committedRanking = r}. A call that
 * starts when {@code committedList = c0} and ends when the provider is at version {@code p1} must
 * return a model served in list {@code j} for some {@code c0 <= j <= p1}: the optimizer may still
 * use what was last confirmed before the call, or anything published during it, but never a model
 * that was in none of those lists. (Which of the served models is best depends on the feedback
 * recorded concurrently, which the optimizer learns from at once, so the test checks availability,
 * not the ranking order; the order is checked by SelectionTest and AdaptiveSelectionTest.)
 */
class ConcurrentChangesTest {

  private static final long SEED = 42_4242L;
  private static final int MODELS = 8;
  private static final List<TaskType> TASKS =
      List.of(TaskType.COVER_LETTER, TaskType.SELF_ASSESSMENT);

  // each worker does at least this many operations, and goes on until the state has changed
  // often enough under it (MIN_* rounds of each changer)
  private static final int SELECTORS = 3;
  private static final int SELECTIONS = 20_000;
  private static final int EXECUTORS = 2;
  private static final int EXECUTIONS = 1_500;
  private static final int RECORDERS = 2;
  private static final int RECORDS = 50_000;
  private static final int MIN_RANKING_ROUNDS = 30;
  private static final int MIN_LIST_ROUNDS = 300;
  private static final int MIN_FLUSHES = 30;

  @TempDir Path dir;

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final Map<Integer, List<String>> lists = new ConcurrentHashMap<>();
  private final Map<Integer, Map<TaskType, List<RankedModel>>> rankings = new ConcurrentHashMap<>();

  private final AtomicInteger committedList = new AtomicInteger();
  private final AtomicInteger committedRanking = new AtomicInteger();
  private final AtomicInteger startedRanking = new AtomicInteger();
  private final AtomicInteger rankingRounds = new AtomicInteger();
  private final AtomicInteger listRounds = new AtomicInteger();
  private final AtomicInteger flushes = new AtomicInteger();
  private final LongAdder operations = new LongAdder();
  private final LongAdder recordedEvents = new LongAdder();
  private final LongAdder executedCalls = new LongAdder();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final Map<String, Counts> expected = new ConcurrentHashMap<>();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  /** Expected feedback of one task and model. */
  static final class Counts {
    final LongAdder executions = new LongAdder();
    final LongAdder successes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder millis = new LongAdder();

    void add(boolean success, long ms) {
      executions.increment();
      (success ? successes : failures).increment();
      millis.add(ms);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void selectionExecutionAndFeedbackStayCorrectWhileRankingsAndAvailabilityChange()
      throws Exception {
    VersionedProvider provider = new VersionedProvider(this::list);
    try (TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(provider)
            .autoDetectAssessors(false)
            .scheduler(scheduler)
            .availabilityRefreshInterval(Duration.ofHours(1)) // only the test changes availability
            .feedbackFlushInterval(Duration.ZERO) // only the flusher thread persists
            .build()) {
      optimizer.replaceRankings(rankings(0));
      // the initial background load was scheduled first on this single thread: wait for it, so
      // that from now on availability changes only when the availability thread says so
      scheduler.schedule(() -> {}, 0, TimeUnit.NANOSECONDS).get(30, TimeUnit.SECONDS);
      optimizer.refreshAvailability();

      AtomicBoolean workersDone = new AtomicBoolean();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < SELECTORS; t++) {
        int id = t;
        workers.add(thread("selector-" + t, go, () -> select(optimizer, provider, id)));
      }
      for (int t = 0; t < EXECUTORS; t++) {
        int id = t;
        workers.add(thread("executor-" + t, go, () -> execute(optimizer, provider, id)));
      }
      for (int t = 0; t < RECORDERS; t++) {
        int id = t;
        workers.add(thread("recorder-" + t, go, () -> record(optimizer, id)));
      }
      List<Thread> changers =
          List.of(
              thread(
                  "rankings",
                  go,
                  () -> {
                    while (!workersDone.get()) {
                      int r = startedRanking.incrementAndGet();
                      optimizer.replaceRankings(rankings(r));
                      committedRanking.set(r);
                      rankingRounds.incrementAndGet();
                    }
                  }),
              thread(
                  "availability",
                  go,
                  () -> {
                    while (!workersDone.get()) {
                      int v = provider.advance();
                      optimizer.refreshAvailability();
                      committedList.set(v);
                      listRounds.incrementAndGet();
                    }
                  }),
              thread(
                  "flusher",
                  go,
                  () -> {
                    while (!workersDone.get()) {
                      optimizer.flush();
                      flushes.incrementAndGet();
                    }
                  }));

      go.countDown();
      for (Thread w : workers) {
        w.join(TimeUnit.SECONDS.toMillis(100));
        assertThat(w.isAlive()).as("%s finished", w.getName()).isFalse();
      }
      workersDone.set(true);
      for (Thread c : changers) {
        c.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(c.isAlive()).as("%s finished", c.getName()).isFalse();
      }

      assertThat(errors).as("exceptions in the threads").isEmpty();
      System.out.printf(
          "%d operations while the rankings changed %d times, the model list %d times,"
              + " and %d flushes ran%n",
          operations.sum(), rankingRounds.get(), listRounds.get(), flushes.get());
      assertThat(rankingRounds.get()).isGreaterThanOrEqualTo(MIN_RANKING_ROUNDS);
      assertThat(listRounds.get()).isGreaterThanOrEqualTo(MIN_LIST_ROUNDS);
      assertThat(flushes.get()).isGreaterThanOrEqualTo(MIN_FLUSHES);

      assertFeedback(optimizer.feedback(), "in memory");
    }
    // close() persisted the rest: a new optimizer reads exactly the same totals from the file
    try (TaskOptimizer reopened =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .build()) {
      assertFeedback(reopened.feedback(), "on disk");
    }
  }

  // ------------------------------------------------------------------ workers

  private void select(TaskOptimizer optimizer, VersionedProvider provider, int id) {
    for (int i = 0; i < SELECTIONS || !changedEnough(); i++) {
      operations.increment();
      TaskType task = TASKS.get((i + id) % TASKS.size());
      int c0 = committedList.get();
      int r0 = committedRanking.get();
      String chosen = optimizer.bestModelFor(task);
      int p1 = provider.listVersion();
      int r1 = startedRanking.get();
      checkChoice(task, chosen, c0, p1, r0, r1);
    }
  }

  private void execute(TaskOptimizer optimizer, VersionedProvider provider, int id) {
    for (int i = 0; i < EXECUTIONS || !changedEnough(); i++) {
      operations.increment();
      TaskType task = TASKS.get((i + id) % TASKS.size());
      boolean fail = i % 5 == 0;
      int c0 = committedList.get();
      int r0 = committedRanking.get();
      String chosen;
      try {
        ExecutionResult result =
            optimizer.execute(
                task,
                GenerationRequest.of(
                    (fail ? "fail " : "write ") + "call " + i + " of executor " + id));
        assertThat(fail).as("an injected failure surfaced").isFalse();
        chosen = result.model();
        assertThat(result.generation().text()).isEqualTo("ok from " + chosen);
      } catch (ProviderServerException e) {
        assertThat(fail).as("only injected failures: %s", e.getMessage()).isTrue();
        chosen = provider.lastModel();
        assertThat(e.getMessage()).contains(chosen);
      }
      int p1 = provider.listVersion();
      int r1 = startedRanking.get();
      checkChoice(task, chosen, c0, p1, r0, r1);
      // the optimizer measures the duration itself; only the counts are known exactly
      counts(task, chosen).add(!fail, 0);
      executedCalls.increment();
    }
  }

  private void record(TaskOptimizer optimizer, int id) {
    Random random = new Random(SEED + id);
    for (int i = 0; i < RECORDS || !changedEnough(); i++) {
      operations.increment();
      recordedEvents.increment();
      TaskType task = TASKS.get(random.nextInt(TASKS.size()));
      String model = i % 3 == 0 ? "recorder-" + id + ":1b" : model(random.nextInt(MODELS));
      boolean success = random.nextInt(10) != 0;
      long ms = 1L + random.nextInt(5_000);
      optimizer.recordFeedback(task, model, Duration.ofMillis(ms), success);
      counts(task, model).add(success, ms);
    }
  }

  private boolean changedEnough() {
    return rankingRounds.get() >= MIN_RANKING_ROUNDS
        && listRounds.get() >= MIN_LIST_ROUNDS
        && flushes.get() >= MIN_FLUSHES;
  }

  private Thread thread(String name, CountDownLatch go, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                go.await();
                body.run();
              } catch (Throwable e) {
                errors.add(new AssertionError(Thread.currentThread().getName() + ": " + e, e));
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  // ------------------------------------------------------------------ checks

  private void checkChoice(TaskType task, String chosen, int c0, int p1, int r0, int r1) {
    Set<String> allowed = new HashSet<>();
    for (int j = c0; j <= p1; j++) {
      allowed.addAll(list(j));
    }
    if (!allowed.contains(chosen)) {
      throw new AssertionError(
          "bestModelFor("
              + task
              + ") returned "
              + chosen
              + " but lists "
              + c0
              + ".."
              + p1
              + " (rankings "
              + r0
              + ".."
              + r1
              + ") serve only "
              + allowed);
    }
  }

  private void assertFeedback(Map<TaskType, Map<String, ModelFeedback>> actual, String where) {
    long expectedTotal = 0;
    long actualTotal = 0;
    for (Map.Entry<String, Counts> e : expected.entrySet()) {
      String[] key = e.getKey().split(" ", 2);
      TaskType task = TaskType.of(key[0]);
      Counts want = e.getValue();
      ModelFeedback got = actual.getOrDefault(task, Map.of()).get(key[1]);
      assertThat(got).as("%s: feedback of %s", where, e.getKey()).isNotNull();
      assertThat(got.executions())
          .as("%s: executions of %s", where, e.getKey())
          .isEqualTo(want.executions.sum());
      assertThat(got.successes())
          .as("%s: successes of %s", where, e.getKey())
          .isEqualTo(want.successes.sum());
      assertThat(got.failures())
          .as("%s: failures of %s", where, e.getKey())
          .isEqualTo(want.failures.sum());
      if (key[1].startsWith("recorder-")) { // recorded with known durations only
        assertThat(got.totalTime().toNanos() / 1e9)
            .as("%s: total_time of %s", where, e.getKey())
            .isCloseTo(want.millis.sum() / 1000.0, within(1e-6 * want.millis.sum()));
      }
      expectedTotal += want.executions.sum();
    }
    for (Map<String, ModelFeedback> models : actual.values()) {
      for (ModelFeedback f : models.values()) {
        actualTotal += f.executions();
      }
    }
    assertThat(actualTotal)
        .as("%s: executions in all", where)
        .isEqualTo(expectedTotal)
        .isEqualTo(executedCalls.sum() + recordedEvents.sum())
        .isGreaterThanOrEqualTo((long) EXECUTORS * EXECUTIONS + (long) RECORDERS * RECORDS);
  }

  private Counts counts(TaskType task, String model) {
    return expected.computeIfAbsent(task.id() + " " + model, k -> new Counts());
  }

  // ------------------------------------------------------------------ the versioned states

  private static String model(int i) {
    return "m" + i + ":1b";
  }

  /**
   * Version v of the provider's list: a seeded subset of the ranked models (at least two) plus an
   * unranked one.
   */
  private List<String> list(int v) {
    return lists.computeIfAbsent(
        v,
        k -> {
          Random random = new Random(SEED * 31 + k);
          List<String> all = new ArrayList<>();
          for (int i = 0; i < MODELS; i++) {
            all.add(model(i));
          }
          Collections.shuffle(all, random);
          List<String> served = new ArrayList<>(all.subList(0, 2 + random.nextInt(MODELS - 2)));
          served.add("unranked:7b");
          return List.copyOf(served);
        });
  }

  /** Version r of the rankings: every model of both tasks with seeded scores. */
  private Map<TaskType, List<RankedModel>> rankings(int r) {
    return rankings.computeIfAbsent(
        r,
        k -> {
          Random random = new Random(SEED * 17 + k);
          Map<TaskType, List<RankedModel>> out = new LinkedHashMap<>();
          for (TaskType task : TASKS) {
            List<RankedModel> ranking = new ArrayList<>();
            for (int i = 0; i < MODELS; i++) {
              // two decimals, as in real rankings, so ties happen and exercise the tie rules
              ranking.add(
                  new RankedModel(
                      model(i), random.nextInt(101) / 100.0, random.nextInt(101) / 100.0));
            }
            Collections.shuffle(ranking, random);
            out.put(task, List.copyOf(ranking));
          }
          return out;
        });
  }
}
