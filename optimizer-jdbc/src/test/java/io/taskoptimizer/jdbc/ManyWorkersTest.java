package io.taskoptimizer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.core.RankingUpdate;
import io.taskoptimizer.core.RankingUpdater;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several worker processes and updaters on one database: nothing lost, one consistent result. */
class ManyWorkersTest {

  @TempDir Path dir;
  private TestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = TestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) { // null when the test was skipped for want of a server
      db.close();
    }
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fourProcessesOfFourThreadsRecordExactTotals() throws Exception {
    int processes = 4;
    int threads = 4;
    int events = 500;
    OptimizerStores.open(db.url())
        .close(); // migrate once, so the children race on data, not on DDL
    Path log = dir.resolve("children.log");
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      children.add(
          StoreChild.start(
              log, "record", db.url(), String.valueOf(threads), String.valueOf(events)));
    }
    for (Process child : children) {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).as("child output; stderr: %s", stderr(log)).isEqualTo("done");
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("stderr: %s", stderr(log)).isZero();
    }

    long workers = (long) processes * threads;
    long total = workers * events;
    long failuresPerThread = events / 3;
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      StoredFeedback f = store.loadFeedback().get("self_assessment").get("shared:1b");
      assertThat(f.executions()).isEqualTo(total);
      assertThat(f.failures()).isEqualTo(workers * failuresPerThread);
      assertThat(f.successes()).isEqualTo(total - workers * failuresPerThread);
      assertThat(f.totalTimeSeconds())
          .isCloseTo(total * 0.001, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(f.qualityRatings()).hasSize(100);
    }
    assertThat(db.queryLong("SELECT count(*) FROM taskopt_quality_ratings")).isEqualTo(100);
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWorkerKilledMidFlushLosesNothingItReportedAsPersisted() throws Exception {
    OptimizerStores.open(db.url()).close();
    Path log = dir.resolve("child.log");
    long persistedBefore = 0;
    for (int kill = 0; kill < 4; kill++) {
      Process child = StoreChild.start(log, "loop", db.url());
      long reported = 0;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (int i = 0; i < 1 + kill * 3; i++) { // kill after a varying number of finished flushes
          String line = out.readLine();
          assertThat(line).as("child output; stderr: %s", stderr(log)).startsWith("flushed ");
          reported = Long.parseLong(line.substring("flushed ".length()));
        }
      } finally {
        child.destroyForcibly(); // SIGKILL, usually in the middle of the next flush
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long stored;
      try (OptimizerStore store = OptimizerStores.open(db.url())) {
        stored = store.loadFeedback().get("self_assessment").get("crash:1b").executions();
      }
      assertThat(stored)
          .as("after kill %d", kill)
          .isGreaterThanOrEqualTo(persistedBefore + reported);
      assertThat(stored % 50).as("a flush is all or nothing").isZero();
      persistedBefore = stored;
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twoUpdatersAtOnceProduceOneConsistentResult() throws Exception {
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      store.replaceRankings(
          Map.of(
              TaskType.SELF_ASSESSMENT,
              List.of(
                  new RankedModel("a:1b", 0.9, 0.5),
                  new RankedModel("b:1b", 0.6, 0.5),
                  new RankedModel("c:1b", 0.5, 0.5))));
    }
    try (TaskOptimizer seed = db.optimizer(dir.resolve("seed")).build()) {
      for (int i = 0; i < 40; i++) { // b:1b proves much better than its prior; a:1b fails often
        seed.recordFeedback(TaskType.SELF_ASSESSMENT, "b:1b", Duration.ofSeconds(1), true, 1.0);
        seed.recordFeedback(
            TaskType.SELF_ASSESSMENT, "a:1b", Duration.ofSeconds(1), i % 2 == 0, 0.3);
      }
    }
    try (TaskOptimizer one = db.optimizer(dir.resolve("one")).build();
        TaskOptimizer two = db.optimizer(dir.resolve("two")).build()) {
      RankingUpdater u1 = RankingUpdater.builder(one).refreshAvailability(false).build();
      RankingUpdater u2 = RankingUpdater.builder(two).refreshAvailability(false).build();
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<RankingUpdate> f1 =
            pool.submit(
                () -> {
                  together.await();
                  return u1.update();
                });
        Future<RankingUpdate> f2 =
            pool.submit(
                () -> {
                  together.await();
                  return u2.update();
                });
        RankingUpdate r1 = f1.get(60, TimeUnit.SECONDS);
        RankingUpdate r2 = f2.get(60, TimeUnit.SECONDS);

        // serialised by the advisory lock: the update that ran second started from the first one's
        // written result (without the lock both would start from the original rankings)
        boolean oneFirst = startsFrom(r2, r1);
        boolean twoFirst = startsFrom(r1, r2);
        assertThat(oneFirst || twoFirst).as("%s%n---%n%s", r1.summary(), r2.summary()).isTrue();
        RankingUpdate last = oneFirst ? r2 : r1;
        TaskOptimizer lastWriter = oneFirst ? two : one;
        List<RankedModel> result = lastWriter.rankings(TaskType.SELF_ASSESSMENT);
        assertThat(result.get(0).model()).isEqualTo("b:1b");
        assertThat(result.get(2).model()).isEqualTo("a:1b");
        try (OptimizerStore store = OptimizerStores.open(db.url())) {
          // one consistent result: the stored rankings are exactly the last writer's
          assertThat(store.loadRankings().rankings().get(TaskType.SELF_ASSESSMENT))
              .isEqualTo(result);
          assertThat(store.readDocument("model_discovery.json"))
              .get()
              .asString()
              .doesNotContain("pending_update");
        }
        for (RankingChange c : last.changes()) {
          assertThat(result).contains(c.after());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Whether every change of {@code second} started from the score {@code first} wrote for that
   * model.
   */
  private static boolean startsFrom(RankingUpdate second, RankingUpdate first) {
    if (!first.written()) {
      return false;
    }
    for (RankingChange c : second.changes()) {
      RankingChange mine =
          first.changes().stream()
              .filter(f -> f.model().equals(c.model()))
              .findFirst()
              .orElse(null);
      if (mine != null && !c.before().equals(java.util.Optional.of(mine.after()))) {
        return false;
      }
    }
    return true;
  }

  private static String stderr(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
