package io.taskoptimizer.core.internal.engine;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.availability.AvailabilityTracker;
import io.taskoptimizer.core.internal.feedback.FeedbackRecorder;
import io.taskoptimizer.core.internal.learning.Learner;
import io.taskoptimizer.core.internal.learning.LearningParams;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.core.internal.store.RankingsFile;
import io.taskoptimizer.spi.ExecutionListener;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.SelectionPolicy;
import io.taskoptimizer.spi.StoredRankings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The running parts of one optimizer and their order: {@link #start} builds them in dependency
 * order (store and its files first, so that a broken file fails before anything needs cleaning up;
 * then the plugins, the selector, the background jobs and the engine) and releases what it created
 * when a later step fails; {@link #close()} stops the background jobs, persists pending feedback
 * and learned state, closes the discovered providers and finally the store, in that order, so that
 * no job writes after the final flush and nothing writes to a closed store.
 *
 * <p>Thread-safe: all fields are final and the components are thread-safe; {@link #close()} runs
 * once, whoever calls it first.
 */
public final class OptimizerRuntime implements AutoCloseable {

  private static final Logger log = FacadeLog.LOG;

  /** The default directory is announced once per JVM, not at every build(). */
  private static final AtomicBoolean DEFAULT_DIRECTORY_LOGGED = new AtomicBoolean();

  /**
   * What the builder configured, already validated there.
   *
   * @param configDirectory the config directory, absolute and existing
   * @param clock the clock for timestamps
   * @param weights quality/speed weights by task (others use the task's defaults)
   * @param providers explicit providers, in order of preference
   * @param autoDetectProviders whether to discover providers when none is explicit
   * @param providerSettings what discovered provider factories read
   * @param assessors explicit assessors
   * @param autoDetectAssessors whether to discover assessors when none is explicit
   * @param assessorWeights weights by assessor id
   * @param availabilityRefreshInterval time between availability refreshes
   * @param feedbackFlushInterval time between feedback flushes; zero for none
   * @param maxQualityRatings ratings kept per task and model
   * @param serverReportedTimes whether to time executions by the provider's report
   * @param scheduler the caller's scheduler, or {@code null} for a private one
   * @param learning half-life, exploration budget and quality floor of the learner
   * @param selectionPolicy the policy of {@code nextModelFor}
   * @param random the policy's randomness, or {@code null} for an unseeded default
   * @param listeners execution listeners given to the builder
   */
  public record Config(
      Path configDirectory,
      Clock clock,
      Map<TaskType, PriorityWeights> weights,
      List<ModelProvider> providers,
      boolean autoDetectProviders,
      ProviderSettings providerSettings,
      List<QualityAssessor> assessors,
      boolean autoDetectAssessors,
      Map<String, Double> assessorWeights,
      Duration availabilityRefreshInterval,
      Duration feedbackFlushInterval,
      int maxQualityRatings,
      boolean serverReportedTimes,
      @Nullable ScheduledExecutorService scheduler,
      LearningParams learning,
      SelectionPolicy selectionPolicy,
      @Nullable RandomGenerator random,
      List<ExecutionListener> listeners) {}

  private final Lifecycle lifecycle = new Lifecycle();
  private final OptimizerStore store;
  private final boolean ownStore;
  private final FeedbackRecorder feedback;
  private final Learner learner;
  private final PluginSet plugins;
  private final ModelSelector selector;
  private final BackgroundJobs jobs;
  private final ExecutionEngine engine;

  private OptimizerRuntime(Config c, OptimizerStore store, boolean ownStore) {
    this.store = store;
    this.ownStore = ownStore;
    String rankingsWhere =
        store instanceof FileStore
            ? c.configDirectory().resolve(RankingsFile.NAME).toString()
            : "the rankings in " + store.location();
    StoredRankings loaded;
    try {
      loaded = store.loadRankings();
      this.feedback = new FeedbackRecorder(store, c.maxQualityRatings());
      this.learner = new Learner(store, c.learning(), c.selectionPolicy(), c.random());
      this.plugins =
          PluginSet.resolve(
              c.providers(),
              c.autoDetectProviders(),
              c.providerSettings(),
              c.assessors(),
              c.autoDetectAssessors(),
              c.assessorWeights(),
              rankingsWhere);
    } catch (RuntimeException e) {
      closeStore();
      throw e;
    }
    try {
      // multi-host providers (e.g. OllamaCluster): judge a model's speed on the host it would run
      // on
      learner.hostResolver(
          (provider, model) ->
              plugins.provider(provider).flatMap(p -> p.expectedHost(model)).orElse(null));
      AvailabilityTracker availability =
          new AvailabilityTracker(
              plugins.providers(), c.availabilityRefreshInterval(), c.clock(), log);
      this.selector =
          new ModelSelector(
              store, loaded, learner, plugins, availability, c.weights(), rankingsWhere, lifecycle);
      String feedbackWhere =
          store instanceof FileStore
              ? c.configDirectory().resolve(FeedbackFile.NAME).toString()
              : store.location();
      // the scheduler last: nothing after it can fail, so it never needs stopping here
      this.jobs =
          new BackgroundJobs(
              c.scheduler(),
              c.availabilityRefreshInterval(),
              c.feedbackFlushInterval(),
              selector,
              feedback,
              learner,
              feedbackWhere,
              lifecycle);
    } catch (RuntimeException e) {
      plugins.closeOwnedProviders();
      closeStore();
      throw e;
    }
    this.engine =
        new ExecutionEngine(
            plugins,
            selector,
            feedback,
            learner,
            jobs,
            lifecycle,
            c.serverReportedTimes(),
            c.listeners());
  }

  /**
   * Builds the parts and starts the background jobs.
   *
   * @param config the builder's settings
   * @param store where rankings, feedback and learned state live
   * @param ownStore whether the optimizer opened the store (and so closes it)
   * @return the running parts
   * @throws io.taskoptimizer.api.ConfigFileException if a stored file cannot be parsed
   * @throws ConfigurationException on duplicate or reserved plugin ids or an unknown assessor
   *     weight
   */
  public static OptimizerRuntime start(Config config, OptimizerStore store, boolean ownStore) {
    OptimizerRuntime runtime = new OptimizerRuntime(config, store, ownStore);
    runtime.jobs.start();
    return runtime;
  }

  /**
   * Creates the config directory if missing; announces the default directory once per JVM.
   *
   * @param dir the directory
   * @param given whether the user chose it (else it is the default)
   * @return its real, absolute path
   * @throws ConfigurationException if it cannot be created or opened
   */
  public static Path configDirectory(Path dir, boolean given) {
    Path real;
    try {
      Files.createDirectories(dir);
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot create or open the config directory "
              + dir.toAbsolutePath()
              + ": "
              + e
              + ". Choose a writable directory with"
              + " TaskOptimizer.builder().configDirectory(...).",
          e);
    }
    if (!given && DEFAULT_DIRECTORY_LOGGED.compareAndSet(false, true)) {
      log.info(
          "No configDirectory given: rankings and feedback live in {} (created if missing);"
              + " choose another with TaskOptimizer.builder().configDirectory(...)",
          real);
    }
    return real;
  }

  /** {@return the plugins in use} */
  public PluginSet plugins() {
    return plugins;
  }

  /** {@return the selection and rankings} */
  public ModelSelector selector() {
    return selector;
  }

  /** {@return the execution and feedback recording} */
  public ExecutionEngine engine() {
    return engine;
  }

  /** {@return the background jobs, for others' periodic work on the same scheduler} */
  public BackgroundJobs jobs() {
    return jobs;
  }

  /** {@return the in-memory feedback and its flushes} */
  public FeedbackRecorder feedback() {
    return feedback;
  }

  /** {@return the learner of adaptive selection} */
  public Learner learner() {
    return learner;
  }

  /** Persists pending feedback and learned state now. */
  public void flush() {
    feedback.flush();
    learner.flush();
  }

  /**
   * Stops the jobs, persists what is pending, closes the discovered providers and the store if
   * owned. Runs once.
   *
   * @throws RuntimeException the first failure of the final flush, after everything was released
   */
  @Override
  public void close() {
    if (!lifecycle.close()) {
      return;
    }
    jobs.stop();
    RuntimeException failure = null;
    try {
      feedback.flush();
    } catch (RuntimeException e) {
      failure = e;
      log.error(
          "Could not persist {} pending feedback executions on close: {}",
          feedback.pendingExecutions(),
          e.getMessage());
    }
    try {
      learner.flush();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      }
      log.error("Could not persist the learned selection state on close: {}", e.getMessage());
    }
    plugins.closeOwnedProviders();
    if (ownStore) {
      try {
        store.close();
      } catch (RuntimeException e) {
        log.warn("Closing the store {} failed: {}", store.location(), e.toString());
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void closeStore() {
    if (ownStore) {
      store.close();
    }
  }
}
