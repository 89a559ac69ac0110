package io.taskoptimizer.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.TokenListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkRunnerTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;
  private static final TaskType SD = TaskType.SKILL_DECOMPOSITION;

  /** Two samples: one per task. */
  private static final SampleInputs SAMPLES =
      SampleInputs.of(
          List.of(
              new BenchmarkSample("sa-1", SA, GenerationRequest.of("assess me")),
              new BenchmarkSample("sd-1", SD, GenerationRequest.of("decompose"))));

  @TempDir Path dir;

  private final List<TaskOptimizer> optimizers = new ArrayList<>();
  private final ExecutorService background = Executors.newCachedThreadPool();

  @AfterEach
  void cleanUp() {
    background.shutdownNow();
    optimizers.forEach(TaskOptimizer::close);
  }

  private TaskOptimizer optimizer(ModelProvider... providers) throws Exception {
    Files.writeString(
        dir.resolve("model_rankings.json"),
        """
        {"self_assessment": [{"model": "a:1b", "quality_score": 0.5, "speed_score": 0.5},
                             {"model": "b:1b", "quality_score": 0.5, "speed_score": 0.5}],
         "skill_decomposition": [{"model": "a:1b", "quality_score": 0.5, "speed_score": 0.5},
                                 {"model": "b:1b", "quality_score": 0.5, "speed_score": 0.5}]}
        """);
    TaskOptimizer o =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .providers(List.of(providers))
            .addAssessor(new ParsedQuality())
            .feedbackFlushInterval(Duration.ZERO)
            .build();
    optimizers.add(o);
    return o;
  }

  @Test
  void runsEveryModelOnEverySampleWithRepeatsAndRecordsFeedback() throws Exception {
    ScriptProvider p =
        new ScriptProvider("p", "a:1b", "b:1b")
            .reply(r -> "q=" + (r.model().orElseThrow().startsWith("a") ? "0.9" : "0.4"));
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(3).build().run();

    assertThat(result.cancelled()).isFalse();
    assertThat(result.models()).containsExactly("a:1b", "b:1b");
    assertThat(result.runs()).hasSize(2 * 2 * 3).allMatch(BenchmarkRun::success);
    // (the order also depends on speed, which is noise at these in-memory latencies; see
    // BenchmarkStatsTest)
    assertThat(result.results(SA))
        .extracting(TaskModelResult::model)
        .containsExactlyInAnyOrder("a:1b", "b:1b");
    assertThat(result.result(SA, "a:1b"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.runs()).isEqualTo(3);
              assertThat(r.quality()).hasValue(0.9);
            });
    assertThat(o.feedback(SA, "a:1b"))
        .hasValueSatisfying(
            f -> {
              assertThat(f.executions()).isEqualTo(3);
              assertThat(f.qualityRatings()).containsExactly(0.9, 0.9, 0.9);
            });
    assertThat(p.warmUps)
        .containsOnlyKeys("a:1b", "b:1b")
        .allSatisfy((m, n) -> assertThat(n.get()).isEqualTo(1));
    assertThat(p.generatedModels)
        .containsExactly(
            "a:1b", "a:1b", "a:1b", "a:1b", "a:1b", "a:1b", "b:1b", "b:1b", "b:1b", "b:1b", "b:1b",
            "b:1b");
  }

  @Test
  void reportsTheWarmUpAsLoadTimeAndKeepsItOutOfTheLatencies() throws Exception {
    ScriptProvider p =
        new ScriptProvider("p", "a:1b").reply(r -> "q=0.5").loadTime(Duration.ofSeconds(30));
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(1).build().run();

    assertThat(result.warmUps())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.model()).isEqualTo("a:1b");
              assertThat(w.loadTime()).contains(Duration.ofSeconds(30));
            });
    assertThat(result.results())
        .allSatisfy(
            r ->
                assertThat(r.latencyMax())
                    .hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofSeconds(30))));
  }

  @Test
  void tellsTheListenerThePlanEachWarmUpEachRunAndTheEnd() throws Exception {
    TaskOptimizer o = optimizer(new ScriptProvider("p", "a:1b", "b:1b").reply(r -> "q=0.5"));
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    BenchmarkListener listener =
        new BenchmarkListener() {
          @Override
          public void onStart(BenchmarkPlan plan) {
            events.add("start " + plan.totalRuns() + " " + plan.models());
          }

          @Override
          public void onWarmUp(ModelWarmUp warmUp) {
            events.add("warm-up " + warmUp.model());
          }

          @Override
          public void onRun(BenchmarkRun run, BenchmarkProgress progress) {
            events.add("run " + progress.completed() + "/" + progress.total());
          }

          @Override
          public void onFinish(BenchmarkResult result) {
            events.add("finish " + result.runs().size());
          }
        };

    BenchmarkRunner.builder(o).samples(SAMPLES).repeats(1).listener(listener).build().run();

    assertThat(events)
        .containsExactly(
            "start 4 [a:1b, b:1b]",
            "warm-up a:1b",
            "run 1/4",
            "run 2/4",
            "warm-up b:1b",
            "run 3/4",
            "run 4/4",
            "finish 4");
  }

  @Test
  void keepsGoingWhenTheListenerThrows() throws Exception {
    TaskOptimizer o = optimizer(new ScriptProvider("p", "a:1b").reply(r -> "q=0.5"));
    BenchmarkListener broken =
        new BenchmarkListener() {
          @Override
          public void onRun(BenchmarkRun run, BenchmarkProgress progress) {
            throw new IllegalStateException("listener bug");
          }
        };

    BenchmarkResult result =
        BenchmarkRunner.builder(o).samples(SAMPLES).repeats(1).listener(broken).build().run();

    assertThat(result.runs()).hasSize(2);
  }

  @Test
  void skipsModelsNoProviderServesAndModelsThatCannotBeLoaded() throws Exception {
    ScriptProvider p =
        new ScriptProvider("p", "a:1b", "broken:1b")
            .reply(r -> "q=0.5")
            .failWarmUp(
                "broken:1b",
                new ModelNotFoundException("broken:1b", "model 'broken:1b' not found"));
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result =
        BenchmarkRunner.builder(o)
            .samples(SAMPLES)
            .repeats(1)
            .models(List.of("a:1b", "ghost:9b", "broken:1b"))
            .build()
            .run();

    assertThat(result.models()).containsExactly("a:1b");
    assertThat(result.skipped())
        .extracting(s -> s.model() + ": " + s.reason())
        .satisfiesExactly(
            s -> assertThat(s).startsWith("ghost:9b: not served by any provider"),
            s -> assertThat(s).startsWith("broken:1b: warm-up failed: ModelNotFoundException"));
    assertThat(result.runs()).extracting(BenchmarkRun::model).containsOnly("a:1b");
  }

  @Test
  void recordsFailedRunsWithoutStopping() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ScriptProvider p =
        new ScriptProvider("p", "a:1b")
            .reply(
                r -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new io.taskoptimizer.api.ProviderTimeoutException(
                        io.taskoptimizer.api.ProviderTimeoutException.Phase.FIRST_BYTE,
                        Duration.ofSeconds(1),
                        "no answer within 1s",
                        null);
                  }
                  return "q=0.5";
                });
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(2).build().run();

    assertThat(result.runs())
        .hasSize(4)
        .filteredOn(r -> !r.success())
        .singleElement()
        .satisfies(
            r -> assertThat(r.error()).hasValue("ProviderTimeoutException: no answer within 1s"));
    assertThat(result.result(SA, "a:1b"))
        .hasValueSatisfying(r -> assertThat(r.successRate()).isEqualTo(0.5));
    assertThat(o.feedback(SA, "a:1b"))
        .hasValueSatisfying(f -> assertThat(f.failures()).isEqualTo(1));
  }

  @Test
  void runsProvidersInParallel() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Function<GenerationRequest, String> meet =
        r -> {
          bothStarted.countDown();
          try {
            // each provider's first call waits for the other provider's: only parallel runs get
            // past this
            if (!bothStarted.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException(
                  "the other provider never started: providers ran one after the other");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "q=0.5";
        };
    TaskOptimizer o =
        optimizer(
            new ScriptProvider("p1", "a:1b").reply(meet),
            new ScriptProvider("p2", "b:1b").reply(meet));

    BenchmarkResult result = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(1).build().run();

    assertThat(result.runs()).hasSize(4).allMatch(BenchmarkRun::success);
  }

  @Test
  void keepsAtMostTheConfiguredNumberOfCallsInFlightPerProvider() throws Exception {
    ScriptProvider p = new ScriptProvider("p", "a:1b").reply(r -> "q=0.5").gated();
    TaskOptimizer o = optimizer(p);
    BenchmarkRunner runner =
        BenchmarkRunner.builder(o).samples(SAMPLES).repeats(3).maxConcurrentRequests(2).build();

    Future<BenchmarkResult> run = background.submit(runner::run);
    assertThat(p.arrivals.tryAcquire(2, 30, TimeUnit.SECONDS))
        .as("two calls in flight at once")
        .isTrue();
    assertThat(p.inFlight.get()).isEqualTo(2);
    p.gate.release(6);
    BenchmarkResult result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.runs()).hasSize(6);
    assertThat(p.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void cancelStopsTheCallsInFlightAndReturnsAPartialResult() throws Exception {
    ScriptProvider p = new ScriptProvider("p", "a:1b").reply(r -> "q=0.5").gated();
    TaskOptimizer o = optimizer(p);
    BenchmarkRunner runner = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(5).build();

    Future<BenchmarkResult> run = background.submit(runner::run);
    assertThat(p.arrivals.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();
    assertThat(runner.isRunning()).isTrue();
    assertThatThrownBy(runner::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
    runner.cancel();
    BenchmarkResult result = run.get(30, TimeUnit.SECONDS);
    p.gate.release(100);

    assertThat(result.cancelled()).isTrue();
    assertThat(result.runs()).isEmpty();
    assertThat(o.feedback(SA, "a:1b")).isEmpty();
    assertThat(runner.isRunning()).isFalse();
    assertThat(p.generatedModels).hasSize(1);
  }

  @Test
  void interruptingTheRunningThreadCancelsAndKeepsTheInterruptFlag() throws Exception {
    ScriptProvider p = new ScriptProvider("p", "a:1b").reply(r -> "q=0.5").gated();
    TaskOptimizer o = optimizer(p);
    BenchmarkRunner runner = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(5).build();
    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<BenchmarkResult> result = new AtomicReference<>();
    AtomicBoolean flagAfterRun = new AtomicBoolean();

    Future<?> run =
        background.submit(
            () -> {
              try {
                result.set(runner.run());
                flagAfterRun.set(Thread.currentThread().isInterrupted());
              } finally {
                finished.countDown();
              }
            });
    assertThat(p.arrivals.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();
    run.cancel(true); // interrupts the thread in run()
    assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
    p.gate.release(100);

    assertThat(result.get().cancelled()).isTrue();
    assertThat(flagAfterRun).isTrue();
  }

  @Test
  void updatesTheRankingsAtTheEndWhenAsked() throws Exception {
    ScriptProvider p =
        new ScriptProvider("p", "a:1b", "b:1b")
            .reply(r -> "q=" + (r.model().orElseThrow().startsWith("b") ? "1.0" : "0.0"));
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result =
        BenchmarkRunner.builder(o).samples(SAMPLES).repeats(3).updateRankings(true).build().run();

    assertThat(result.rankingUpdate()).hasValueSatisfying(u -> assertThat(u.written()).isTrue());
    assertThat(o.rankings(SA).get(0).model()).isEqualTo("b:1b");
    assertThat(o.rankings(SD).get(0).model()).isEqualTo("b:1b");
  }

  @Test
  void benchmarksEveryServedTextModelByDefault() throws Exception {
    ScriptProvider p = new ScriptProvider("p", "a:1b", "b:1b", "fresh:3b").reply(r -> "q=0.5");
    p.embedding("embed:1b");
    TaskOptimizer o = optimizer(p);

    BenchmarkResult result = BenchmarkRunner.builder(o).samples(SAMPLES).repeats(1).build().run();

    assertThat(result.models()).containsExactlyInAnyOrder("a:1b", "b:1b", "fresh:3b");
  }

  @Test
  void validatesItsSettingsAtOnce() throws Exception {
    TaskOptimizer o = optimizer(new ScriptProvider("p", "a:1b"));
    BenchmarkRunner.Builder b = BenchmarkRunner.builder(o);

    assertThatThrownBy(() -> b.repeats(0))
        .hasMessageContaining("repeats")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> b.maxConcurrentRequests(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.models(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.samples(SAMPLES).tasks(List.of(TaskType.COVER_LETTER)).build())
        .hasMessageContaining("No sample input for task 'cover_letter'");
  }

  @Test
  void shipsTwoBuiltInSamplesForEveryPredefinedTask() {
    SampleInputs builtIn = SampleInputs.builtIn();

    assertThat(builtIn.tasks()).containsExactlyElementsOf(TaskType.predefined());
    for (TaskType t : TaskType.predefined()) {
      assertThat(builtIn.forTask(t))
          .hasSize(2)
          .allSatisfy(
              s -> {
                assertThat(s.request().model()).isEmpty();
                assertThat(s.request().temperature()).hasValue(0.0);
              });
    }
    assertThat(builtIn.forTask(SD))
        .allSatisfy(s -> assertThat(s.request().format().expectsJson()).isTrue());
    assertThat(builtIn.forTask(SA))
        .allSatisfy(
            s ->
                assertThat(s.request().inputs())
                    .containsKeys(
                        GenerationRequest.INPUT_JOB_POSTING, GenerationRequest.INPUT_SKILLS));
    assertThatThrownBy(() -> builtIn.with(builtIn.forTask(SA).get(0)))
        .hasMessageContaining("ids must be unique");
  }

  /** Scores "q=0.7" as 0.7. */
  static final class ParsedQuality implements QualityAssessor {
    @Override
    public String id() {
      return "test-parsed";
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      String o = input.output();
      return QualityScore.of(o.startsWith("q=") ? Double.parseDouble(o.substring(2)) : 0.0);
    }
  }

  /** An in-memory provider with scripted answers, warm-up bookkeeping and an optional gate. */
  static final class ScriptProvider implements ModelProvider {
    final String id;
    final List<ModelDescriptor> models = new ArrayList<>();
    final Map<String, AtomicInteger> warmUps = new ConcurrentHashMap<>();
    final List<String> generatedModels = Collections.synchronizedList(new ArrayList<>());
    final Semaphore arrivals = new Semaphore(0);
    final Semaphore gate = new Semaphore(0);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, RuntimeException> warmUpFailures = new ConcurrentHashMap<>();
    private volatile Function<GenerationRequest, String> reply = r -> "q=0";
    private volatile Duration loadTime;
    private volatile boolean gated;

    ScriptProvider(String id, String... names) {
      this.id = id;
      for (String n : names) {
        models.add(ModelDescriptor.of(n, id));
      }
    }

    ScriptProvider reply(Function<GenerationRequest, String> reply) {
      this.reply = reply;
      return this;
    }

    ScriptProvider loadTime(Duration loadTime) {
      this.loadTime = loadTime;
      return this;
    }

    ScriptProvider gated() {
      this.gated = true;
      return this;
    }

    ScriptProvider failWarmUp(String model, RuntimeException e) {
      warmUpFailures.put(model, e);
      return this;
    }

    ScriptProvider embedding(String name) {
      models.add(ModelDescriptor.builder(name, id).capabilities(List.of("embedding")).build());
      return this;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return List.copyOf(models);
    }

    @Override
    public java.util.Optional<Duration> warmUp(String model, Duration keepAlive) {
      RuntimeException failure = warmUpFailures.get(model);
      if (failure != null) {
        throw failure;
      }
      warmUps.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
      return java.util.Optional.ofNullable(loadTime);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      generatedModels.add(request.model().orElseThrow());
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        arrivals.release();
        if (gated && !gate.tryAcquire(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never opened");
        }
        return GenerationResult.builder(reply.apply(request), request.model().orElseThrow())
            .doneReason("stop")
            .build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
