package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.spi.StoredFeedback;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selection, execution and feedback from many threads while the rankings are replaced and
 * availability changes underneath: no exception, no lost update, and selection never returns a
 * model that no provider served.
 */
class ConcurrencyTest {

  private static final TaskType TASK = TaskType.COVER_LETTER;
  private static final List<RankedModel> V1 =
      List.of(new RankedModel("flaky:1b", 1.0, 1.0), new RankedModel("stable:1b", 0.5, 0.5));
  private static final List<RankedModel> V2 =
      List.of(
          new RankedModel("never-served:1b", 1.0, 1.0),
          new RankedModel("stable:1b", 0.6, 0.6),
          new RankedModel("flaky:1b", 0.1, 0.1));

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void servesConsistentChoicesWhileRankingsAndAvailabilityChange() throws Exception {
    FakeProvider provider = new FakeProvider("fake", "stable:1b", "flaky:1b");
    TaskOptimizer optimizer =
        TestConfig.builder(dir, new ManualScheduler()).addProvider(provider).build();
    optimizer.replaceRankings(Map.of(TASK, V1));
    optimizer.refreshAvailability();

    int rounds = 60;
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean mutating = new AtomicBoolean(true);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Set<String> chosen = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();
    AtomicInteger recorded = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();

    // the workers run for as long as the mutator keeps changing rankings and availability
    for (int t = 0; t < 2; t++) {
      workers.add(
          new Thread(
              guard(
                  failures,
                  start,
                  () -> {
                    while (mutating.get()) {
                      chosen.add(optimizer.bestModelFor(TASK));
                      chosen.add(optimizer.selectionFor(TASK).model());
                    }
                  })));
      workers.add(
          new Thread(
              guard(
                  failures,
                  start,
                  () -> {
                    while (mutating.get()) {
                      ExecutionResult r = optimizer.execute(TASK, GenerationRequest.of("write"));
                      executed
                          .computeIfAbsent(r.model(), k -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  })));
      workers.add(
          new Thread(
              guard(
                  failures,
                  start,
                  () -> {
                    while (mutating.get()) {
                      optimizer.recordFeedback(TASK, "recorded:1b", Duration.ofMillis(250), true);
                      recorded.incrementAndGet();
                    }
                  })));
    }
    Thread mutator =
        new Thread(
            guard(
                failures,
                start,
                () -> {
                  try {
                    for (int round = 0; round < rounds; round++) {
                      optimizer.replaceRankings(Map.of(TASK, round % 2 == 0 ? V2 : V1));
                      provider.serve(
                          round % 3 == 0
                              ? new String[] {"stable:1b"}
                              : new String[] {"stable:1b", "flaky:1b"});
                      optimizer.refreshAvailability();
                      if (round % 5 == 0) {
                        optimizer.flush();
                      }
                    }
                  } finally {
                    mutating.set(false);
                  }
                }));
    workers.forEach(Thread::start);
    mutator.start();
    start.countDown();
    mutator.join();
    for (Thread w : workers) {
      w.join();
    }
    optimizer.close();

    assertThat(failures).isEmpty();
    // never the ranked model that no provider serves, whatever the interleaving
    assertThat(chosen).isNotEmpty().isSubsetOf("stable:1b", "flaky:1b");
    Map<String, StoredFeedback> onDisk = new FeedbackFile(dir).load().get(TASK.id());
    assertThat(onDisk.get("recorded:1b").executions()).isEqualTo(recorded.get());
    assertThat(onDisk.get("recorded:1b").totalTimeSeconds()).isEqualTo(recorded.get() * 0.25);
    executed.forEach(
        (model, count) ->
            assertThat(onDisk.get(model).executions()).as(model).isEqualTo(count.get()));
    assertThat(executed.keySet()).isSubsetOf("stable:1b", "flaky:1b");
  }

  private static Runnable guard(List<Throwable> failures, CountDownLatch start, Runnable body) {
    return () -> {
      try {
        start.await();
        body.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    };
  }
}
