package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ArmEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive selection: each test names the root cause of issue 10 it covers (the behaviour before
 * the learner failed it). Every run is deterministic: seeded randomness, simulated latencies passed
 * as durations or reported by the provider, no wall clock.
 */
class AdaptiveSelectionTest {

  private static final TaskType TASK = TaskType.COVER_LETTER;
  private static final PriorityWeights W = PriorityWeights.of(0.7, 0.3);

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  /** Rankings of one task: a (file leader), b, c (file last). */
  private static final String RANKINGS =
      """
      {
        "cover_letter": [
          {"model": "a:1b", "quality_score": 0.9, "speed_score": 0.5},
          {"model": "b:1b", "quality_score": 0.8, "speed_score": 0.5},
          {"model": "c:1b", "quality_score": 0.5, "speed_score": 0.5}
        ]
      }
      """;

  private TaskOptimizer.Builder builder(FakeProvider provider, long seed) {
    TestConfig.write(dir.resolve(TestConfig.RANKINGS), RANKINGS);
    return TestConfig.builder(dir, scheduler)
        .addProvider(provider)
        .weights(TASK, W)
        .explorationBudget(0.05)
        .random(new SplittableRandom(seed));
  }

  private static FakeProvider abc() {
    return new FakeProvider("fake", "a:1b", "b:1b", "c:1b");
  }

