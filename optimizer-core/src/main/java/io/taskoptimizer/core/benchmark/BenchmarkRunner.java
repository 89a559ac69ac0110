package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.api.internal.Throwables;
import io.taskoptimizer.core.RankingUpdate;
import io.taskoptimizer.core.RankingUpdater;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.core.internal.benchmark.BenchmarkStats;
import io.taskoptimizer.spi.ModelProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs models x tasks x sample inputs through an optimizer and measures them, like the original
 * {@code benchmark_models.py --models gemma3:1b,llama3.2:latest --tasks
 * self_assessment,skill_decomposition}.
 *
 * <pre>{@code
 * BenchmarkResult result = BenchmarkRunner.builder(optimizer)
 *     .models(List.of("gemma3:1b", "llama3.2:latest"))
 *     .tasks(List.of(TaskType.SELF_ASSESSMENT, TaskType.SKILL_DECOMPOSITION))
 *     .repeats(3)
 *     .updateRankings(true)
 *     .build()
 *     .run();
 * BenchmarkReports.write(result, Path.of("reports"));
 * }</pre>
 *
 * <p><b>How it runs.</b> Providers run in parallel, each on its own thread; within a provider the
 * models run one after the other (so a server with room for one model does not reload it between
 * calls), with at most {@link Builder#maxConcurrentRequests} calls in flight (default 1, like
 * Ollama's default {@code OLLAMA_NUM_PARALLEL}). Before a model's first call it is warmed up once
 * through {@link ModelProvider#warmUp}; the load time is reported separately and excluded from the
 * latency figures. A model whose warm-up fails is skipped with the reason. Every sample runs {@link
 * Builder#repeats} times per model.
 *
 * <p><b>What it records.</b> Each call goes through {@link TaskOptimizer#executeAsync}, so the
 * optimizer's assessors score the output and the call is recorded as feedback like any other. With
 * {@link Builder#updateRankings} the rankings are updated from that feedback at the end (not after
 * a cancelled run). The result holds every run and, per task and model, quality, latency median,
 * p95 and spread, success rate, relative speed, weighted score and rank (see {@link
 * TaskModelResult}).
 *
 * <p><b>Progress and cancellation.</b> A {@link BenchmarkListener} hears about the plan, each
 * warm-up and each run. {@link #cancel()} (or interrupting the thread in {@link #run()}) cancels
 * the calls in flight, starts no new ones and makes {@code run()} return the partial result with
 * {@link BenchmarkResult#cancelled()} set. A runner runs one benchmark at a time and can be run
 * again afterwards.
 *
 * <p>Thread-safe: {@link #cancel()} and {@link #isRunning()} may be called from any thread, and a
 * second {@link #run()} while one is running fails with {@link IllegalStateException}; its {@link
 * Builder} is not thread-safe.
 */
public final class BenchmarkRunner {

  private static final Logger log = LoggerFactory.getLogger(BenchmarkRunner.class);

  /** Default number of times each sample runs per model. */
  public static final int DEFAULT_REPEATS = 2;

  /** Default keep-alive for warm-ups and benchmark calls. */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

  private static final String UNKNOWN_PROVIDER = "unknown";

  private final TaskOptimizer optimizer;
  private final List<String> models;
  private final List<TaskType> tasks;
  private final SampleInputs samples;
  private final int repeats;
  private final int maxConcurrentRequests;
  private final boolean warmUp;
  private final Duration keepAlive;
  private final Optional<Duration> timeout;
  private final BenchmarkListener listener;
  private final Optional<RankingUpdater> rankingUpdater;
  private final AtomicReference<Execution> current = new AtomicReference<>();

  private BenchmarkRunner(Builder b) {
    this.optimizer = b.optimizer;
    this.models = List.copyOf(b.models);
    this.tasks = List.copyOf(b.tasks);
    this.samples = b.samples;
    this.repeats = b.repeats;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.warmUp = b.warmUp;
    this.keepAlive = b.keepAlive;
    this.timeout = Optional.ofNullable(b.timeout);
    this.listener = b.listener;
    this.rankingUpdater =
        b.updateRankings
            ? Optional.of(
                b.rankingUpdater != null
                    ? b.rankingUpdater
                    : RankingUpdater.builder(optimizer).build())
            : Optional.empty();
  }

  /**
   * Starts a builder for a benchmark through this optimizer.
   *
   * @param optimizer the optimizer whose providers, assessors and feedback the benchmark uses; must
   *     not be null
   * @return a new builder with the defaults
   * @throws NullPointerException if {@code optimizer} is null
   */
  public static Builder builder(TaskOptimizer optimizer) {
    return new Builder(Objects.requireNonNull(optimizer, "optimizer"));
  }

  /**
   * Runs the benchmark and waits for it. Failed calls are part of the result (and of the feedback);
   * they do not stop the benchmark.
   *
   * @return the result; {@link BenchmarkResult#cancelled()} if {@link #cancel()} was called or the
   *     calling thread was interrupted (its interrupt flag is then set again)
   * @throws IllegalStateException if this runner is already running
   */
  public BenchmarkResult run() {
    Execution ex = new Execution();
    if (!current.compareAndSet(null, ex)) {
      throw new IllegalStateException(
          "This BenchmarkRunner is already running; wait for it or cancel() it first");
    }
    try {
      return ex.execute();
    } finally {
      current.set(null);
    }
  }

  /**
   * Cancels the benchmark in progress, if any: calls in flight are cancelled and no new ones start.
   */
  public void cancel() {
    Execution ex = current.get();
    if (ex != null) {
      ex.cancel();
    }
  }

  /** {@return whether a benchmark is in progress} */
  public boolean isRunning() {
    return current.get() != null;
  }

  /** One run of the benchmark, with its own state. */
  private final class Execution {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    // keyed by a call number rather than a set of futures: a Future has no defined equals, so
    // membership must not depend on it
    private final Map<Long, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong nextCall = new AtomicLong();
    private final List<Thread> coordinators = new ArrayList<>();
    private final List<BenchmarkRun> runs = Collections.synchronizedList(new ArrayList<>());
    private final List<ModelWarmUp> warmUps = Collections.synchronizedList(new ArrayList<>());
    private final List<SkippedModel> skipped = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final Object listenerLock = new Object();

    void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        log.info("Cancelling the benchmark: {} call(s) in flight", inFlight.size());
      }
      for (CompletableFuture<?> f : inFlight.values()) {
        f.cancel(true);
      }
      synchronized (coordinators) {
        coordinators.forEach(Thread::interrupt);
      }
    }

    BenchmarkResult execute() {
      Instant started = optimizer.clock().instant();
      List<TaskType> taskList = tasks.isEmpty() ? new ArrayList<>(samples.tasks()) : tasks;
      boolean known = optimizer.availabilityKnown();
      Map<String, List<String>> byProvider = new LinkedHashMap<>();
      Map<String, String> providerOf = new LinkedHashMap<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String model : models.isEmpty() ? defaultModels(known, taskList) : models) {
        if (!seen.add(ModelNames.normalize(model))) {
          continue;
        }
        Optional<ModelProvider> provider = optimizer.providerFor(model);
        if (provider.isPresent()) {
          byProvider.computeIfAbsent(provider.get().id(), p -> new ArrayList<>()).add(model);
          providerOf.put(model, provider.get().id());
        } else if (!known) {
          byProvider.computeIfAbsent(UNKNOWN_PROVIDER, p -> new ArrayList<>()).add(model);
          providerOf.put(model, UNKNOWN_PROVIDER);
        } else {
          skipped.add(
              new SkippedModel(
                  model,
                  "not served by any provider; available: "
                      + optimizer.availableModels().stream().map(ModelDescriptor::name).toList()));
        }
      }
      int callsPerModel = 0;
      for (TaskType t : taskList) {
        callsPerModel += samples.forTask(t).size() * repeats;
      }
      List<String> planned = new ArrayList<>(providerOf.keySet());
      total.set(planned.size() * callsPerModel);
      notify(
          l ->
              l.onStart(
                  new BenchmarkPlan(
                      planned, taskList, List.copyOf(skipped), repeats, total.get())));

      int perModel = callsPerModel;
      byProvider.forEach(
          (providerId, providerModels) -> {
            Thread t =
                new Thread(
                    () -> coordinate(providerId, providerModels, taskList, perModel),
                    "taskopt-benchmark-" + providerId);
            t.setDaemon(true);
            synchronized (coordinators) {
              coordinators.add(t);
            }
            t.start();
          });
      boolean interrupted = false;
      for (Thread t : coordinators) {
        while (true) {
          try {
            t.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
            cancel();
          }
        }
      }

      Instant finished = optimizer.clock().instant();
      Map<TaskType, PriorityWeights> weights = new LinkedHashMap<>();
      taskList.forEach(t -> weights.put(t, optimizer.weights(t)));
      List<BenchmarkRun> allRuns = List.copyOf(runs);
      List<TaskModelResult> results =
          BenchmarkStats.compute(taskList, planned, providerOf, allRuns, weights::get);
      Optional<RankingUpdate> update = Optional.empty();
      if (rankingUpdater.isPresent() && !cancelled.get()) {
        try {
          update = Optional.of(rankingUpdater.get().update());
        } catch (TaskOptimizerException e) {
          log.error(
              "The benchmark finished but updating the rankings failed; run the ranking update again once"
                  + " the problem is fixed: {}",
              e.getMessage());
        }
      }
      List<String> ran = new ArrayList<>(planned);
      synchronized (skipped) {
        skipped.forEach(s -> ran.remove(s.model()));
      }
      BenchmarkResult result =
          new BenchmarkResult(
              started,
              finished,
              cancelled.get(),
              repeats,
              maxConcurrentRequests,
              ran,
              taskList,
              List.copyOf(skipped),
              List.copyOf(warmUps),
              allRuns,
              results,
              weights,
              update);
      notify(l -> l.onFinish(result));
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return result;
    }

    private List<String> defaultModels(boolean known, List<TaskType> taskList) {
      List<String> out = new ArrayList<>();
      if (known) {
        for (ModelDescriptor d : optimizer.availableModels()) {
          if (d.capabilities().isEmpty() || d.capabilities().contains("completion")) {
            out.add(d.name());
          }
        }
      } else {
        for (TaskType t : taskList) {
          for (RankedModel m : optimizer.rankings(t)) {
            out.add(m.model());
          }
        }
      }
      return out;
    }

    /** Runs one provider's models one after the other. */
    private void coordinate(
        String providerId, List<String> providerModels, List<TaskType> taskList, int perModel) {
      for (String model : providerModels) {
        if (cancelled.get()) {
          return;
        }
        if (warmUp && !UNKNOWN_PROVIDER.equals(providerId)) {
          ModelWarmUp w = warmUp(model, providerId);
          if (cancelled.get()) {
            return;
          }
          warmUps.add(w);
          notify(l -> l.onWarmUp(w));
          if (w.error().isPresent()) {
            skipped.add(new SkippedModel(model, "warm-up failed: " + w.error().get()));
            total.addAndGet(-perModel);
            continue;
          }
        }
        runModel(model, taskList);
      }
    }

    private ModelWarmUp warmUp(String model, String providerId) {
      long start = System.nanoTime();
      Optional<ModelProvider> provider = optimizer.providerFor(model);
      try {
        Optional<Duration> load =
            provider
                .orElseThrow(() -> new IllegalStateException("no provider serves it any more"))
                .warmUp(model, keepAlive);
        return new ModelWarmUp(
            model,
            providerId,
            Objects.requireNonNull(load, "warmUp() returned null"),
            Duration.ofNanos(System.nanoTime() - start),
            Optional.empty());
      } catch (RuntimeException e) {
        return new ModelWarmUp(
            model,
            providerId,
            Optional.empty(),
            Duration.ofNanos(System.nanoTime() - start),
            Optional.of(describe(e)));
      }
    }

    private void runModel(String model, List<TaskType> taskList) {
      Semaphore slots = new Semaphore(maxConcurrentRequests);
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      outer:
      for (TaskType task : taskList) {
        for (BenchmarkSample sample : samples.forTask(task)) {
          for (int repeat = 1; repeat <= repeats; repeat++) {
            try {
              slots.acquire();
            } catch (InterruptedException e) {
              cancelled.set(true);
              break outer;
            }
            if (cancelled.get()) {
              slots.release();
              break outer;
            }
            CompletableFuture<ExecutionResult> call;
            try {
              call = optimizer.executeAsync(task, prepare(sample.request(), model));
            } catch (IllegalStateException e) {
              // the optimizer was closed: nothing more can run
              slots.release();
              cancel();
              break outer;
            } catch (RuntimeException e) {
              call = CompletableFuture.failedFuture(e);
            }
            int r = repeat;
            CompletableFuture<ExecutionResult> f = call;
            long callId = nextCall.getAndIncrement();
            inFlight.put(callId, f);
            if (cancelled.get()) {
              f.cancel(true);
            }
            pending.add(
                f.handle(
                    (result, error) -> {
                      inFlight.remove(callId);
                      try {
                        record(task, model, sample.id(), r, result, error);
                      } finally {
                        // after recording, so that with one slot the listener hears of runs in
                        // order
                        slots.release();
                      }
                      return null;
                    }));
          }
        }
      }
      for (CompletableFuture<Void> p : pending) {
        p.join();
      }
    }

    private GenerationRequest prepare(GenerationRequest request, String model) {
      GenerationRequest.Builder b = request.toBuilder().model(model);
      if (request.keepAlive().isEmpty()) {
        b.keepAlive(keepAlive);
      }
      if (request.timeout().isEmpty() && timeout.isPresent()) {
        b.timeout(timeout.get());
      }
      return b.build();
    }

    private void record(
        TaskType task,
        String model,
        String sampleId,
        int repeat,
        ExecutionResult result,
        Throwable error) {
      BenchmarkRun run;
      if (error == null) {
        run =
            new BenchmarkRun(
                task,
                model,
                sampleId,
                repeat,
                true,
                Optional.of(result.wallTime()),
                result.timeToFirstToken(),
                result
                    .quality()
                    .map(QualityScore::score)
                    .map(OptionalDouble::of)
                    .orElse(OptionalDouble.empty()),
                result.generation().truncated(),
                result.generation().completionTokens(),
                Optional.empty());
      } else {
        Throwable cause = Throwables.unwrap(error);
        if (cause instanceof CancellationException || cancelled.get()) {
          return; // cancelled calls are neither results nor feedback
        }
        run =
            new BenchmarkRun(
                task,
                model,
                sampleId,
                repeat,
                false,
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                false,
                OptionalInt.empty(),
                Optional.of(describe(cause)));
        failed.incrementAndGet();
      }
      runs.add(run);
      int done = completed.incrementAndGet();
      BenchmarkProgress progress = new BenchmarkProgress(done, failed.get(), total.get());
      notify(l -> l.onRun(run, progress));
    }

    private void notify(Consumer<BenchmarkListener> call) {
      synchronized (listenerLock) {
        try {
          call.accept(listener);
        } catch (RuntimeException e) {
          log.warn("A benchmark listener failed; ignoring it: {}", e.toString());
        }
      }
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /**
   * Builds {@link BenchmarkRunner}s. Setters validate at once; {@link #build()} may be called
   * again.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final TaskOptimizer optimizer;
    private List<String> models = List.of();
    private List<TaskType> tasks = List.of();
    private SampleInputs samples = SampleInputs.builtIn();
    private int repeats = DEFAULT_REPEATS;
    private int maxConcurrentRequests = 1;
    private boolean warmUp = true;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private @Nullable Duration timeout;
    private BenchmarkListener listener = BenchmarkListener.NONE;
    private boolean updateRankings;
    private @Nullable RankingUpdater rankingUpdater;

    private Builder(TaskOptimizer optimizer) {
      this.optimizer = optimizer;
    }

    /**
     * The models to benchmark, in order; default (empty) every text-generation model the providers
     * serve, or, when no provider answered, every model ranked for the tasks. Models no provider
     * serves are skipped with the reason.
     *
     * @param models the model names; must not be null or hold null
     * @return this builder
     * @throws NullPointerException if {@code models} or a name is null
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder models(List<String> models) {
      Objects.requireNonNull(models, "models");
      for (String m : models) {
        Objects.requireNonNull(m, "model");
        if (m.isBlank()) {
          throw new IllegalArgumentException("Benchmark model names must not be blank: " + models);
        }
      }
      this.models = List.copyOf(models);
      return this;
    }

    /**
     * The tasks to benchmark, in order; default (empty) every task the samples cover. {@link
     * #build()} fails if a task has no sample.
     *
     * @param tasks the tasks; duplicates are dropped; must not be null or hold null
     * @return this builder
     * @throws NullPointerException if {@code tasks} or a task is null
     */
    public Builder tasks(List<TaskType> tasks) {
      Objects.requireNonNull(tasks, "tasks");
      tasks.forEach(t -> Objects.requireNonNull(t, "task"));
      this.tasks = List.copyOf(new LinkedHashSet<>(tasks));
      return this;
    }

    /**
     * The inputs to run; default {@link SampleInputs#builtIn()}.
     *
     * @param samples the sample inputs; must not be null
     * @return this builder
     * @throws NullPointerException if {@code samples} is null
     */
    public Builder samples(SampleInputs samples) {
      this.samples = Objects.requireNonNull(samples, "samples");
      return this;
    }

    /**
     * How often each sample runs per model; default {@value #DEFAULT_REPEATS}.
     *
     * @param repeats the number of runs per sample and model, 1 to 1000
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 1000
     */
    public Builder repeats(int repeats) {
      if (repeats < 1 || repeats > 1000) {
        throw new IllegalArgumentException("repeats must be between 1 and 1000, got " + repeats);
      }
      this.repeats = repeats;
      return this;
    }

    /**
     * The most calls in flight per provider (server); default 1, Ollama's default {@code
     * OLLAMA_NUM_PARALLEL}. Raise it only as far as the server's parallel slots go, or the extra
     * calls just queue and their latency includes the wait.
     *
     * @param max the limit of concurrent calls per provider, 1 to 64
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 64
     */
    public Builder maxConcurrentRequests(int max) {
      this.maxConcurrentRequests = Checks.requireInRange(max, 1, 64, "maxConcurrentRequests");
      return this;
    }

    /**
     * Whether to warm each model up before its runs (default {@code true}).
     *
     * @param warmUp {@code true} to warm up each model before its runs
     * @return this builder
     */
    public Builder warmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /**
     * How long the provider keeps a model loaded after the warm-up and each call, unless a sample
     * sets its own; default 5 minutes.
     *
     * @param keepAlive how long to keep a model loaded; must not be null or negative
     * @return this builder
     * @throws NullPointerException if {@code keepAlive} is null
     * @throws IllegalArgumentException if negative
     */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = Checks.requireNonNegative(keepAlive, "keepAlive");
      return this;
    }

    /**
     * The timeout of each call, unless a sample sets its own; default the provider's.
     *
     * @param timeout the timeout of each call; must not be null, must be positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * Where progress goes; default none.
     *
     * @param listener the listener; must not be null ({@link BenchmarkListener#NONE} for none)
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(BenchmarkListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether to update the rankings from the recorded feedback at the end (default {@code false});
     * not done after a cancelled run.
     *
     * @param update {@code true} to update the rankings at the end
     * @return this builder
     */
    public Builder updateRankings(boolean update) {
      this.updateRankings = update;
      return this;
    }

    /**
     * Updates the rankings at the end with this updater (implies {@code updateRankings(true)}).
     *
     * @param updater the updater to use instead of one with default settings; must not be null
     * @return this builder
     * @throws NullPointerException if {@code updater} is null
     */
    public Builder rankingUpdater(RankingUpdater updater) {
      this.rankingUpdater = Objects.requireNonNull(updater, "updater");
      this.updateRankings = true;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return a new runner with this builder's settings
     * @throws IllegalArgumentException if a requested task has no sample input
     */
    public BenchmarkRunner build() {
      for (TaskType t : tasks) {
        if (samples.forTask(t).isEmpty()) {
          throw new IllegalArgumentException(
              "No sample input for task '"
                  + t.id()
                  + "'; the samples cover "
                  + samples.tasks()
                  + ". Add samples for it with samples(SampleInputs.builtIn().with(...)).");
        }
      }
      if (samples.all().isEmpty()) {
        throw new IllegalArgumentException(
            "No sample inputs to run; use SampleInputs.builtIn() or add samples");
      }
      return new BenchmarkRunner(this);
    }
  }
}
