package io.taskoptimizer.judge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.api.internal.Hashing;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.judge.Comparison.Outcome;
import io.taskoptimizer.judge.internal.ComparisonStore;
import io.taskoptimizer.judge.internal.Families;
import io.taskoptimizer.judge.internal.Prompts;
import io.taskoptimizer.judge.internal.Ratings;
import io.taskoptimizer.judge.internal.StrictJson;
import io.taskoptimizer.judge.internal.StrictJson.Parsed;
import io.taskoptimizer.judge.internal.StrictJson.Position;
import io.taskoptimizer.spi.ExecutionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model as the judge: grades outputs against a per-task {@link Rubric}, compares the answers of
 * two models in both orders, keeps Bradley-Terry {@link Rating ratings} from the comparisons, and
 * feeds all of it to the optimizer's model selection as quality evidence ({@link
 * TaskOptimizer#recordQuality}).
 *
 * <pre>{@code
 * try (TaskOptimizer optimizer = TaskOptimizer.builder().configDirectory(dir).build();
 *      Judge judge = Judge.builder(optimizer).addTask(TaskType.COVER_LETTER).build()) {
 *   optimizer.execute(TaskType.COVER_LETTER, request); // 10% of these are graded in the background
 *   Comparison c = judge.compare(TaskType.COVER_LETTER, request, "qwen2.5:7b", "llama3.2:3b");
 * }
 * }</pre>
 *
 * <p><b>Judge model.</b> Chosen per call among the models the optimizer knows for the task {@link
 * #TASK judge} (its candidates by quality alone, then every other available model), or among {@link
 * Builder#judgeModels}: never a judged model and, when possible, none of the judged models' family
 * (see {@link #familyOf}). If only same-family judges exist one is used and the verdict says so
 * ({@link Verdict#sameFamilyJudge()}). Judge calls run through {@link TaskOptimizer#execute} with
 * the model forced, so they work with any provider, in process or over HTTP, and their latency and
 * failures are learned like any other task's.
 *
 * <p><b>Cost.</b> Opted-in tasks ({@link Builder#addTask}) have a share of their executions ({@link
 * Builder#sampleRate}, default 10%, drawn from a seeded generator) graded: one judge call each, on
 * the judge's own threads, after the execution returned (the caller never waits; when {@link
 * Builder#maxPending} judgements are pending, further samples are skipped and counted). Verdicts
 * are cached by (output hash, rubric hash). A comparison costs two generations (none with {@link
 * #compareAnswers}) and two judge calls (one with {@link Builder#bothOrders} off).
 *
 * <p>Thread-safe. {@link #close()} stops sampling and the judge's own threads.
 */
public final class Judge implements AutoCloseable {

  /** The task type under which judge calls run and judge models are ranked. */
  public static final TaskType TASK = TaskType.of("judge");

  /** Default {@link Builder#sampleRate}. */
  public static final double DEFAULT_SAMPLE_RATE = 0.10;

  /** Default {@link Builder#maxPending}. */
  public static final int DEFAULT_MAX_PENDING = 16;

  private static final Logger log = LoggerFactory.getLogger(Judge.class);
  private static final ThreadLocal<Boolean> RUNNING_COMPARISON = new ThreadLocal<>();

  private final TaskOptimizer optimizer;
  private final Set<TaskType> tasks;
  private final double sampleRate;
  private final SplittableRandom random;
  private final Map<TaskType, Rubric> rubrics;
  private final List<String> judgeModels;
  private final boolean excludeSameFamily;
  private final boolean bothOrders;
  private final double maxLengthRatio;
  private final boolean feedQuality;
  private final double evidenceWeight;
  private final Duration timeout;
  private final Executor executor;
  private final @Nullable ThreadPoolExecutor ownExecutor;
  private final Semaphore pending;
  private final @Nullable Cache<String, Verdict> cache;
  private final ComparisonStore store;
  private final Object storeLock = new Object();
  private final ExecutionListener listener = this::executionFinished;
  private volatile boolean closed;

  private final LongAdder seen = new LongAdder();
  private final LongAdder sampled = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder judgeCalls = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder verdicts = new LongAdder();
  private final LongAdder unparsable = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder sameFamily = new LongAdder();

  private Judge(Builder b) {
    this.optimizer = b.optimizer;
    this.tasks = Set.copyOf(b.tasks);
    this.sampleRate = b.sampleRate;
    this.random = b.seed == null ? new SplittableRandom() : new SplittableRandom(b.seed);
    this.rubrics = Map.copyOf(b.rubrics);
    this.judgeModels = List.copyOf(b.judgeModels);
    this.excludeSameFamily = b.excludeSameFamily;
    this.bothOrders = b.bothOrders;
    this.maxLengthRatio = b.maxLengthRatio;
    this.feedQuality = b.feedQuality;
    this.evidenceWeight = b.evidenceWeight;
    this.timeout = b.timeout;
    this.pending = new Semaphore(b.maxPending);
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownExecutor = null;
    } else {
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              b.threads,
              b.threads,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, "taskopt-judge-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      this.executor = pool;
      this.ownExecutor = pool;
    }
    // maintenance on the calling thread, never on the common pool; size 0 turns caching off, so
    // that a simulation with repeating outputs judges every one of them
    this.cache =
        b.cacheSize == 0
            ? null
            : Caffeine.newBuilder().maximumSize(b.cacheSize).executor(Runnable::run).build();
    this.store = new ComparisonStore(optimizer.configDirectory());
    if (!tasks.isEmpty()) {
      optimizer.addExecutionListener(listener);
    }
  }

  /**
   * Starts a builder for a judge working with this optimizer.
   *
   * @param optimizer the optimizer whose models judge, whose executions are sampled and which
   *     receives the quality evidence; must not be null
   * @return a new builder with the defaults
   */
  public static Builder builder(TaskOptimizer optimizer) {
    return new Builder(Objects.requireNonNull(optimizer, "optimizer"));
  }

  /**
   * The family of a model name: its name before the {@code :} tag, lowercased, without trailing
   * version digits and dots ({@code llama3.2:3b} is {@code llama}, {@code qwen2.5:7b} is {@code
   * qwen}). A family the provider reports ({@link ModelDescriptor#family()}) counts too.
   *
   * @param model a model name; must not be null
   * @return the family derived from the name
   */
  public static String familyOf(String model) {
    return Families.ofName(Objects.requireNonNull(model, "model"));
  }

  /**
   * The rubric used for a task: the builder's, else {@link Rubric#forTask}.
   *
   * @param task the task; must not be null
   * @return the task's rubric
   */
  public Rubric rubric(TaskType task) {
    Objects.requireNonNull(task, "task");
    Rubric r = rubrics.get(task);
    return r != null ? r : Rubric.forTask(task);
  }

  // ------------------------------------------------------------------ rubric grading

  /**
   * Grades one output now, on the calling thread (a cached verdict costs no judge call), and, if
   * {@link Builder#feedQuality} is on (the default), records the grade as quality evidence for
   * {@code (task, model)}.
   *
   * @param task the task that produced the output; must not be null
   * @param request the request that produced the output (its prompt and inputs are shown to the
   *     judge)
   * @param model the model that produced it
   * @param output the output
   * @return the verdict; empty when no judge model is available, the judge call failed or its
   *     answer did not parse strictly (no evidence, never a zero)
   */
  public Optional<Verdict> assess(
      TaskType task, GenerationRequest request, String model, String output) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(output, "output");
    Rubric rubric = rubric(task);
    String key = Hashing.sha256Hex(output) + "/" + rubric.hash();
    Verdict hit = cache == null ? null : cache.getIfPresent(key);
    Verdict verdict;
    if (hit != null) {
      cacheHits.increment();
      verdict = hit.fromCache(model);
    } else {
      Optional<JudgeChoice> judge = chooseJudge(List.of(model));
      if (judge.isEmpty()) {
        failures.increment();
        log.debug("No judge model available for {} of {}", model, task.id());
        return Optional.empty();
      }
      Optional<String> answer =
          callJudge(
              judge.get().model(),
              Prompts.rubric(rubric, request, output),
              Prompts.rubricFormat(rubric));
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      Parsed<List<Verdict.CriterionScore>> parsed = StrictJson.rubric(answer.get(), rubric.names());
      if (!parsed.ok()) {
        unparsable.increment();
        log.debug(
            "Judge {} gave an unparsable verdict ({}); no evidence for {}",
            judge.get().model(),
            parsed.error(),
            model);
        return Optional.empty();
      }
      verdict =
          new Verdict(
              task,
              model,
              judge.get().model(),
              Verdict.scoreOf(parsed.value()),
              parsed.value(),
              rubric.hash(),
              judge.get().sameFamily(),
              false);
      if (cache != null) {
        cache.put(key, verdict);
      }
    }
    verdicts.increment();
    if (verdict.sameFamilyJudge()) {
      sameFamily.increment();
    }
    if (feedQuality) {
      feed(task, model, verdict.score(), "judge:" + verdict.judge());
    }
    return Optional.of(verdict);
  }

  private void executionFinished(GenerationRequest request, ExecutionResult result) {
    if (closed
        || RUNNING_COMPARISON.get() != null
        || !tasks.contains(result.task())
        || result.task().equals(TASK)
        || result.text().isBlank()) {
      return;
    }
    seen.increment();
    double draw;
    synchronized (random) {
      draw = random.nextDouble();
    }
    if (draw >= sampleRate) {
      return;
    }
    sampled.increment();
    if (!pending.tryAcquire()) {
      skipped.increment();
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              if (!closed) {
                assess(result.task(), request, result.model(), result.text());
              }
            } catch (RuntimeException e) {
              failures.increment();
              log.warn(
                  "Judging an output of {} for {} failed: {}",
                  result.model(),
                  result.task().id(),
                  e.toString());
            } finally {
              pending.release();
            }
          });
    } catch (RejectedExecutionException e) {
      pending.release();
      skipped.increment();
    }
  }

  // ------------------------------------------------------------------ pairwise

  /**
   * Runs the request on both models (through {@link TaskOptimizer#execute}, so their feedback is
   * recorded as usual) and compares the answers with {@link #compareAnswers}.
   *
   * @param task the task to run; must not be null
   * @param request the request to run on both models (its model, if any, is replaced); must not be
   *     null
   * @param modelA the first model; must not be null
   * @param modelB the second model; must not be null and not the same model as {@code modelA}
   * @return the comparison, as {@link #compareAnswers} returns it
   * @throws IllegalArgumentException if the two models are the same
   * @throws io.taskoptimizer.api.TaskOptimizerException if either model fails to run
   */
  public Comparison compare(
      TaskType task, GenerationRequest request, String modelA, String modelB) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    checkPair(modelA, modelB);
    RUNNING_COMPARISON.set(Boolean.TRUE);
    ExecutionResult a;
    ExecutionResult b;
    try {
      a = optimizer.execute(task, request.withModel(modelA));
      b = optimizer.execute(task, request.withModel(modelB));
    } finally {
      RUNNING_COMPARISON.remove();
    }
    return compareAnswers(task, request, modelA, a.text(), modelB, b.text());
  }

  /**
   * Asks the judge which of two given answers to the request is better, in both orders (unless
   * {@link Builder#bothOrders} is off), applies length control if configured, and, when there is a
   * verdict, records the comparison in {@value
   * io.taskoptimizer.judge.internal.ComparisonStore#NAME} (config directory), refits the task's
   * ratings and (if {@link Builder#feedQuality}) records both models' rating-derived quality
   * ({@link Rating#quality()}) as quality evidence.
   *
   * @param task the task of the request; must not be null
   * @param request the request both answers respond to (its prompt and inputs are shown to the
   *     judge); must not be null
   * @param modelA the model that gave {@code answerA}; must not be null
   * @param answerA the first answer; must not be null
   * @param modelB the model that gave {@code answerB}; must not be null and not the same model as
   *     {@code modelA}
   * @param answerB the second answer; must not be null
   * @return the comparison; its outcome is {@link Outcome#NO_VERDICT} (and nothing is recorded)
   *     when no judge model is available, a judge call failed or an answer of the judge did not
   *     parse strictly
   * @throws IllegalArgumentException if the two models are the same
   * @throws io.taskoptimizer.api.ConfigFileException if the comparisons file is broken or cannot be
   *     written (the comparison is then not recorded)
   */
  public Comparison compareAnswers(
      TaskType task,
      GenerationRequest request,
      String modelA,
      String answerA,
      String modelB,
      String answerB) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(answerA, "answerA");
    Objects.requireNonNull(answerB, "answerB");
    checkPair(modelA, modelB);
    Rubric rubric = rubric(task);
    int wordsA = Prompts.words(answerA);
    int wordsB = Prompts.words(answerB);
    Optional<JudgeChoice> choice = chooseJudge(List.of(modelA, modelB));
    if (choice.isEmpty()) {
      failures.increment();
      return new Comparison(
          task,
          modelA,
          modelB,
          "(none)",
          Outcome.NO_VERDICT,
          Outcome.NO_VERDICT,
          Outcome.NO_VERDICT,
          Optional.empty(),
          wordsA,
          wordsB,
          answerA.length(),
          answerB.length(),
          false);
    }
    String judge = choice.get().model();
    Outcome first = ask(judge, rubric, request, answerA, answerB, false);
    Optional<Outcome> second = Optional.empty();
    Outcome raw = first;
    if (bothOrders && first != Outcome.NO_VERDICT) {
      Outcome s = ask(judge, rubric, request, answerB, answerA, true);
      second = Optional.of(s);
      raw = s == Outcome.NO_VERDICT ? Outcome.NO_VERDICT : s == first ? first : Outcome.TIE;
    }
    Outcome outcome = raw;
    if (maxLengthRatio > 0 && (raw == Outcome.A_WINS || raw == Outcome.B_WINS)) {
      double winner = Math.max(1, raw == Outcome.A_WINS ? wordsA : wordsB);
      double loser = Math.max(1, raw == Outcome.A_WINS ? wordsB : wordsA);
      if (winner > maxLengthRatio * loser) {
        outcome = Outcome.TIE;
      }
    }
    Comparison c =
        new Comparison(
            task,
            modelA,
            modelB,
            judge,
            outcome,
            raw,
            first,
            second,
            wordsA,
            wordsB,
            answerA.length(),
            answerB.length(),
            choice.get().sameFamily());
    if (c.hasVerdict()) {
      if (c.sameFamilyJudge()) {
        sameFamily.increment();
      }
      record(c);
    }
    return c;
  }

  private Outcome ask(
      String judge,
      Rubric rubric,
      GenerationRequest request,
      String first,
      String second,
      boolean swapped) {
    Optional<String> answer =
        callJudge(judge, Prompts.pairwise(rubric, request, first, second), Prompts.PAIRWISE_FORMAT);
    if (answer.isEmpty()) {
      return Outcome.NO_VERDICT;
    }
    Parsed<Position> p = StrictJson.pairwise(answer.get());
    if (!p.ok()) {
      unparsable.increment();
      log.debug("Judge {} gave an unparsable pairwise verdict: {}", judge, p.error());
      return Outcome.NO_VERDICT;
    }
    return switch (p.value()) {
      case TIE -> Outcome.TIE;
      case FIRST -> swapped ? Outcome.B_WINS : Outcome.A_WINS;
      case SECOND -> swapped ? Outcome.A_WINS : Outcome.B_WINS;
    };
  }

  private void record(Comparison c) {
    String outcome =
        switch (c.outcome()) {
          case A_WINS -> "a";
          case B_WINS -> "b";
          default -> "tie";
        };
    ComparisonStore.Entry e =
        new ComparisonStore.Entry(
            c.modelA(),
            c.modelB(),
            outcome,
            c.judge(),
            c.sameFamilyJudge(),
            c.wordsA(),
            c.wordsB(),
            optimizer.clock().instant().toString());
    List<ComparisonStore.Entry> all;
    synchronized (storeLock) {
      all = store.append(c.task(), e);
    }
    if (feedQuality) {
      for (Rating r : Ratings.of(all)) {
        if (r.model().equals(c.modelA()) || r.model().equals(c.modelB())) {
          feed(c.task(), r.model(), r.quality(), "bradley-terry");
        }
      }
    }
  }

  // ------------------------------------------------------------------ ratings

  /**
   * The Bradley-Terry ratings of the task from every recorded comparison, best first; empty when
   * none is recorded.
   *
   * @param task the task; must not be null
   * @return the ratings of the compared models, best first; empty when none is recorded
   * @throws io.taskoptimizer.api.ConfigFileException if the comparisons file is broken
   */
  public List<Rating> ratings(TaskType task) {
    Objects.requireNonNull(task, "task");
    List<ComparisonStore.Entry> entries = store.load().getOrDefault(task.id(), List.of());
    return entries.isEmpty() ? List.of() : Ratings.of(entries);
  }

  /**
   * The ratings of every task recorded in a config directory's comparisons file, without a judge
   * (for displays such as {@code taskopt rankings}); empty when there is no file.
   *
   * @param configDirectory the config directory holding the comparisons file; must not be null
   * @return the ratings of each task with at least one comparison, best first, in the file's task
   *     order
   * @throws io.taskoptimizer.api.ConfigFileException if the file is broken
   */
  public static Map<TaskType, List<Rating>> readRatings(Path configDirectory) {
    Objects.requireNonNull(configDirectory, "configDirectory");
    Map<TaskType, List<Rating>> out = new LinkedHashMap<>();
    new ComparisonStore(configDirectory)
        .load()
        .forEach(
            (task, entries) -> {
              if (!entries.isEmpty()) {
                out.put(TaskType.of(task), Ratings.of(entries));
              }
            });
    return out;
  }

  /**
   * The {@code n} pairs of the task whose order is least certain under the current ratings (see
   * {@link ComparisonPair#orderConfidence()}), among the rated models and the task's current
   * candidates: comparing these next ranks the models with the fewest comparisons (active
   * sampling).
   *
   * @param task the task; must not be null
   * @param n how many pairs at most; must not be negative
   * @return at most {@code n} pairs, the least certain first
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws io.taskoptimizer.api.ConfigFileException if the comparisons file is broken
   */
  public List<ComparisonPair> nextComparisons(TaskType task, int n) {
    Objects.requireNonNull(task, "task");
    List<String> models = new ArrayList<>();
    try {
      for (ScoredCandidate c : optimizer.selectionFor(task).candidates()) {
        models.add(c.model());
      }
    } catch (RuntimeException e) {
      log.debug("No candidates of {} for scheduling comparisons: {}", task.id(), e.toString());
    }
    return nextComparisons(task, models, n);
  }

  /**
   * As {@link #nextComparisons(TaskType, int)}, among the rated models and the given ones.
   *
   * @param task the task; must not be null
   * @param models models to consider besides the rated ones (e.g. new candidates without
   *     comparisons); must not be null
   * @param n how many pairs at most; must not be negative
   * @return at most {@code n} pairs, the least certain first
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws io.taskoptimizer.api.ConfigFileException if the comparisons file is broken
   */
  public List<ComparisonPair> nextComparisons(TaskType task, Collection<String> models, int n) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(models, "models");
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    List<ComparisonStore.Entry> entries = store.load().getOrDefault(task.id(), List.of());
    List<String> extra = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    entries.forEach(
        e -> {
          known.add(ModelNames.normalize(e.a()));
          known.add(ModelNames.normalize(e.b()));
        });
    for (String m : models) {
      if (known.add(ModelNames.normalize(m))) {
        extra.add(m);
      }
    }
    return Ratings.leastCertain(Ratings.fit(entries, extra), n);
  }

  /** {@return the judge's counters since it was built (a snapshot)} */
  public JudgeStats stats() {
    return new JudgeStats(
        seen.sum(),
        sampled.sum(),
        skipped.sum(),
        judgeCalls.sum(),
        cacheHits.sum(),
        verdicts.sum(),
        unparsable.sum(),
        failures.sum(),
        sameFamily.sum());
  }

  /**
   * Stops sampling executions and stops the judge's own threads (judgements in flight are
   * abandoned; an executor passed to the builder is left running). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    optimizer.removeExecutionListener(listener);
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ internals

  private record JudgeChoice(String model, boolean sameFamily) {}

  private Optional<JudgeChoice> chooseJudge(List<String> judged) {
    Map<String, Optional<String>> reported = new HashMap<>();
    List<String> candidates = new ArrayList<>();
    List<ModelDescriptor> available;
    try {
      available = optimizer.availableModels();
    } catch (RuntimeException e) {
      available = List.of();
    }
    for (ModelDescriptor d : available) {
      reported.put(d.normalizedName(), d.family());
    }
    if (!judgeModels.isEmpty()) {
      candidates.addAll(judgeModels);
    } else {
      try {
        optimizer.selectionFor(TASK).candidates().stream()
            .sorted(Comparator.comparingDouble(ScoredCandidate::quality).reversed())
            .forEach(c -> candidates.add(c.model()));
      } catch (RuntimeException e) {
        log.debug(
            "The judge task has no ranked candidates ({}); using every available model",
            e.toString());
      }
      for (ModelDescriptor d : available) {
        if (candidates.stream().noneMatch(c -> ModelNames.sameModel(c, d.name()))) {
          candidates.add(d.name());
        }
      }
    }
    candidates.removeIf(c -> judged.stream().anyMatch(j -> ModelNames.sameModel(c, j)));
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Set<String> judgedFamilies = new LinkedHashSet<>();
    for (String j : judged) {
      judgedFamilies.addAll(
          Families.of(j, reported.getOrDefault(ModelNames.normalize(j), Optional.empty())));
    }
    String fallback = null;
    for (String c : candidates) {
      Set<String> f =
          Families.of(c, reported.getOrDefault(ModelNames.normalize(c), Optional.empty()));
      boolean same = f.stream().anyMatch(judgedFamilies::contains);
      if (!same) {
        return Optional.of(new JudgeChoice(c, false));
      }
      if (!excludeSameFamily) {
        return Optional.of(new JudgeChoice(c, true));
      }
      if (fallback == null) {
        fallback = c;
      }
    }
    // every candidate shares a family with a judged model, so the loop set fallback (candidates is
    // not empty)
    return Optional.of(new JudgeChoice(Objects.requireNonNull(fallback, "fallback"), true));
  }

  private Optional<String> callJudge(String judge, String prompt, ResponseFormat format) {
    GenerationRequest req =
        GenerationRequest.builder()
            .system(Prompts.SYSTEM)
            .user(prompt)
            .format(format)
            .temperature(0)
            .stream(false)
            .timeout(timeout)
            .model(judge)
            .build();
    judgeCalls.increment();
    try {
      return Optional.of(optimizer.execute(TASK, req).text());
    } catch (RuntimeException e) {
      failures.increment();
      log.debug("Judge call to {} failed: {}", judge, e.toString());
      return Optional.empty();
    }
  }

  private void feed(TaskType task, String model, double score, String source) {
    try {
      optimizer.recordQuality(task, model, score, evidenceWeight, source);
    } catch (IllegalStateException e) {
      log.debug("Not recording judge evidence for {}: {}", model, e.getMessage());
    }
  }

  private static void checkPair(String a, String b) {
    Objects.requireNonNull(a, "modelA");
    Objects.requireNonNull(b, "modelB");
    if (ModelNames.sameModel(a, b)) {
      throw new IllegalArgumentException("compare two different models, got '" + a + "' twice");
    }
  }

  /**
   * Builds {@link Judge}s. Setters validate their argument at once; {@link #build()} may be called
   * again.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final TaskOptimizer optimizer;
    private final Set<TaskType> tasks = new LinkedHashSet<>();
    private double sampleRate = DEFAULT_SAMPLE_RATE;
    private @Nullable Long seed;
    private final Map<TaskType, Rubric> rubrics = new LinkedHashMap<>();
    private final List<String> judgeModels = new ArrayList<>();
    private boolean excludeSameFamily = true;
    private boolean bothOrders = true;
    private double maxLengthRatio;
    private boolean feedQuality = true;
    private double evidenceWeight = 1.0;
    private Duration timeout = Duration.ofMinutes(2);
    private @Nullable Executor executor;
    private int threads = 1;
    private int maxPending = DEFAULT_MAX_PENDING;
    private long cacheSize = 10_000;

    private Builder(TaskOptimizer optimizer) {
      this.optimizer = optimizer;
    }

    /**
     * Opts a task in to background judging, besides those already opted in: a {@link #sampleRate
     * share} of its executions is graded. Without any, the judge only grades and compares when
     * asked.
     *
     * @param task the task to opt in; must not be null
     * @return this builder
     * @throws IllegalArgumentException if {@code task} is the judge's own {@link #TASK}
     */
    public Builder addTask(TaskType task) {
      this.tasks.add(judgeable(task));
      return this;
    }

    /**
     * Replaces the tasks opted in to background judging with these; see {@link #addTask}. An empty
     * collection opts every task out.
     *
     * @param tasks the tasks to opt in; must not be null nor contain null
     * @return this builder
     * @throws IllegalArgumentException if one of them is the judge's own {@link #TASK}
     */
    public Builder tasks(Collection<TaskType> tasks) {
      Objects.requireNonNull(tasks, "tasks");
      tasks.forEach(Builder::judgeable);
      this.tasks.clear();
      this.tasks.addAll(tasks);
      return this;
    }

    private static TaskType judgeable(TaskType t) {
      Objects.requireNonNull(t, "task");
      Checks.requireArgument(
          !t.equals(TASK), "the judge does not judge its own task '%s'", TASK.id());
      return t;
    }

    /**
     * The share of opted-in executions that are graded, 0..1; default 0.10. Use 1 in benchmarks.
     *
     * @param share the share, 0..1 (0 grades none, 1 every one)
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder sampleRate(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("sampleRate must be between 0 and 1, got " + share);
      }
      this.sampleRate = share;
      return this;
    }

    /**
     * Seeds the sampling draws, for reproducible runs; default unseeded.
     *
     * @param seed the seed of the sampling generator
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Replaces the rubric of its task (default {@link Rubric#forTask}).
     *
     * @param rubric the rubric, used for {@link Rubric#task()}; must not be null
     * @return this builder
     */
    public Builder rubric(Rubric rubric) {
      Objects.requireNonNull(rubric, "rubric");
      rubrics.put(rubric.task(), rubric);
      return this;
    }

    /**
     * Restricts the judge models to these, in order of preference, replacing any given before
     * (default, or an empty list: the optimizer's candidates for {@link #TASK} by quality, then
     * every available model).
     *
     * @param models the judge model names, most preferred first; must not be null nor contain null
     * @return this builder
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder judgeModels(List<String> models) {
      Objects.requireNonNull(models, "models");
      models.forEach(Builder::judgeModel);
      judgeModels.clear();
      judgeModels.addAll(models);
      return this;
    }

    /**
     * Adds a judge model after those already given, as the least preferred; see {@link
     * #judgeModels(List)}.
     *
     * @param model the judge model name; must not be null
     * @return this builder
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public Builder addJudgeModel(String model) {
      judgeModels.add(judgeModel(model));
      return this;
    }

    private static String judgeModel(String m) {
      Objects.requireNonNull(m, "model");
      Checks.requireArgument(!m.isBlank(), "a judge model name must not be blank");
      return m;
    }

    /**
     * Whether to avoid judges of a judged model's family when another judge is available; default
     * {@code true}. Off only to measure self-preference.
     *
     * @param exclude {@code true} to prefer judges of another family than the judged models
     * @return this builder
     */
    public Builder excludeSameFamily(boolean exclude) {
      this.excludeSameFamily = exclude;
      return this;
    }

    /**
     * Whether comparisons ask in both orders and count a win only when both agree; default {@code
     * true}. Off halves the judge calls but lets position bias through.
     *
     * @param both {@code true} to ask in both orders
     * @return this builder
     */
    public Builder bothOrders(boolean both) {
      this.bothOrders = both;
      return this;
    }

    /**
     * Length-controlled comparisons: a win whose answer has more than {@code maxRatio} times the
     * words of the loser's counts as a tie. Off by default; 1.5 is a reasonable value.
     *
     * @param maxRatio the largest word ratio of winner to loser that still counts as a win; a
     *     finite number above 1
     * @return this builder
     * @throws IllegalArgumentException if not a finite number above 1
     */
    public Builder lengthControl(double maxRatio) {
      if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
        throw new IllegalArgumentException(
            "lengthControl ratio must be a finite number above 1, got " + maxRatio);
      }
      this.maxLengthRatio = maxRatio;
      return this;
    }

    /**
     * Whether verdicts and ratings are recorded as quality evidence with {@link
     * TaskOptimizer#recordQuality}; default {@code true}.
     *
     * @param feed {@code true} to record them
     * @return this builder
     */
    public Builder feedQuality(boolean feed) {
      this.feedQuality = feed;
      return this;
    }

    /**
     * How many quality observations one verdict (or one rating update) counts as in the selection
     * posterior; default 1, as much as one assessed execution. A judge that is more reliable than
     * the heuristic assessors deserves more.
     *
     * @param weight the weight, above 0 and at most 100
     * @return this builder
     * @throws IllegalArgumentException if not above 0 and at most 100
     */
    public Builder evidenceWeight(double weight) {
      if (!(weight > 0 && weight <= 100)) {
        throw new IllegalArgumentException(
            "evidenceWeight must be above 0 and at most 100, got " + weight);
      }
      this.evidenceWeight = weight;
      return this;
    }

    /**
     * The time limit of one judge call; default 2 minutes.
     *
     * @param timeout the time limit; must not be null, must be positive
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * Runs background judgements on this executor instead of the judge's own threads (e.g. {@code
     * Runnable::run} in a simulation, to judge synchronously and reproducibly). The caller keeps
     * ownership.
     *
     * @param executor the executor of background judgements; must not be null
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Threads of the judge's own executor; default 1 (a local model server runs one model at a time
     * anyway).
     *
     * @param threads the number of threads, 1..64; ignored when an {@link #executor} is given
     * @return this builder
     * @throws IllegalArgumentException if outside 1..64
     */
    public Builder threads(int threads) {
      this.threads = Checks.requireInRange(threads, 1, 64, "threads");
      return this;
    }

    /**
     * How many background judgements may be pending (queued or running); default 16. A sampled
     * execution beyond that is skipped and counted ({@link JudgeStats#skippedQueueFull()}).
     *
     * @param max the most pending judgements, 1..100000
     * @return this builder
     * @throws IllegalArgumentException if outside 1..100000
     */
    public Builder maxPending(int max) {
      this.maxPending = Checks.requireInRange(max, 1, 100_000, "maxPending");
      return this;
    }

    /**
     * How many verdicts are cached (by output hash and rubric hash); default 10,000; 0 turns the
     * cache off (every sampled output is judged, e.g. in a simulation whose outputs repeat).
     *
     * @param size the most cached verdicts; 0 turns caching off
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder cacheSize(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("cacheSize must not be negative: " + size);
      }
      this.cacheSize = size;
      return this;
    }

    /**
     * Builds the judge and, if any task is opted in, registers it with the optimizer.
     *
     * @return a new judge, with its own threads unless an {@link #executor} was given
     */
    public Judge build() {
      return new Judge(this);
    }
  }
}