  /** Simulated calls: the policy's pick, its noisy true quality, a simulated latency. */
  private static Map<String, Integer> simulate(
      TaskOptimizer o, int calls, Map<String, Double> quality, SplittableRandom noise) {
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      String m = o.nextModelFor(TASK);
      picks.merge(m, 1, Integer::sum);
      double q = Math.max(0, Math.min(1, quality.get(m) + 0.1 * noise.nextGaussian()));
      o.recordFeedback(TASK, m, Duration.ofMillis(900 + noise.nextInt(200)), true, q);
    }
    return picks;
  }

  private static ArmEstimate estimate(TaskOptimizer o, String model) {
    return o.estimatesFor(TASK).stream()
        .filter(e -> e.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void staleRankingsTheTrueBestModelIsFoundWithoutAnyRankingUpdateOrFileWrite() throws Exception {
    // root causes 1 (pure argmax), 6 (slow shrinkage) and 8 (learning only in RankingUpdater)
    try (TaskOptimizer o = builder(abc(), 1).build()) {
      byte[] rankingsBefore = Files.readAllBytes(dir.resolve(TestConfig.RANKINGS));
      assertThat(o.bestModelFor(TASK)).isEqualTo("a:1b");
      Map<String, Double> truth = Map.of("a:1b", 0.6, "b:1b", 0.55, "c:1b", 0.9);

      simulate(o, 1500, truth, new SplittableRandom(7));
      Map<String, Integer> last = simulate(o, 300, truth, new SplittableRandom(8));

      assertThat(o.bestModelFor(TASK)).isEqualTo("c:1b");
      assertThat(last.getOrDefault("c:1b", 0)).isGreaterThan(250);
      assertThat(Files.readAllBytes(dir.resolve(TestConfig.RANKINGS))).isEqualTo(rankingsBefore);
      assertThat(dir.resolve("model_selection_state.json"))
          .as("no file I/O on the call path")
          .doesNotExist();
    }
  }

  @Test
  void aDegradedLeaderIsAbandonedWithin200Calls() {
    // root cause 3 (all-time averages) and drift
    try (TaskOptimizer o = builder(abc(), 2).build()) {
      SplittableRandom noise = new SplittableRandom(3);
      simulate(o, 1000, Map.of("a:1b", 0.9, "b:1b", 0.8, "c:1b", 0.5), noise);
      assertThat(o.bestModelFor(TASK)).isEqualTo("a:1b");

      Map<String, Double> degraded = Map.of("a:1b", 0.5, "b:1b", 0.8, "c:1b", 0.5);
      int calls = 0;
      while (o.bestModelFor(TASK).equals("a:1b") && calls < 1000) {
        simulate(o, 1, degraded, noise);
        calls++;
      }
      assertThat(calls).isLessThanOrEqualTo(200);
      assertThat(o.bestModelFor(TASK)).isEqualTo("b:1b");
    }
  }

  @Test
  void theOnlyMeasuredModelDoesNotGainSpeedFromBeingMeasured() {
    // root cause 2: speed was "fastest measured / own", so the only measured model got 1.0
    try (TaskOptimizer o = builder(abc(), 3).build()) {
      for (int i = 0; i < 20; i++) {
        o.recordFeedback(TASK, "a:1b", Duration.ofSeconds(1), true, 0.9);
      }
      assertThat(estimate(o, "a:1b").speed()).isCloseTo(0.5, within(0.02));

      RankingUpdater.builder(o).refreshAvailability(false).build().update();

      RankedModel a =
          o.rankings(TASK).stream().filter(m -> m.model().equals("a:1b")).findFirst().orElseThrow();
      assertThat(a.speed()).isCloseTo(0.5, within(0.02));
      // measured and unmeasured models compare on one scale: b and c keep their file speed
      assertThat(estimate(o, "b:1b").speed()).isCloseTo(0.5, within(1e-9));
    }
  }

  @Test
  void failuresAndLatencyAreDiscountedLikeQuality() {
    // root cause 3: speed and failures used all-time averages
    try (TaskOptimizer o = builder(abc(), 4).build()) {
      for (int i = 0; i < 60; i++) {
        o.recordFeedback(TASK, "b:1b", Duration.ofSeconds(4), false);
      }
      for (int i = 0; i < 100; i++) {
        o.recordFeedback(TASK, "b:1b", Duration.ofSeconds(2), true);
      }
      double slowSpeed = estimate(o, "b:1b").speed();
      for (int i = 0; i < 700; i++) {
        o.recordFeedback(TASK, "b:1b", Duration.ofMillis(1100), true);
      }
      ArmEstimate b = estimate(o, "b:1b");
      assertThat(b.failureRate()).as("all-time rate would be 60/860 = 0.07").isLessThan(0.01);
      // all-time mean latency would be 1.3 s: speed 1.54 x the 2 s speed; recent: 2 / 1.1 = 1.82 x
      assertThat(b.speed() / slowSpeed).isGreaterThan(1.78);
    }
  }

  @Test
  void anAbandonedModelBecomesUncertainAgainAndIsReexaminedWithinTheBudget() {
    // root cause 4: models without new evidence kept a stale score forever
    try (TaskOptimizer o = builder(abc(), 5).build()) {
      for (int i = 0; i < 10; i++) {
        o.recordFeedback(TASK, "b:1b", Duration.ofSeconds(1), true, 0.5);
      }
      double sdBefore = estimate(o, "b:1b").qualityStdDev();
      for (int i = 0; i < 1000; i++) {
        o.recordFeedback(TASK, "a:1b", Duration.ofSeconds(1), true, 0.8);
      }
      assertThat(estimate(o, "b:1b").qualityStdDev()).isGreaterThan(2 * sdBefore);

      int explored = 0;
      int bPicks = 0;
      for (int i = 0; i < 2000; i++) {
        ModelSelection s = o.nextSelectionFor(TASK);
        explored += s.exploration() ? 1 : 0;
        bPicks += s.model().equals("b:1b") ? 1 : 0;
      }
      assertThat(bPicks).isPositive();
      assertThat(explored)
          .as("within the 5% budget (plus the 2 that can be saved up)")
          .isLessThanOrEqualTo(2000 / 20 + 2);
    }
  }

  @Test
  void aBetterNewModelIsTriedAndBecomesTheMainChoiceWithin300CallsAndAGoneOneIsDroppedAtOnce() {
    // root cause 5: new served models were added at 0.5/0.5 and never run without a benchmark
    FakeProvider provider = abc();
    try (TaskOptimizer o = builder(provider, 6).build()) {
      SplittableRandom noise = new SplittableRandom(9);
      Map<String, Double> truth = Map.of("a:1b", 0.8, "b:1b", 0.7, "c:1b", 0.5, "new:7b", 0.95);
      simulate(o, 500, truth, noise);
      provider.serve("a:1b", "b:1b", "c:1b", "new:7b");
      o.refreshAvailability();

      int calls = 0;
      while (!o.bestModelFor(TASK).equals("new:7b") && calls < 1000) {
        simulate(o, 1, truth, noise);
        calls++;
      }
      assertThat(calls).isLessThanOrEqualTo(300);

      provider.serve("a:1b", "b:1b", "c:1b");
      o.refreshAvailability();
      for (int i = 0; i < 200; i++) {
        assertThat(o.nextModelFor(TASK)).isNotEqualTo("new:7b");
      }
    }
  }

  @Test
  void aWeakPriorLetsEvidenceTakeOverQuickly() {
    // root cause 6: shrinkage toward the file score with k = 5
    try (TaskOptimizer o = builder(abc(), 7).build()) {
      for (int i = 0; i < 5; i++) {
        o.recordFeedback(TASK, "a:1b", Duration.ofSeconds(1), true, 0.3);
      }
      assertThat(estimate(o, "a:1b").quality())
          .as("k = 5 gave (5 x 0.3 + 5 x 0.9) / 10 = 0.6")
          .isLessThan(0.45);
      assertThat(o.bestModelFor(TASK)).isEqualTo("b:1b");

      RankingUpdater.builder(o).refreshAvailability(false).build().update();
      assertThat(o.rankings(TASK).get(0).model()).isEqualTo("b:1b");
    }
  }

  @Test
  void learningUsesTheProviderReportedWarmLatencyAndOneOutlierDoesNotFlipTheChoice() {
    // root cause 7: the wall clock around generate(), cold loads included, was the speed signal
    Map<String, GenerationResult> next = new HashMap<>();
    FakeProvider provider = abc().respond(r -> next.get(r.model().orElseThrow()));
    try (TaskOptimizer o =
        builder(provider, 8).weights(TASK, PriorityWeights.of(0.5, 0.5)).build()) {
      GenerationRequest forceA = GenerationRequest.builder().user("hi").model("a:1b").build();
      GenerationRequest forceB = GenerationRequest.builder().user("hi").model("b:1b").build();
      next.put(
          "a:1b", GenerationResult.builder("ok", "a:1b").totalTime(Duration.ofSeconds(2)).build());
      next.put(
          "b:1b",
          GenerationResult.builder("ok", "b:1b").totalTime(Duration.ofMillis(2100)).build());
      for (int i = 0; i < 30; i++) {
        o.execute(TASK, forceA);
        o.execute(TASK, forceB);
      }
      assertThat(o.bestModelFor(TASK)).isEqualTo("a:1b");
      double speed = estimate(o, "a:1b").speed();

      // a cold load: 40 s in total, 38 s of it loading: the warm latency is still 2 s
      next.put(
          "a:1b",
          GenerationResult.builder("ok", "a:1b")
              .totalTime(Duration.ofSeconds(40))
              .loadTime(Duration.ofSeconds(38))
              .build());
      ExecutionResult cold = o.execute(TASK, forceA);
      assertThat(cold.generation().totalTime()).isEqualTo(Duration.ofSeconds(40));
      assertThat(estimate(o, "a:1b").speed()).isCloseTo(speed, within(0.01));
      int a = o.estimatesFor(TASK).indexOf(estimate(o, "a:1b"));
      assertThat(o.evidenceFor(TASK)[1][a])
          .as("cold loads are recorded separately")
          .isGreaterThan(0.9);

      // a host stall without load time: 60 s once; robust statistics keep a ahead
      next.put(
          "a:1b", GenerationResult.builder("ok", "a:1b").totalTime(Duration.ofSeconds(60)).build());
      o.execute(TASK, forceA);
      assertThat(o.bestModelFor(TASK)).isEqualTo("a:1b");
      assertThat(estimate(o, "a:1b").speed()).isGreaterThan(0.8 * speed);
    }
  }

  @Test
  void theLearnedStateSurvivesARestartAndTwoOptimizersMergeTheirEvidence() throws Exception {
    try (TaskOptimizer o = builder(abc(), 9).build()) {
      simulate(o, 1500, Map.of("a:1b", 0.6, "b:1b", 0.55, "c:1b", 0.9), new SplittableRandom(10));
      assertThat(o.bestModelFor(TASK)).isEqualTo("c:1b");
    }
    assertThat(dir.resolve("model_selection_state.json")).exists();
    try (TaskOptimizer again =
        TestConfig.builder(dir, scheduler).addProvider(abc()).weights(TASK, W).build()) {
      assertThat(again.bestModelFor(TASK)).as("after a restart").isEqualTo("c:1b");
    }

    TaskOptimizer one =
        TestConfig.builder(dir, scheduler).addProvider(abc()).weights(TASK, W).build();
    TaskOptimizer two =
        TestConfig.builder(dir, scheduler).addProvider(abc()).weights(TASK, W).build();
    for (int i = 0; i < 100; i++) {
      one.recordFeedback(TASK, "b:1b", Duration.ofSeconds(1), true, 0.99);
      two.recordFeedback(TASK, "b:1b", Duration.ofSeconds(1), true, 0.99);
    }
    one.flush();
    two.flush();
    one.close();
    two.close();
    String state = Files.readString(dir.resolve("model_selection_state.json"));
    assertThat(state).contains("\"observations\": 1700");
  }

  @Test
  void concurrentRecordingLosesNoObservation() throws Exception {
    int threads = 3;
    int events = 40_000;
    try (TaskOptimizer o = builder(abc(), 16).build()) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors =
          new java.util.concurrent.ConcurrentLinkedQueue<>();
      List<Thread> workers = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread w =
            new Thread(
                () -> {
                  try {
                    go.await();
                    for (int i = 0; i < events; i++) {
                      String m = id == 0 ? o.nextModelFor(TASK) : (i % 2 == 0 ? "a:1b" : "b:1b");
                      o.recordFeedback(TASK, m, Duration.ofMillis(100 + i % 50), i % 10 != 0, 0.5);
                    }
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                });
        w.start();
        workers.add(w);
      }
      go.countDown();
      for (Thread w : workers) {
        w.join();
      }
      assertThat(errors).isEmpty();
      assertThat(o.estimatesFor(TASK))
          .allSatisfy(e -> assertThat(Double.isFinite(e.utility())).isTrue());
      o.flush();
    }
    assertThat(Files.readString(dir.resolve("model_selection_state.json")))
        .contains("\"observations\": " + threads * events);
  }

  @Test
  void aBrokenStateFileFailsBuildWithFileLineAndFieldAndIsNeverOverwritten() throws Exception {
    Path state = dir.resolve("model_selection_state.json");
    String bad =
        """
        {
          "format": 1,
          "tasks": {
            "cover_letter": {
              "observations": 3,
              "models": {"a:1b": {"successes": -1}}
            }
          }
        }""";
    Files.writeString(state, bad);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder(abc(), 15).build())
        .isInstanceOf(io.taskoptimizer.api.ConfigFileException.class)
        .hasMessageContaining("model_selection_state.json")
        .hasMessageContaining("tasks.cover_letter.models.a:1b.successes must not be negative")
        .hasMessageContaining(":6:");
    assertThat(Files.readString(state)).isEqualTo(bad);
  }

  @Test
  void requestsCanOptOutOfExplorationAndResultsSayWhetherTheyExplored() {
    try (TaskOptimizer o =
        builder(abc(), 11)
            .explorationBudget(1.0)
            .selectionPolicy(SelectionPolicies.epsilonGreedy(1.0))
            .build()) {
      GenerationRequest noExplore =
          GenerationRequest.builder().user("hi").exploration(false).build();
      for (int i = 0; i < 50; i++) {
        ExecutionResult r = o.execute(TASK, noExplore);
        assertThat(r.model()).isEqualTo("a:1b");
        assertThat(r.selection()).hasValueSatisfying(s -> assertThat(s.exploration()).isFalse());
      }
      int explored = 0;
      for (int i = 0; i < 50; i++) {
        ExecutionResult r = o.execute(TASK, GenerationRequest.of("hi"));
        ModelSelection s = r.selection().orElseThrow();
        if (s.exploration()) {
          explored++;
          assertThat(r.model()).isNotEqualTo("a:1b");
          assertThat(s.reason()).contains("epsilon-greedy", "exploring");
          assertThat(s.leader().model()).isEqualTo(o.bestModelFor(TASK));
        }
      }
      assertThat(explored).isPositive();
    }
  }

  @Test
  void greedyAndAZeroBudgetNeverExploreWhileASeedMakesSelectionsReproducible() {
    try (TaskOptimizer greedy =
        builder(abc(), 12).selectionPolicy(SelectionPolicies.greedy()).build()) {
      for (int i = 0; i < 500; i++) {
        assertThat(greedy.nextModelFor(TASK)).isEqualTo("a:1b");
      }
    }
    try (TaskOptimizer none = builder(abc(), 12).explorationBudget(0).build()) {
      for (int i = 0; i < 500; i++) {
        assertThat(none.nextSelectionFor(TASK).exploration()).isFalse();
      }
    }
    List<String> first = picks(13);
    assertThat(picks(13)).isEqualTo(first);
  }

  private List<String> picks(long seed) {
    try (TaskOptimizer o = builder(abc(), seed).explorationBudget(0.5).build()) {
      return java.util.stream.IntStream.range(0, 300).mapToObj(i -> o.nextModelFor(TASK)).toList();
    }
  }

  @Test
  void nextModelForDoesNotAllocateOnceTheEstimatesAreComputed() {
    AllocationMeter meter = new AllocationMeter();
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer o =
        TestConfig.builder(dir, scheduler)
            .addProvider(new FakeProvider("fake", TestConfig.SEED_MODELS.toArray(String[]::new)))
            .explorationBudget(0.05)
            .build()) {
      String sink = null;
      for (int i = 0; i < 200_000; i++) { // warm up, let the JIT compile the path
        sink = o.nextModelFor(TaskType.SELF_ASSESSMENT);
      }
      long before = meter.allocatedBytes();
      for (int i = 0; i < 1_000_000; i++) {
        sink = o.nextModelFor(TaskType.SELF_ASSESSMENT);
      }
      long allocated = meter.allocatedBytes() - before;

      assertThat(sink).isNotNull();
      assertThat(allocated).isLessThan(64 * 1024);
    }
  }

  @Test
  void aRankingEditedByHandBecomesTheNewPriorButTheUpdatersOwnWriteDoesNot() {
    try (TaskOptimizer o = builder(abc(), 14).build()) {
      for (int i = 0; i < 3; i++) {
        o.recordFeedback(TASK, "c:1b", Duration.ofSeconds(1), true, 0.6);
      }
      RankingUpdater.builder(o).refreshAvailability(false).build().update();
      double learned = estimate(o, "c:1b").quality();
      assertThat(learned).isBetween(0.55, 0.6);

      o.replaceRankings(
          Map.of(
              TASK,
              List.of(
                  new RankedModel("a:1b", 0.9, 0.5),
                  new RankedModel("b:1b", 0.8, 0.5),
                  new RankedModel("c:1b", 0.99, 0.5))));
      assertThat(estimate(o, "c:1b").quality()).isGreaterThan(learned + 0.05);
    }
  }
}
