package io.taskoptimizer.core;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.ranking.RankingCalculator;
import io.taskoptimizer.core.internal.ranking.RankingState;
import io.taskoptimizer.core.internal.ranking.RankingStateFile;
import io.taskoptimizer.core.internal.store.RankingsFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recorded feedback into new rankings, adds models that providers serve but no ranking lists,
 * and reports ranked models that are no longer served.
 *
 * <pre>{@code
 * RankingUpdate update = RankingUpdater.builder(optimizer).build().update();
 * System.out.println(update.summary());
 * }</pre>
 *
 * <p><b>Learned estimates.</b> Every ranked model for which the optimizer has learned evidence (see
 * {@link TaskOptimizer#estimatesFor}) gets {@code quality_score = quality * (1 - failureRate)} and
 * {@code speed_score = speed} from its posterior, rounded to 4 decimals; the posterior changes only
 * with new observations, so a second update on the same data changes nothing.
 *
 * <p><b>Formulas.</b> For each task and ranked model with feedback but no learned evidence (for
 * example feedback recorded before the optimizer learned online), with {@code k} the {@link
 * Builder#priorWeight prior weight} (default 5):
 *
 * <ul>
 *   <li><b>quality</b> = {@code (n * mean + k * prior) / (n + k)}, where {@code n} and {@code mean}
 *       are the count and mean of the model's recorded quality ratings (the bounded recent history
 *       the feedback file keeps), and {@code prior} is the model's quality before the first update
 *       that used evidence for it. Few ratings barely move the score; many ratings approach their
 *       mean.
 *   <li><b>reliability</b>: quality is then multiplied by {@code 1 - penalty * failures /
 *       (executions + k)} (penalty default 1), the failure rate shrunk toward zero the same way, so
 *       one early failure costs little and a model that fails half of many runs loses about half
 *       its quality.
 *   <li><b>speed</b> = {@code (m * relative + k * prior) / (m + k)}, where {@code m} is the number
 *       of executions and {@code relative = fastest / average} is the model's average time relative
 *       to the fastest average time of any model of the same task that succeeded at least once (so
 *       the fastest model's relative speed is 1 and one twice as slow has 0.5).
 *   <li>Both are clamped to 0..1 and rounded to 4 decimals.
 * </ul>
 *
 * <p><b>Idempotence.</b> A model whose feedback has not changed since the last update keeps its
 * scores exactly; models without feedback are never touched; so running the updater twice on the
 * same data changes nothing the second time. The priors and the feedback already used are kept in
 * {@value RankingStateFile#NAME} beside the rankings, so {@code model_rankings.json} keeps the
 * original format. A score edited by hand in the rankings file becomes that model's new prior; a
 * feedback history that shrank (reset) makes the current score the new prior.
 *
 * <p><b>Order.</b> Every task whose entries changed is re-sorted by weighted score ({@link
 * TaskOptimizer#weights}, highest first); equal scores keep their previous order and added models
 * go after existing ones with the same score. Tasks without changes keep their order.
 *
 * <p><b>New and missing models.</b> When a provider answered, every text-generation model it serves
 * that no ranking lists is added to every ranked task with the neutral prior (quality 0.5, speed
 * 0.5 by default: below the established models, so it is not chosen before it has proved itself)
 * and flagged for benchmarking until it has quality ratings on each of those tasks (see {@link
 * #modelsNeedingBenchmark()} and {@code BenchmarkRunner}). A model that was added this way and
 * later removed from the rankings by hand is not added again. Ranked models that no provider serves
 * stay ranked and are reported as unavailable, never deleted. A model with feedback for a ranked
 * task it is not ranked for (it was forced) is added to that task from its evidence.
 *
 * <p><b>Writing.</b> {@link #update()} writes the state file with a journal of the new rankings
 * (and the hash of the rankings file they replace), then the learner's record of the scores it is
 * about to write (so that no process takes them for a hand edit), then {@code model_rankings.json}
 * through {@link TaskOptimizer#replaceRankings} (atomic; only the changed tasks), then the state
 * file without the journal, holding the state file's lock so that concurrent updaters (an
 * in-process schedule and a cron job) take turns; it returns the diff and logs it. An update killed
 * between these writes is completed by the next one from the journal, so no evidence is counted
 * twice. {@link #preview()} computes the same without writing anything, not even a lock file.
 * Instances are thread-safe.
 */
public final class RankingUpdater {

  private static final Logger log = LoggerFactory.getLogger(RankingUpdater.class);

  /** Default {@code k}: the prior counts as five observations. */
  public static final double DEFAULT_PRIOR_WEIGHT = 5.0;

  /** Default failure penalty. */
  public static final double DEFAULT_FAILURE_PENALTY = 1.0;

  /** Default quality of a model that has no score yet. */
  public static final double DEFAULT_NEUTRAL_QUALITY = 0.5;

  /** Default speed of a model that has no score yet. */
  public static final double DEFAULT_NEUTRAL_SPEED = 0.5;

  private final TaskOptimizer optimizer;
  private final RankingCalculator.Params params;
  private final boolean refreshAvailability;
  private final RankingStateFile stateFile;
  private volatile Runnable afterJournal = () -> {};

  private RankingUpdater(Builder b) {
    this.optimizer = b.optimizer;
    this.params =
        new RankingCalculator.Params(
            b.priorWeight, b.failurePenalty, b.neutralQuality, b.neutralSpeed);
    this.refreshAvailability = b.refreshAvailability;
    this.stateFile = new RankingStateFile(optimizer.store());
  }

  /**
   * Starts a builder for an updater of this optimizer's rankings.
   *
   * @param optimizer the optimizer whose rankings, feedback and store the updater uses; must not be
   *     null
   * @return a new builder with the defaults
   * @throws NullPointerException if {@code optimizer} is null
   */
  public static Builder builder(TaskOptimizer optimizer) {
    return new Builder(Objects.requireNonNull(optimizer, "optimizer"));
  }

  /**
   * Updates the rankings from the feedback and the available models, writes them if anything
   * changed, and returns the diff (also logged).
   *
   * @return the diff, with {@link RankingUpdate#written()} set if the rankings were written
   * @throws ConfigFileException if the rankings or the state file cannot be read or written; a file
   *     that cannot be parsed is left untouched
   * @throws IllegalStateException if the optimizer is closed
   */
  public RankingUpdate update() {
    return run(true);
  }

  /**
   * Computes what {@link #update()} would change, without writing anything.
   *
   * @return the diff {@link #update()} would make now; {@link RankingUpdate#written()} is false
   * @throws ConfigFileException if the rankings or the state file cannot be read
   * @throws IllegalStateException if the optimizer is closed
   */
  public RankingUpdate preview() {
    return run(false);
  }

  /**
   * {@return the models flagged for benchmarking by this or earlier updates, as the providers name
   * them; empty if none}
   *
   * @throws ConfigFileException if the state file cannot be read
   */
  public List<String> modelsNeedingBenchmark() {
    List<String> out = new ArrayList<>();
    for (RankingState.Discovered d : stateFile.read().discovered().values()) {
      if (!d.needsBenchmark().isEmpty()) {
        out.add(d.model());
      }
    }
    return out;
  }

  /**
   * {@return when an update last ran (and wrote its state), or empty if none ever did}
   *
   * @throws ConfigFileException if the state file cannot be read
   */
  public Optional<Instant> lastUpdate() {
    return stateFile.read().lastUpdate();
  }

  /** {@return the sidecar file with the updater's memory ({@value RankingStateFile#NAME})} */
  public Path stateFile() {
    return stateFile.path();
  }

  /**
   * Runs {@link #update()} every {@code interval} on the given scheduler. The first run is due
   * {@code interval} after the last update recorded in the state file (by the optimizer's clock),
   * or at once if that time has passed or no update ever ran, so restarting an application does not
   * cause extra updates. A failed run is logged and retried at the next interval; the runs stop
   * when the returned future is cancelled or the optimizer is closed.
   *
   * @param scheduler where to run; it is not shut down by this class
   * @param interval time between the end of one run and the start of the next; at least one second
   * @return the handle; cancel it to stop the updates
   * @throws IllegalArgumentException if the interval is shorter than a second
   * @throws ConfigFileException if the state file cannot be read
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration interval) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "Ranking update interval must be at least 1 second, got " + interval);
    }
    Instant now = optimizer.clock().instant();
    Duration delay =
        lastUpdate()
            .map(last -> Duration.between(now, last.plus(interval)))
            .filter(d -> !d.isNegative())
            .orElse(Duration.ZERO);
    log.debug("Scheduling ranking updates every {}; first run in {}", interval, delay);
    return scheduler.scheduleWithFixedDelay(
        () -> scheduledRun(interval), delay.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void scheduledRun(Duration interval) {
    try {
      update();
    } catch (IllegalStateException e) {
      log.debug("Stopping scheduled ranking updates: {}", e.getMessage());
      throw e; // ends the periodic task: the optimizer is closed
    } catch (RuntimeException e) {
      log.warn("Scheduled ranking update failed; trying again in {}: {}", interval, e.getMessage());
    }
  }

  private RankingUpdate run(boolean write) {
    if (!write) {
      // a dry run writes nothing, not even the lock file (it works on a read-only directory);
      // each file is replaced atomically, so reading them without the lock is safe
      return compute(false);
    }
    return stateFile.locked(() -> compute(true));
  }

  /**
   * Completes an update that was killed after writing the state file with its journal and before
   * (or after) writing the rankings; see {@link RankingStateFile.Pending}. Call with the lock held.
   */
  private void completeInterruptedUpdate() {
    Optional<RankingStateFile.Pending> pending = stateFile.pending();
    if (pending.isEmpty()) {
      return;
    }
    String rankings = optimizer.store().location() + "/" + RankingsFile.NAME;
    if (stateFile.rankingsFingerprint().equals(pending.get().rankingsBeforeSha256())) {
      log.warn(
          "The last ranking update was interrupted before it wrote {}; writing its rankings now",
          rankings);
      // the journal's rankings were computed from the learner's posterior over the priors of the
      // rankings file they replace; a learner that has not seen that file yet (a new process) must
      // take its priors from it now, before the learned scores are written: afterwards it would
      // find only the learned scores and take them for its prior, counting the evidence twice
      optimizer.reloadRankings();
      optimizer.learnedScores();
      markWritten(pending.get().rankings());
      optimizer.replaceRankings(pending.get().rankings());
    } else {
      log.info("The last ranking update was interrupted after it wrote {}; finishing it", rankings);
    }
    stateFile.write(stateFile.read());
  }

  private RankingUpdate compute(boolean write) {
    if (refreshAvailability) {
      try {
        optimizer.refreshAvailability();
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        log.warn(
            "Could not refresh model availability before the ranking update: {}", e.getMessage());
      }
    }
    if (write) {
      completeInterruptedUpdate();
    }
    optimizer.reloadRankings();
    String rankingsBefore = stateFile.rankingsFingerprint();
    RankingState state = stateFile.read();
    RankingCalculator.Input input =
        new RankingCalculator.Input(
            optimizer.rankings(),
            optimizer.storedFeedback(),
            optimizer::weights,
            optimizer.availabilityKnown(),
            optimizer.availableModels(),
            state,
            optimizer.clock().instant(),
            optimizer.learnedScores());
    RankingCalculator.Output out = RankingCalculator.compute(input, params);
    boolean written = false;
    if (write) {
      if (!out.rankings().isEmpty()) {
        // the state with the journal first, then the rankings, then the state without it: a
        // kill at any point leaves what the next run needs to finish the update without
        // counting any evidence twice (see RankingStateFile.Pending)
        stateFile.write(
            out.state(), Optional.of(new RankingStateFile.Pending(rankingsBefore, out.rankings())));
        afterJournal.run();
        markWritten(out.rankings());
        optimizer.replaceRankings(out.rankings());
        written = true;
      }
      stateFile.write(out.state());
    }
    RankingUpdate update =
        new RankingUpdate(
            input.now(),
            written,
            input.availabilityKnown(),
            out.changes(),
            out.newModels(),
            out.unavailable(),
            out.needsBenchmark(),
            out.notes());
    if (update.hasChanges() || !update.newModels().isEmpty()) {
      log.info("{}", update.summary());
    } else {
      log.debug("{}", update.summary());
    }
    return update;
  }

  /**
   * Tells the learner which scores the updater itself writes, so that reading them back is not
   * taken for a hand edit (which would reset the prior).
   */
  private void markWritten(Map<TaskType, List<RankedModel>> rankings) {
    rankings.forEach(
        (task, ranking) ->
            ranking.forEach(
                m -> optimizer.learner().markWritten(task, m.model(), m.quality(), m.speed())));
    // persisted before the rankings are written: another process (or the next run) that reads the
    // new rankings must know they are the updater's own, or it would take them for a hand edit and
    // count the learned evidence a second time as its prior
    optimizer.learner().flush();
  }

  /**
   * Test seam: runs between the journal write and the rankings write (a test throws to simulate a
   * kill).
   */
  RankingUpdater afterJournal(Runnable hook) {
    this.afterJournal = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Builds {@link RankingUpdater}s. Setters validate at once; {@link #build()} may be called again.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final TaskOptimizer optimizer;
    private double priorWeight = DEFAULT_PRIOR_WEIGHT;
    private double failurePenalty = DEFAULT_FAILURE_PENALTY;
    private double neutralQuality = DEFAULT_NEUTRAL_QUALITY;
    private double neutralSpeed = DEFAULT_NEUTRAL_SPEED;
    private boolean refreshAvailability = true;

    private Builder(TaskOptimizer optimizer) {
      this.optimizer = optimizer;
    }

    /**
     * How many observations the prior score counts as ({@code k} in the formulas); default 5.
     * Larger values make scores move more slowly.
     *
     * @param k the prior's weight in observations; finite and above 0
     * @return this builder
     * @throws IllegalArgumentException if not a finite number above 0
     */
    public Builder priorWeight(double k) {
      if (!(k > 0) || !Double.isFinite(k)) {
        throw new IllegalArgumentException("priorWeight must be a finite number above 0, got " + k);
      }
      this.priorWeight = k;
      return this;
    }

    /**
     * How strongly failures lower quality, 0 (not at all) to 1 (default): quality is multiplied by
     * {@code 1 - penalty * failures / (executions + k)}.
     *
     * @param penalty the failure penalty, 0..1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder failurePenalty(double penalty) {
      if (!(penalty >= 0 && penalty <= 1)) {
        throw new IllegalArgumentException(
            "failurePenalty must be between 0 and 1, got " + penalty);
      }
      this.failurePenalty = penalty;
      return this;
    }

    /**
     * The scores given to models that enter a ranking without one; default 0.5 and 0.5.
     *
     * @param quality the quality score of a new entry, 0..1
     * @param speed the speed score of a new entry, 0..1
     * @return this builder
     * @throws IllegalArgumentException if either is outside 0..1
     */
    public Builder neutralPrior(double quality, double speed) {
      if (!(quality >= 0 && quality <= 1) || !(speed >= 0 && speed <= 1)) {
        throw new IllegalArgumentException(
            "neutralPrior scores must be between 0 and 1, got quality="
                + quality
                + ", speed="
                + speed);
      }
      this.neutralQuality = quality;
      this.neutralSpeed = speed;
      return this;
    }

    /**
     * Whether to ask the providers which models they serve before each update (default {@code
     * true}); otherwise the optimizer's cached availability is used.
     *
     * @param refresh {@code true} to ask the providers before each update
     * @return this builder
     */
    public Builder refreshAvailability(boolean refresh) {
      this.refreshAvailability = refresh;
      return this;
    }

    /** {@return a new updater with this builder's settings} */
    public RankingUpdater build() {
      return new RankingUpdater(this);
    }
  }
}
