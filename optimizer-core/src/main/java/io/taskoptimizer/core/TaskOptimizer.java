package io.taskoptimizer.core;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.UnexpectedProviderException;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.core.internal.engine.BackgroundJobs;
import io.taskoptimizer.core.internal.engine.ExecutionEngine;
import io.taskoptimizer.core.internal.engine.ModelSelector;
import io.taskoptimizer.core.internal.engine.OptimizerRuntime;
import io.taskoptimizer.core.internal.learning.Learner;
import io.taskoptimizer.core.internal.learning.LearningParams;
import io.taskoptimizer.core.internal.ranking.RankingCalculator;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ExecutionListener;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.SelectionPolicy;
import io.taskoptimizer.spi.StoredFeedback;
import io.taskoptimizer.spi.TokenListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Picks the best available model for a task, runs it, measures it and learns from it.
 *
 * <pre>{@code
 * try (TaskOptimizer optimizer = TaskOptimizer.builder().configDirectory(Path.of("config")).build()) {
 *   String model = optimizer.bestModelFor(TaskType.SELF_ASSESSMENT);
 *   ExecutionResult r = optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("..."));
 * }
 * }</pre>
 *
 * <p><b>Selection.</b> The candidates of a task are the available ranked models (their file scores
 * are a weak prior) and the available models no ranking lists (an uncertain neutral prior). Every
 * call's feedback updates a posterior per task and model in memory (quality, warm latency,
 * failures; older evidence discounted). {@link #bestModelFor} returns the best estimate: the
 * candidate with the highest posterior mean of {@code wq * quality * (1 - failureRate) + ws *
 * speed} (weights from {@link #weights(TaskType)}; before any feedback exactly the file's weighted
 * score); ties go to the higher quality, then to the model name. {@link #nextModelFor} returns the
 * {@link Builder#selectionPolicy selection policy}'s pick, which may explore within the {@link
 * Builder#explorationBudget exploration budget}; {@link #execute} uses it. Names are compared the
 * way Ollama does ({@code llama3.2} is {@code llama3.2:latest}). Candidates are precomputed into an
 * immutable table whenever rankings or availability change, and each task's estimates into an
 * immutable snapshot after new feedback, so once availability is known {@code bestModelFor} is a
 * lookup without I/O, parsing, locking or allocation. The learned state is persisted in {@code
 * model_selection_state.json} like the feedback (see optimizer-core's README for the formulas).
 *
 * <p><b>Availability.</b> What each provider serves is cached and refreshed in the background every
 * {@link Builder#availabilityRefreshInterval availability refresh interval}. {@code build()} starts
 * the first load asynchronously; the first call that needs availability waits for it (bounded by
 * the providers' own timeouts). A provider that cannot be asked makes its models unavailable and is
 * logged once per outage. When no provider is configured, or none has answered since start,
 * availability is <em>unknown</em>: selection then works from the rankings alone and {@link
 * ModelSelection#availabilityKnown()} is {@code false}.
 *
 * <p><b>Files.</b> The config directory holds {@code model_rankings.json} and {@code
 * model_performance_feedback.json} in the original system's exact format (Python {@code
 * json.dumps(indent=2)}; unknown fields and tasks are preserved). Every write is atomic (temporary
 * file, fsync, atomic move) and keeps the previous version as {@code <name>.bak}. A file that
 * cannot be parsed or validated is never overwritten; the error names file, line, column and field.
 *
 * <p><b>Feedback.</b> {@link #recordFeedback} and {@link #execute} record into lock-free in-memory
 * counters; a background task persists them every {@link Builder#feedbackFlushInterval feedback
 * flush interval}, and {@link #close()} persists the rest. Several optimizers, in one JVM or in
 * several processes, may share a config directory: a flush takes an exclusive lock ({@code
 * .model_performance_feedback.json.lock}, an OS file lock plus a JVM-wide lock), re-reads the file,
 * adds only the events recorded since its own last flush and writes the sum, so no instance loses
 * another's feedback. Rankings are written the same way, and a change of {@code
 * model_rankings.json} by another process is picked up at the next availability refresh.
 *
 * <p>Instances are thread-safe. Close them to persist pending feedback and stop background work.
 */
public final class TaskOptimizer implements AutoCloseable {

  /** Default {@link Builder#explorationBudget}: at most 3% of calls explore. */
  public static final double DEFAULT_EXPLORATION_BUDGET = 0.03;

  /** Default {@link Builder#qualityFloor}. */
  public static final double DEFAULT_QUALITY_FLOOR = 0.25;

  /** Default {@link Builder#evidenceHalfLife}, in observations of the task. */
  public static final int DEFAULT_EVIDENCE_HALF_LIFE = 100;

  private final Path configDirectory;
  private final Clock clock;
  private final OptimizerStore store;
  private final OptimizerRuntime runtime;
  private final ModelSelector selector;
  private final ExecutionEngine engine;

  private TaskOptimizer(Builder b) {
    this.clock = b.clock;
    this.configDirectory =
        OptimizerRuntime.configDirectory(b.configDirectory, b.configDirectoryGiven);
    // the store first: a broken file or database fails build() before anything needs cleaning up
    boolean ownStore = b.store == null;
    this.store =
        b.store != null
            ? b.store
            : b.storeUrl != null
                ? OptimizerStores.open(b.storeUrl)
                : new FileStore(configDirectory);
    this.runtime =
        OptimizerRuntime.start(
            new OptimizerRuntime.Config(
                configDirectory,
                clock,
                b.weights,
                List.copyOf(b.providers),
                b.autoDetectProviders,
                b.providerSettings,
                List.copyOf(b.assessors),
                b.autoDetectAssessors,
                new LinkedHashMap<>(b.assessorWeights),
                b.availabilityRefreshInterval,
                b.feedbackFlushInterval,
                b.maxQualityRatings,
                b.serverReportedTimes,
                b.scheduler,
                new LearningParams(b.evidenceHalfLife, b.explorationBudget, b.qualityFloor),
                b.selectionPolicy,
                b.random,
                List.copyOf(b.listeners)),
            store,
            ownStore);
    this.selector = runtime.selector();
    this.engine = runtime.engine();
  }

  /** {@return a new builder with the defaults documented on its methods} */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- selection

  /**
   * The best estimate for the task (exploit only, never exploring): the available candidate with
   * the highest posterior mean utility (ties: higher quality, then name). Once availability is
   * known this does no I/O and no locking and does not allocate.
   *
   * @param task the task; must not be null
   * @return the name of the best available model, as ranked
   * @throws NullPointerException if {@code task} is null
   * @throws NoAvailableModelException if no ranked model of the task is available; the message
   *     lists the ranked and the available models
   */
  public String bestModelFor(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.table().bestModel(task);
  }

  /**
   * The model for the next call of the task, as the {@link Builder#selectionPolicy selection
   * policy} picks it: usually the best estimate ({@link #bestModelFor}), sometimes (within the
   * {@link Builder#explorationBudget exploration budget}) another available model whose estimate is
   * uncertain, so that the optimizer keeps learning. {@link #execute} uses it when the request
   * names no model. Once availability is known this does no I/O and, apart from recomputing the
   * task's estimates after new feedback, no allocation.
   *
   * @param task the task; must not be null
   * @return the name of the model to use for the next call, as ranked
   * @throws NullPointerException if {@code task} is null
   * @throws NoAvailableModelException if no candidate model of the task is available
   */
  public String nextModelFor(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.table().nextModel(task, true);
  }

  /**
   * As {@link #nextModelFor}, with the evidence: the candidates by estimate, and whether the pick
   * is an exploration ({@link ModelSelection#exploration()}) and why ({@link
   * ModelSelection#reason()}).
   *
   * @param task the task; must not be null
   * @return the pick for the next call with the candidates' scores
   * @throws NullPointerException if {@code task} is null
   * @throws NoAvailableModelException if no candidate model of the task is available
   */
  public ModelSelection nextSelectionFor(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.table().nextSelection(task, true);
  }

  /**
   * What the optimizer currently believes about each candidate model of the task, best estimate
   * first: posterior means and standard deviations of quality, failure rate, speed and utility, and
   * the (recency-discounted) evidence behind them.
   *
   * @param task the task; must not be null
   * @return one estimate per candidate model, best estimate first
   * @throws NullPointerException if {@code task} is null
   * @throws NoAvailableModelException if no candidate model of the task is available
   */
  public List<ArmEstimate> estimatesFor(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.table().estimates(task);
  }

  /**
   * The choice for the task with its evidence: every available candidate with its scores (best
   * first), and the ranked models that were skipped with the reason.
   *
   * @param task the task; must not be null
   * @return the best estimate with the scored candidates and the skipped models
   * @throws NullPointerException if {@code task} is null
   * @throws NoAvailableModelException if no ranked model of the task is available
   */
  public ModelSelection selectionFor(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.table().selection(task);
  }

  /**
   * The current ranking of one task.
   *
   * @param task the task; must not be null
   * @return the task's ranked models in file order; empty if the task is not ranked
   * @throws NullPointerException if {@code task} is null
   */
  public List<RankedModel> rankings(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.rankings().getOrDefault(task, List.of());
  }

  /**
   * {@return all current rankings, tasks in file order} Keys of the file that are not valid task
   * ids are left out (and left untouched in the file).
   */
  public Map<TaskType, List<RankedModel>> rankings() {
    return selector.rankings();
  }

  /**
   * Replaces the rankings of the given tasks and writes {@code model_rankings.json} atomically;
   * other tasks, unknown fields of entries kept for models that remain, and unknown top-level keys
   * are preserved. The file is re-read under its lock first, so a concurrent writer's changes to
   * other tasks are not lost. New tasks are appended in the map's iteration order. Selection uses
   * the new rankings as soon as this returns.
   *
   * @param rankings the new ranking of each task to replace, best first; must not be null
   * @throws NullPointerException if {@code rankings} is null
   * @throws IllegalArgumentException if a ranking names a model twice
   * @throws ConfigFileException if the file on disk cannot be parsed (it is left untouched) or
   *     cannot be written
   */
  public void replaceRankings(Map<TaskType, List<RankedModel>> rankings) {
    Objects.requireNonNull(rankings, "rankings");
    selector.replaceRankings(rankings);
  }

  /**
   * Reads {@code model_rankings.json} again now (the background refresh also does this when the
   * file changed on disk).
   *
   * @throws ConfigFileException if the file cannot be parsed; the current rankings stay in use
   */
  public void reloadRankings() {
    selector.reloadRankings();
  }

  /**
   * The quality/speed weights used for the task: configured on the builder, else its defaults.
   *
   * @param task the task; must not be null
   * @return the task's weights
   * @throws NullPointerException if {@code task} is null
   */
  public PriorityWeights weights(TaskType task) {
    Objects.requireNonNull(task, "task");
    return selector.weights(task);
  }

  // ------------------------------------------------------------- availability

  /**
   * {@return the models the providers served at the last check (cached; waits for the first check)}
   */
  public List<ModelDescriptor> availableModels() {
    return selector.table().availability().available();
  }

  /**
   * {@return whether availability is known: at least one provider has answered since the optimizer
   * started} When {@code false}, selection assumes every ranked model is available.
   */
  public boolean availabilityKnown() {
    return selector.table().availability().known();
  }

  /** Asks every provider now, waits for the answers and re-selects. */
  public void refreshAvailability() {
    selector.refreshAvailability();
  }

  /** {@return the providers in use, in order of preference: explicit ones, else discovered ones} */
  public List<ModelProvider> providers() {
    return runtime.plugins().providers();
  }

  /**
   * The first provider that served the model at the last check (names compared normalised).
   *
   * @param model the model name; must not be null
   * @return the provider, or empty if none served the model or availability is unknown
   * @throws NullPointerException if {@code model} is null
   */
  public Optional<ModelProvider> providerFor(String model) {
    Objects.requireNonNull(model, "model");
    return selector
        .table()
        .availability()
        .providerOf(ModelNames.normalize(model))
        .flatMap(runtime.plugins()::provider);
  }

  // ---------------------------------------------------------------- execution

  /**
   * Runs the request for the task: uses {@code request.model()} if set (it must be served by a
   * provider), otherwise {@link #nextModelFor the selection policy's pick} (or, when the request
   * opts out with {@link GenerationRequest#exploration()} {@code false}, the best estimate);
   * measures wall time and time to first token; scores the output with the applicable assessors;
   * records feedback; and returns the result. {@link ExecutionResult#selection()} says whether the
   * pick was an exploration and why. The learning signal is the provider-reported warm latency
   * ({@code totalTime - loadTime}); the feedback file keeps the wall time as before.
   *
   * <p>An answer that is empty or only white space is returned but recorded as a failed execution
   * without a quality rating. A failure is recorded as a failed execution and rethrown as the
   * provider's typed exception; an exception outside the provider contract is wrapped in {@link
   * UnexpectedProviderException}. Not recorded: {@link ProviderUnavailableException} and {@link
   * ModelNotFoundException}, because the model never ran and recording them would blame it for an
   * outage or a typo.
   *
   * @param task the task; must not be null
   * @param request the request; its model, if set, is used as is; must not be null
   * @return the result with its timing, quality and selection
   * @throws NullPointerException if {@code task} or {@code request} is null
   * @throws IllegalStateException if the optimizer is closed
   * @throws NoAvailableModelException if no model is forced and none of the task's is available
   * @throws ModelNotFoundException if the forced model is not served by any provider
   * @throws ConfigurationException if no provider is configured
   */
  public ExecutionResult execute(TaskType task, GenerationRequest request) {
    return execute(task, request, TokenListener.NONE);
  }

  /**
   * As {@link #execute(TaskType, GenerationRequest)}, streaming text to the listener.
   *
   * @param task the task; must not be null
   * @param request the request; its model, if set, is used as is; must not be null
   * @param listener receives the generated text as it streams; must not be null ({@link
   *     TokenListener#NONE} for none)
   * @return the result with its timing, quality and selection
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the optimizer is closed
   * @throws NoAvailableModelException if no model is forced and none of the task's is available
   * @throws ModelNotFoundException if the forced model is not served by any provider
   * @throws ConfigurationException if no provider is configured
   */
  public ExecutionResult execute(TaskType task, GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return engine.execute(task, request, listener);
  }

  /**
   * Asynchronous twin of {@link #execute(TaskType, GenerationRequest)}. The model is chosen on the
   * caller's thread (the very first call may wait for the first availability check); the generation
   * runs through the provider's {@code generateAsync} and the result is completed on the provider's
   * thread, never on the common pool. Cancelling the returned future cancels the provider's call; a
   * cancelled call records no feedback.
   *
   * @param task the task; must not be null
   * @param request the request; its model, if set, is used as is; must not be null
   * @return a future of the result; it completes exceptionally with the exceptions {@link
   *     #execute(TaskType, GenerationRequest)} throws (apart from those listed here)
   * @throws NullPointerException if {@code task} or {@code request} is null
   * @throws IllegalStateException if the optimizer is closed
   */
  public CompletableFuture<ExecutionResult> executeAsync(TaskType task, GenerationRequest request) {
    return executeAsync(task, request, TokenListener.NONE);
  }

  /**
   * As {@link #executeAsync(TaskType, GenerationRequest)}, streaming text to the listener.
   *
   * @param task the task; must not be null
   * @param request the request; its model, if set, is used as is; must not be null
   * @param listener receives the generated text as it streams, on the provider's thread; must not
   *     be null ({@link TokenListener#NONE} for none)
   * @return a future of the result; it completes exceptionally with the exceptions {@link
   *     #execute(TaskType, GenerationRequest)} throws (apart from those listed here)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the optimizer is closed
   */
  public CompletableFuture<ExecutionResult> executeAsync(
      TaskType task, GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return engine.executeAsync(task, request, listener);
  }

  /**
   * Scores an output with the assessors in use, without executing or recording anything.
   *
   * @param input the output with its task, prompt and inputs; must not be null
   * @return the combined score of all assessors that support the input's task; empty if none does
   * @throws NullPointerException if {@code input} is null
   */
  public Optional<QualityScore> assess(AssessmentInput input) {
    Objects.requireNonNull(input, "input");
    return runtime.plugins().assessor().assess(input);
  }

  /** {@return the assessors in use: explicit ones, else discovered ones} */
  public List<QualityAssessor> assessors() {
    return runtime.plugins().assessor().assessors();
  }

  // ----------------------------------------------------------------- feedback

  /**
   * Records one call without a quality rating. Lock-free; persisted at the next flush.
   *
   * @param task the task the call was for; must not be null
   * @param model the model that ran; must not be null or blank
   * @param duration how long the call took; must not be null or negative
   * @param success whether the call succeeded
   * @throws NullPointerException if {@code task}, {@code model} or {@code duration} is null
   * @throws IllegalArgumentException if the model is blank or the duration negative
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordFeedback(TaskType task, String model, Duration duration, boolean success) {
    engine.recordFeedback(task, model, duration, success, Double.NaN);
  }

  /**
   * Records one call with a quality rating. Lock-free; persisted at the next flush.
   *
   * @param task the task the call was for; must not be null
   * @param model the model that ran; must not be null or blank
   * @param duration how long the call took; must not be null or negative
   * @param success whether the call succeeded
   * @param quality the rating, 0..1
   * @throws NullPointerException if {@code task}, {@code model} or {@code duration} is null
   * @throws IllegalArgumentException if the model is blank, the duration negative or the quality
   *     outside 0..1
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordFeedback(
      TaskType task, String model, Duration duration, boolean success, double quality) {
    if (!(quality >= 0.0 && quality <= 1.0)) {
      throw new IllegalArgumentException("quality must be between 0 and 1, got " + quality);
    }
    engine.recordFeedback(task, model, duration, success, quality);
  }

  /**
   * Aggregated feedback of one model (names compared normalised) on one task: the file's content as
   * last read or written, plus events not yet flushed.
   *
   * @param task the task; must not be null
   * @param model the model name; must not be null
   * @return the model's feedback on the task, or empty if none was recorded
   * @throws NullPointerException if {@code task} or {@code model} is null
   */
  public Optional<ModelFeedback> feedback(TaskType task, String model) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    return runtime.feedback().snapshot(task, model).map(StoredFeedback::toModelFeedback);
  }

  /**
   * {@return all aggregated feedback, tasks and models in file order, including unflushed events}
   */
  public Map<TaskType, Map<String, ModelFeedback>> feedback() {
    Map<TaskType, Map<String, ModelFeedback>> out = new LinkedHashMap<>();
    storedFeedback()
        .forEach(
            (task, models) -> {
              Map<String, ModelFeedback> m = new LinkedHashMap<>();
              models.forEach((model, f) -> m.put(model, f.toModelFeedback()));
              out.put(task, Collections.unmodifiableMap(m));
            });
    return Collections.unmodifiableMap(out);
  }

  /**
   * All aggregated feedback with the exact stored times, for the ranking updater: rankings are
   * computed from the stored seconds, not from {@link ModelFeedback}'s rounded durations.
   */
  Map<TaskType, Map<String, StoredFeedback>> storedFeedback() {
    return runtime.feedback().snapshot();
  }

  /**
   * Persists pending feedback now (merged into the file under its lock). Does no I/O when nothing
   * is pending.
   *
   * @throws ConfigFileException if the feedback file is broken or cannot be written; the feedback
   *     stays in memory and the next flush tries again
   */
  public void flush() {
    runtime.flush();
  }

  /** The learner, for the ranking updater. */
  Learner learner() {
    return runtime.learner();
  }

  /** The learned estimates of models with evidence, in the rankings file's terms. */
  Map<TaskType, Map<String, RankingCalculator.Learned>> learnedScores() {
    return selector.learnedScores();
  }

  /**
   * Recency-discounted executions and cold loads behind each estimate of {@link #estimatesFor}, in
   * the same order: {@code [0][i]} executions, {@code [1][i]} cold loads.
   */
  double[][] evidenceFor(TaskType task) {
    return selector.table().evidence(task);
  }

  /**
   * Records quality evidence about a model's outputs on a task that did not come from an
   * execution's assessors: for example a judge model's grade, or a rating derived from pairwise
   * comparisons. It updates only the quality posterior of {@code (task, model)} that selection
   * learns from (see {@link #nextModelFor}), as {@code weight} quality observations: no execution,
   * success, failure or latency is counted, the task's observation count (the clock of {@link
   * Builder#evidenceHalfLife}) does not advance, and the feedback file ({@code
   * model_performance_feedback.json}) is not changed. The evidence is persisted with the rest of
   * the learned state in {@code model_selection_state.json} in the config directory, at the next
   * flush. Lock-free apart from the task's short monitor; no I/O.
   *
   * @param task the task; must not be null
   * @param model the model the evidence is about; must not be null or blank
   * @param score the quality, 0..1
   * @param weight how many quality observations this evidence counts as, above 0 and at most 100 (1
   *     = as much as one assessed execution)
   * @param source who produced the evidence, e.g. {@code judge:phi3:14b}; logged at DEBUG; must not
   *     be null or blank
   * @throws NullPointerException if {@code task}, {@code model} or {@code source} is null
   * @throws IllegalArgumentException if the model or source is blank, the score outside 0..1 or the
   *     weight outside (0, 100]
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordQuality(
      TaskType task, String model, double score, double weight, String source) {
    engine.recordQuality(task, model, score, weight, source);
  }

  /**
   * As {@link #recordQuality(TaskType, String, double, double, String)} with weight 1 (as much as
   * one assessed execution).
   *
   * @param task the task; must not be null
   * @param model the model the evidence is about; must not be null or blank
   * @param score the quality, 0..1
   * @param source who produced the evidence, e.g. {@code judge:phi3:14b}; must not be null or blank
   * @throws NullPointerException if {@code task}, {@code model} or {@code source} is null
   * @throws IllegalArgumentException if the model or source is blank or the score outside 0..1
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordQuality(TaskType task, String model, double score, String source) {
    recordQuality(task, model, score, 1.0, source);
  }

  /**
   * Adds a listener that sees every execution finished with an answer, after its feedback was
   * recorded; see {@link ExecutionListener} for the threading contract. A listener's exception is
   * logged and never fails the execution.
   *
   * @param listener the listener; must not be null
   * @throws NullPointerException if {@code listener} is null
   */
  public void addExecutionListener(ExecutionListener listener) {
    engine.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added here or on the builder; does nothing if it is not registered.
   *
   * @param listener the listener to remove; must not be null
   * @throws NullPointerException if {@code listener} is null
   */
  public void removeExecutionListener(ExecutionListener listener) {
    engine.removeListener(Objects.requireNonNull(listener, "listener"));
  }

  // -------------------------------------------------------------------- misc

  /** {@return the config directory (absolute, created if it did not exist)} */
  public Path configDirectory() {
    return configDirectory;
  }

  /**
   * {@return where rankings, feedback and learned state are kept: the {@link Builder#store store}
   * given to the builder, else the files of the {@link #configDirectory() config directory}}
   */
  public OptimizerStore store() {
    return store;
  }

  /**
   * {@return the clock, for components that timestamp what they do (ranking updates, benchmarks)}
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Stops background work, persists pending feedback and closes the providers this optimizer
   * discovered and created itself. Providers passed to the builder belong to the caller and are not
   * closed; neither is a scheduler passed to the builder (only this optimizer's tasks on it are
   * cancelled). Idempotent. Executions that finish after {@code close()} are not recorded.
   *
   * @throws ConfigFileException if the final flush fails (everything else is still released)
   */
  @Override
  public void close() {
    runtime.close();
  }

  /**
   * Builds {@link TaskOptimizer}s. Setters validate their argument at once; {@link #build()} may be
   * called again and does not change the builder.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private Path configDirectory = Path.of("config");
    private boolean configDirectoryGiven;
    private final List<ModelProvider> providers = new ArrayList<>();
    private boolean autoDetectProviders = true;
    private ProviderSettings providerSettings = ProviderSettings.fromEnvironment();
    private boolean providerSettingsGiven;
    private final List<QualityAssessor> assessors = new ArrayList<>();
    private boolean autoDetectAssessors = true;
    private final Map<String, Double> assessorWeights = new LinkedHashMap<>();
    private final Map<TaskType, PriorityWeights> weights = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration availabilityRefreshInterval = Duration.ofSeconds(30);
    private Duration feedbackFlushInterval = Duration.ofSeconds(5);
    private int maxQualityRatings = 100;
    private boolean serverReportedTimes;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Duration rankingUpdateInterval;
    private @Nullable OptimizerStore store;
    private @Nullable String storeUrl;
    private SelectionPolicy selectionPolicy = SelectionPolicies.thompsonSampling();
    private @Nullable RandomGenerator random;
    private double explorationBudget = DEFAULT_EXPLORATION_BUDGET;
    private double qualityFloor = DEFAULT_QUALITY_FLOOR;
    private int evidenceHalfLife = DEFAULT_EVIDENCE_HALF_LIFE;
    private final List<ExecutionListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener that sees every execution finished with an answer (see {@link
     * ExecutionListener}); more can be added later with {@link TaskOptimizer#addExecutionListener}.
     *
     * @param listener the listener; must not be null
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder addExecutionListener(ExecutionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Where to keep rankings, feedback and learned state; default the files of the {@link
     * #configDirectory config directory}. Use a shared store, such as optimizer-jdbc's PostgreSQL
     * store, when many workers on many machines should learn as one. The caller keeps ownership:
     * {@link TaskOptimizer#close()} does not close it. Replaces a {@link #store(String) store URL}.
     *
     * @param store the store; must not be null
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder store(OptimizerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.storeUrl = null;
      return this;
    }

    /**
     * Where to keep rankings, feedback and learned state, by URL, e.g. {@code
     * jdbc:postgresql://host:5432/db?user=u&password=p} (needs optimizer-jdbc on the class path);
     * opened by {@link #build()} with {@link OptimizerStores#open} and closed with the optimizer.
     * Replaces a {@link #store(OptimizerStore) store}.
     *
     * @param url the store's URL; must not be null or blank
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if the URL is blank
     */
    public Builder store(String url) {
      Objects.requireNonNull(url, "url");
      if (url.isBlank()) {
        throw new IllegalArgumentException("store URL must not be blank");
      }
      this.storeUrl = url;
      this.store = null;
      return this;
    }

    /**
     * The directory of {@code model_rankings.json} and the feedback file. Created if missing.
     *
     * <p><b>Default: {@code config/} relative to the process's working directory</b>, which {@link
     * #build()} creates there if it does not exist (and announces once at INFO). A host application
     * should set it explicitly, to a directory it owns.
     *
     * @param dir the config directory; must not be null
     * @return this builder
     * @throws NullPointerException if {@code dir} is null
     */
    public Builder configDirectory(Path dir) {
      this.configDirectory = Objects.requireNonNull(dir, "dir");
      this.configDirectoryGiven = true;
      return this;
    }

    /**
     * Adds a provider, after those already added. Once any provider is given, none is discovered.
     * The caller keeps ownership: {@link TaskOptimizer#close()} does not close it.
     *
     * @param provider the provider; must not be null
     * @return this builder
     * @throws NullPointerException if {@code provider} is null
     * @throws IllegalStateException if {@link #providerSettings} were given: they configure
     *     discovered providers only, and none is discovered once a provider is given
     */
    public Builder addProvider(ModelProvider provider) {
      Objects.requireNonNull(provider, "provider");
      requireNoProviderSettings();
      providers.add(provider);
      return this;
    }

    /**
     * Replaces the providers with these, in order of preference; see {@link
     * #addProvider(ModelProvider)}. An empty collection removes them all (providers are then
     * discovered).
     *
     * @param providers the providers, in order of preference; must not be null or hold null
     * @return this builder
     * @throws NullPointerException if {@code providers} or one of its elements is null
     * @throws IllegalStateException if {@link #providerSettings} were given and {@code providers}
     *     is not empty
     */
    public Builder providers(Collection<? extends ModelProvider> providers) {
      Objects.requireNonNull(providers, "providers");
      providers.forEach(p -> Objects.requireNonNull(p, "provider"));
      if (!providers.isEmpty()) {
        requireNoProviderSettings();
      }
      this.providers.clear();
      this.providers.addAll(providers);
      return this;
    }

    /**
     * Whether to create providers through the {@link ModelProviderFactory} plugins on the class
     * path when none is given explicitly; default {@code true}.
     *
     * @param autoDetect {@code true} to discover providers when none is given
     * @return this builder
     * @throws IllegalStateException if turned off after {@link #providerSettings} were given
     */
    public Builder autoDetectProviders(boolean autoDetect) {
      if (!autoDetect) {
        requireNoProviderSettings();
      }
      this.autoDetectProviders = autoDetect;
      return this;
    }

    /**
     * The settings discovered provider factories read; default {@link
     * ProviderSettings#fromEnvironment()}. They configure discovered providers only.
     *
     * @param settings the settings; must not be null
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     * @throws IllegalStateException if a provider was given explicitly or discovery is off, since
     *     the settings would be ignored
     */
    public Builder providerSettings(ProviderSettings settings) {
      Objects.requireNonNull(settings, "settings");
      Checks.requireState(
          providers.isEmpty(),
          "providerSettings(...) configures discovered providers,"
              + " but %d provider(s) were given explicitly, so none is discovered; configure those"
              + " providers directly (e.g. OllamaProvider.builder().baseUrl(...)) or drop the explicit"
              + " providers",
          providers.size());
      Checks.requireState(
          autoDetectProviders,
          "providerSettings(...) configures discovered providers,"
              + " but autoDetectProviders(false) turned discovery off; turn it on or drop the settings");
      this.providerSettings = settings;
      this.providerSettingsGiven = true;
      return this;
    }

    private void requireNoProviderSettings() {
      Checks.requireState(
          !providerSettingsGiven,
          "providerSettings(...) was given, but it configures"
              + " discovered providers only and none is discovered once a provider is given explicitly"
              + " or autoDetectProviders(false) is set; configure the provider directly instead of"
              + " through settings");
    }

    /**
     * Adds a quality assessor, after those already added. Once any assessor is given, none is
     * discovered.
     *
     * @param assessor the assessor; must not be null
     * @return this builder
     * @throws NullPointerException if {@code assessor} is null
     */
    public Builder addAssessor(QualityAssessor assessor) {
      assessors.add(Objects.requireNonNull(assessor, "assessor"));
      return this;
    }

    /**
     * Replaces the quality assessors with these; see {@link #addAssessor(QualityAssessor)}. An
     * empty collection removes them all (assessors are then discovered).
     *
     * @param assessors the assessors; must not be null or hold null
     * @return this builder
     * @throws NullPointerException if {@code assessors} or one of its elements is null
     */
    public Builder assessors(Collection<? extends QualityAssessor> assessors) {
      Objects.requireNonNull(assessors, "assessors");
      assessors.forEach(a -> Objects.requireNonNull(a, "assessor"));
      this.assessors.clear();
      this.assessors.addAll(assessors);
      return this;
    }

    /**
     * Whether to discover {@link QualityAssessor} plugins when none is given; default {@code true}.
     *
     * @param autoDetect {@code true} to discover assessors when none is given
     * @return this builder
     */
    public Builder autoDetectAssessors(boolean autoDetect) {
      this.autoDetectAssessors = autoDetect;
      return this;
    }

    /**
     * The weight of an assessor in the combined score (a weighted mean); default 1.0; 0 leaves the
     * assessor out. {@link #build()} fails if no assessor in use has this id.
     *
     * @param assessorId the assessor's id; must not be null or blank
     * @param weight the weight, finite and at least 0
     * @return this builder
     * @throws NullPointerException if {@code assessorId} is null
     * @throws IllegalArgumentException if {@code assessorId} is blank or {@code weight} is
     *     negative, infinite or NaN
     */
    public Builder assessorWeight(String assessorId, double weight) {
      Objects.requireNonNull(assessorId, "assessorId");
      if (assessorId.isBlank()) {
        throw new IllegalArgumentException("assessorId must not be blank");
      }
      if (!(weight >= 0.0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "assessor weight must be a finite number >= 0: " + weight);
      }
      assessorWeights.put(assessorId, weight);
      return this;
    }

    /**
     * The quality/speed weights of a task; default {@link TaskType#defaultWeights()}.
     *
     * @param task the task; must not be null
     * @param weights the task's weights; must not be null
     * @return this builder
     * @throws NullPointerException if {@code task} or {@code weights} is null
     */
    public Builder weights(TaskType task, PriorityWeights weights) {
      this.weights.put(
          Objects.requireNonNull(task, "task"), Objects.requireNonNull(weights, "weights"));
      return this;
    }

    /**
     * The clock for timestamps; default {@link Clock#systemUTC()}. Durations use {@link
     * System#nanoTime()}.
     *
     * @param clock the clock; must not be null
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How often providers are asked what they serve (and the rankings file checked); default 30 s.
     *
     * @param interval the interval; must not be null, must be positive
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Builder availabilityRefreshInterval(Duration interval) {
      this.availabilityRefreshInterval =
          Checks.requirePositive(interval, "availabilityRefreshInterval");
      return this;
    }

    /**
     * How often pending feedback is persisted; default 5 s. {@link Duration#ZERO} persists only on
     * {@link TaskOptimizer#flush()} and {@link TaskOptimizer#close()}.
     *
     * @param interval the interval; must not be null or negative
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public Builder feedbackFlushInterval(Duration interval) {
      this.feedbackFlushInterval = Checks.requireNonNegative(interval, "feedbackFlushInterval");
      return this;
    }

    /**
     * Whether a successful execution is timed by the provider's own report of how long the
     * generation took ({@link GenerationResult#serverTotalTime()}, e.g. Ollama's {@code
     * total_duration}) instead of the wall time around the call; default false (wall time, which
     * includes the network and any queueing in the client). When on and the provider reports a
     * time, {@link ExecutionResult#wallTime()}, the recorded feedback and benchmark latencies use
     * it, and so does the learned warm latency of adaptive selection. For simulations whose server
     * reports scripted times (the testkit's {@code OllamaTestServer.scriptedTimings(true)}), this
     * makes timing the same on any machine.
     *
     * @param serverReported {@code true} to time successful executions by the provider's report
     * @return this builder
     */
    public Builder serverReportedTimes(boolean serverReported) {
      this.serverReportedTimes = serverReported;
      return this;
    }

    /**
     * How many quality ratings per task and model are kept (the newest); default 100, 0 keeps none.
     *
     * @param max the number of ratings kept, 0 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is outside 0..1,000,000
     */
    public Builder maxQualityRatings(int max) {
      if (max < 0 || max > 1_000_000) {
        throw new IllegalArgumentException(
            "maxQualityRatings must be between 0 and 1000000: " + max);
      }
      this.maxQualityRatings = max;
      return this;
    }

    /**
     * The scheduler for background work (availability refresh, feedback flush); default a private
     * daemon thread that {@link TaskOptimizer#close()} stops. A scheduler passed here belongs to
     * the caller: close() only cancels this optimizer's tasks on it.
     *
     * @param scheduler the scheduler; must not be null
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Updates the rankings from the recorded feedback every {@code interval} on this optimizer's
     * scheduler, with a default {@link RankingUpdater} (see there for the formulas and for how the
     * first run is timed after a restart). Off by default; at least one second. For cron-driven
     * updates use the {@code taskopt update-rankings} command instead.
     *
     * @param interval the time between the end of one update and the start of the next; must not be
     *     null, at least one second
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is shorter than a second
     */
    public Builder rankingUpdateInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "rankingUpdateInterval must be at least 1 second: " + interval);
      }
      this.rankingUpdateInterval = interval;
      return this;
    }

    /**
     * The policy that picks the model of each call that names none ({@link
     * TaskOptimizer#nextModelFor}); default {@link SelectionPolicies#thompsonSampling()}. {@link
     * SelectionPolicies#greedy()} never explores (the behaviour before adaptive selection). The
     * exploration budget, quality floor and availability filter apply to every policy.
     *
     * @param policy the policy; must not be null
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder selectionPolicy(SelectionPolicy policy) {
      this.selectionPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The source of randomness of the selection policy. Give a seeded generator (e.g. {@code new
     * SplittableRandom(42)}) for reproducible selections; calls on it are then serialised. Default:
     * {@link java.util.concurrent.ThreadLocalRandom}, unseeded and contention-free.
     *
     * @param random the generator; must not be null
     * @return this builder
     * @throws NullPointerException if {@code random} is null
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The largest share of calls (per task) that may go to a model whose estimate is below the
     * leader's, to keep learning; default 0.03 (tuned on the decision-quality simulator, see
     * optimizer-benchmarks/README.md); 0 disables exploration (every call uses the best estimate,
     * whatever the policy). Enforced as a token bucket: each call earns {@code share} of an
     * exploration, an exploration spends one, at most two can be saved up, and a new optimizer
     * starts with none (the budget is per process).
     *
     * @param share the largest share of exploring calls, 0..1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder explorationBudget(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "explorationBudget must be between 0 and 1, got " + share);
      }
      this.explorationBudget = share;
      return this;
    }

    /**
     * Never explore a model whose quality is confidently below this (the upper end of its quality
     * estimate, mean + 2 standard deviations, is below the floor); default 0.25. Such a model is
     * still used when it is the best estimate.
     *
     * @param floor the quality floor, 0..1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder qualityFloor(double floor) {
      if (!(floor >= 0 && floor <= 1)) {
        throw new IllegalArgumentException("qualityFloor must be between 0 and 1, got " + floor);
      }
      this.qualityFloor = floor;
      return this;
    }

    /**
     * How fast old evidence is forgotten: after this many further observations of the same task, an
     * observation counts half as much; default 100. The unit is observations of the task, not time,
     * so that learning does not depend on the wall clock (a task that is idle forgets nothing; a
     * busy task adapts after the same number of calls as a quiet one), estimates do not change
     * while no feedback arrives (ranking updates stay idempotent), and simulations are
     * reproducible. Discounting applies to quality, latency and failures alike, and to models that
     * receive no new evidence, whose uncertainty therefore grows back so that they are re-examined
     * within the exploration budget.
     *
     * @param observations the half-life in observations of the task, 1 to 10,000,000
     * @return this builder
     * @throws IllegalArgumentException if below 1 or above 10,000,000
     */
    public Builder evidenceHalfLife(int observations) {
      if (observations < 1 || observations > 10_000_000) {
        throw new IllegalArgumentException(
            "evidenceHalfLife must be between 1 and 10000000"
                + " observations, got "
                + observations);
      }
      this.evidenceHalfLife = observations;
      return this;
    }

    /**
     * Builds an optimizer: reads both config files (creating the directory if needed), resolves
     * providers and assessors, and starts the background work.
     *
     * @return a new, running optimizer; close it when done
     * @throws ConfigFileException if a config file cannot be parsed or validated
     * @throws ConfigurationException on duplicate or reserved plugin ids, an {@link
     *     #assessorWeight} for an unknown assessor, or an unusable config directory
     */
    public TaskOptimizer build() {
      TaskOptimizer optimizer = new TaskOptimizer(this);
      if (rankingUpdateInterval != null) {
        try {
          BackgroundJobs jobs = optimizer.runtime.jobs();
          jobs.adopt(
              RankingUpdater.builder(optimizer)
                  .build()
                  .schedule(jobs.scheduler(), rankingUpdateInterval));
        } catch (RuntimeException e) {
          optimizer.close();
          throw e;
        }
      }
      return optimizer;
    }
  }
}
