package io.taskoptimizer.core.internal.engine;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.availability.AvailabilityTracker;
import io.taskoptimizer.core.internal.learning.Learner;
import io.taskoptimizer.core.internal.ranking.RankingCalculator;
import io.taskoptimizer.core.internal.selection.AvailabilityView;
import io.taskoptimizer.core.internal.selection.SelectionTable;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredRankings;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Keeps the optimizer's {@link SelectionTable} current: the rankings (loaded from the store,
 * replaced, reloaded when another process changed them) and what the providers serve, combined with
 * the learner's estimates into an immutable table that is rebuilt whenever either changes.
 * Selection itself (best estimate, the policy's next pick, exploration) is a lookup in that table.
 *
 * <p>Thread-safe. Readers take the current table from a volatile field without locking; the table
 * and the rankings map are immutable. Rebuilds are serialised by one monitor so that a slow rebuild
 * cannot overwrite a newer one; changes of the rankings are serialised by another, so the store is
 * read and written by one thread of this optimizer at a time.
 */
public final class ModelSelector {

  private static final Logger log = FacadeLog.LOG;

  private final OptimizerStore store;
  private final Learner learner;
  private final List<String> providerIds;
  private final AvailabilityTracker availability;
  private final Map<TaskType, PriorityWeights> weights;
  private final String rankingsWhere;
  private final Lifecycle lifecycle;
  private final Object rankingsLock = new Object();
  private final Object rebuildLock = new Object();
  private final Set<String> reportedIgnoredKeys = Collections.synchronizedSet(new HashSet<>());

  private volatile Map<TaskType, List<RankedModel>> rankings;
  private volatile Optional<String> rankingsStamp;
  private volatile Optional<String> brokenRankingsStamp = Optional.empty();
  private volatile SelectionTable table;

  ModelSelector(
      OptimizerStore store,
      StoredRankings loaded,
      Learner learner,
      PluginSet plugins,
      AvailabilityTracker availability,
      Map<TaskType, PriorityWeights> weights,
      String rankingsWhere,
      Lifecycle lifecycle) {
    this.store = store;
    this.learner = learner;
    this.providerIds = plugins.providerIds();
    this.availability = availability;
    this.weights = Map.copyOf(weights);
    this.rankingsWhere = rankingsWhere;
    this.lifecycle = lifecycle;
    this.rankings = loaded.rankings();
    this.rankingsStamp = loaded.version();
    reportIgnoredKeys(loaded.ignoredKeys());
    this.table = buildTable();
  }

  /**
   * The current table; the first call that needs availability waits for the first answers.
   *
   * @return the table, computed with every provider asked at least once
   */
  public SelectionTable table() {
    SelectionTable t = table;
    return t.complete() ? t : awaitAvailability();
  }

  /**
   * The quality/speed weights of a task.
   *
   * @param task the task
   * @return the configured weights, else the task's defaults
   */
  public PriorityWeights weights(TaskType task) {
    PriorityWeights w = weights.get(task);
    return w != null ? w : task.defaultWeights();
  }

  /** {@return all current rankings, tasks in file order} */
  public Map<TaskType, List<RankedModel>> rankings() {
    return rankings;
  }

  /**
   * Replaces the rankings of the given tasks in the store and selects from them at once.
   *
   * @param rankings the new rankings by task
   * @throws IllegalArgumentException if a ranking names a model twice
   * @throws IllegalStateException if the optimizer is closed
   */
  public void replaceRankings(Map<TaskType, List<RankedModel>> rankings) {
    Map<TaskType, List<RankedModel>> copy = new LinkedHashMap<>();
    rankings.forEach(
        (task, ranking) -> {
          Objects.requireNonNull(task, "task");
          Objects.requireNonNull(ranking, "ranking of " + task);
          Set<String> seen = new HashSet<>();
          for (RankedModel m : ranking) {
            Objects.requireNonNull(m, "ranked model of " + task);
            if (!seen.add(ModelNames.normalize(m.model()))) {
              throw new IllegalArgumentException(
                  "The ranking of "
                      + task.id()
                      + " names '"
                      + m.model()
                      + "' twice; keep one entry per model");
            }
          }
          copy.put(task, List.copyOf(ranking));
        });
    lifecycle.ensureOpen();
    synchronized (rankingsLock) {
      setRankings(store.replaceRankings(copy));
    }
  }

  /** Reads the rankings from the store again now. */
  public void reloadRankings() {
    synchronized (rankingsLock) {
      StoredRankings loaded = store.loadRankings();
      // read after the rankings: the ranking updater persists what it writes in the learner's
      // state before it writes the rankings, so scores another process's updater wrote are
      // recognised as its own and not taken for a hand edit (which would count the evidence twice)
      learner.refreshWritten();
      setRankings(loaded);
    }
  }

  /** Asks every provider now, waits for the answers and rebuilds the table. */
  public void refreshAvailability() {
    lifecycle.ensureOpen();
    availability.refreshAll();
    rebuild();
  }

  /** Asks one provider again (it stopped serving a model it listed) and rebuilds the table. */
  void refreshProvider(String providerId) {
    availability.refresh(providerId);
    rebuild();
  }

  /**
   * The periodic refresh: asks the providers (the very first time, loads them), rebuilds the table
   * and reloads the rankings if the store says they changed.
   */
  void refresh() {
    if (availability.loaded()) {
      availability.refreshAll();
    } else {
      availability.ensureLoaded();
    }
    rebuild();
    reloadRankingsIfChanged();
  }

  /**
   * The learned estimates of models with evidence, in the rankings file's terms.
   *
   * @return the estimates by task, then by normalised model name
   */
  public Map<TaskType, Map<String, RankingCalculator.Learned>> learnedScores() {
    Map<TaskType, Map<String, RankingCalculator.Learned>> out = new LinkedHashMap<>();
    table()
        .learned()
        .forEach(
            (task, models) -> {
              Map<String, RankingCalculator.Learned> m = new LinkedHashMap<>();
              models.forEach(
                  (key, v) ->
                      m.put(
                          key,
                          new RankingCalculator.Learned(
                              v[0],
                              v[1],
                              String.format(
                                  Locale.ROOT,
                                  "learned estimate from %.1f recent run(s) (recency-weighted): quality x"
                                      + " reliability %.3f, speed %.3f",
                                  v[2],
                                  v[0],
                                  v[1]))));
              out.put(task, m);
            });
    return out;
  }

  /** Loads the first availability on this thread, or waits for the background load in flight. */
  private SelectionTable awaitAvailability() {
    availability.ensureLoaded();
    return rebuild();
  }

  private SelectionTable rebuild() {
    synchronized (rebuildLock) {
      SelectionTable t = buildTable();
      table = t;
      return t;
    }
  }

  private SelectionTable buildTable() {
    AvailabilityView view =
        AvailabilityView.of(providerIds, availability.listings(), availability.everUp());
    return SelectionTable.build(rankings, this::weights, view, availability.loaded(), learner);
  }

  private void setRankings(StoredRankings loaded) {
    rankings = loaded.rankings();
    rankingsStamp = loaded.version();
    reportIgnoredKeys(loaded.ignoredKeys());
    rebuild();
  }

  private void reportIgnoredKeys(List<String> keys) {
    for (String key : keys) {
      if (reportedIgnoredKeys.add(key)) {
        log.warn(
            "{} has a top-level key '{}' that is not a valid task id (lowercase letters,"
                + " digits, '_' or '-'); it is kept in the file but not used for selection",
            rankingsWhere,
            key);
      }
    }
  }

  private void reloadRankingsIfChanged() {
    Optional<String> now = store.rankingsVersion();
    if (now.equals(rankingsStamp) || now.equals(brokenRankingsStamp)) {
      return;
    }
    try {
      reloadRankings();
      brokenRankingsStamp = Optional.empty();
      log.info("Reloaded {} after it changed", rankingsWhere);
    } catch (ConfigFileException e) {
      brokenRankingsStamp = now;
      log.warn(
          "{} changed but cannot be used; keeping the rankings in memory: {}",
          rankingsWhere,
          e.getMessage());
    }
  }
}
