package io.taskoptimizer.core.internal.learning;

import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.SelectionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learned posterior of every task, the selection policy around it with its guardrails, and the
 * persistence of both. See optimizer-core/README.md for the formulas.
 */
public final class Learner {

  private static final Logger log = LoggerFactory.getLogger(Learner.class);

  /** Reason codes of a choice (the high half of {@link #choose}'s result). */
  private static final int BEST = 0;

  private static final int EXPLORE = 1;
  private static final int OPTED_OUT = 2;
  private static final int BUDGET = 3;
  private static final int FLOOR = 4;
  private static final int POLICY_LEADER = 5;

  private final LearningParams params;
  private final Discount discount;
  private final SelectionPolicy policy;
  private final @Nullable RandomGenerator random;
  private final SelectionStateFile file;
  private final ConcurrentHashMap<TaskType, TaskLearner> tasks = new ConcurrentHashMap<>();
  private final Object flushLock = new Object();

  /** Model name as given to its normalised form, so that recording does not allocate. */
  private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();

  /**
   * Loads the learned state from {@code store} (for the file store, the state file of its
   * directory).
   *
   * @param store where the state file lives
   * @param params the learning parameters (discount, priors, guardrails)
   * @param policy the selection policy that picks among the estimates
   * @param random the seeded generator, or null for {@link ThreadLocalRandom}
   * @throws io.taskoptimizer.api.ConfigFileException if the state file is broken
   */
  public Learner(
      OptimizerStore store,
      LearningParams params,
      SelectionPolicy policy,
      @Nullable RandomGenerator random) {
    this.params = params;
    this.discount = new Discount(params.gamma());
    this.policy = policy;
    this.random = random;
    this.file = new SelectionStateFile(store);
    Map<String, TaskRecord> loaded = file.load();
    TaskLearner.Captured none = new TaskLearner.Captured(0, Map.of(), Map.of());
    loaded.forEach((id, record) -> task(TaskType.of(id)).rebase(none, record));
  }

  /** {@return the file name of the state, {@value SelectionStateFile#NAME}} */
  public static String fileName() {
    return SelectionStateFile.NAME;
  }

  private volatile TaskLearner.@Nullable HostResolver hostResolver;

  /**
   * Where multi-host providers would send the next call of a model: the speed term of a model then
   * uses its latency on that host (learned from calls that reported it), not its average.
   *
   * @param resolver the resolver, applied to every task learner, present and future
   */
  public void hostResolver(TaskLearner.HostResolver resolver) {
    this.hostResolver = resolver;
    tasks.values().forEach(t -> t.hostResolver(resolver));
  }

  /**
   * The learner of one task.
   *
   * @param task the task
   * @return its learner, created on first use
   */
  public TaskLearner task(TaskType task) {
    TaskLearner t = tasks.get(task);
    return t != null
        ? t
        : tasks.computeIfAbsent(
            task,
            k -> {
              TaskLearner n = new TaskLearner(k, params, discount);
              n.hostResolver(hostResolver);
              return n;
            });
  }

  /**
   * Records one call (arguments validated by the caller). NaN means unknown for {@code quality},
   * {@code warmSeconds} and {@code loadSeconds}.
   *
   * @param task the task
   * @param model the model name as given; normalised here
   * @param success whether the call succeeded
   * @param quality the quality rating in 0..1, or NaN if unknown
   * @param warmSeconds the duration of the call without loading the model, or NaN if unknown
   * @param loadSeconds the time spent loading the model, or NaN if unknown
   */
  public void record(
      TaskType task,
      String model,
      boolean success,
      double quality,
      double warmSeconds,
      double loadSeconds) {
    record(task, model, null, success, quality, warmSeconds, loadSeconds);
  }

  /**
   * Records one call served by {@code host} of a multi-host provider.
   *
   * @param task the task
   * @param model the model name as given; normalised here
   * @param host the host that served the call, or null if the provider has only one
   * @param success whether the call succeeded
   * @param quality the quality rating in 0..1, or NaN if unknown
   * @param warmSeconds the duration of the call without loading the model, or NaN if unknown
   * @param loadSeconds the time spent loading the model, or NaN if unknown
   */
  public void record(
      TaskType task,
      String model,
      @Nullable String host,
      boolean success,
      double quality,
      double warmSeconds,
      double loadSeconds) {
    String key = keys.get(model);
    if (key == null) {
      key = ModelNames.normalize(model);
      if (keys.size() < 10_000) {
        keys.put(model, key);
      }
    }
    task(task).record(key, host, success, quality, warmSeconds, loadSeconds);
  }

  /**
   * Records quality evidence without an execution (arguments validated by the caller).
   *
   * @param task the task
   * @param model the model name as given; normalised here
   * @param quality the score in 0..1
   * @param weight how many executions the evidence counts as, in (0, 100]
   */
  public void recordQuality(TaskType task, String model, double quality, double weight) {
    task(task).recordQuality(ModelNames.normalize(model), quality, weight);
  }

  /**
   * The best estimate (exploit only).
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @return the model name of the candidate with the best estimate
   */
  public String best(TaskLearner t, Candidates c) {
    return t.snapshot(c).best;
  }

  /**
   * The best estimate with its evidence.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @return the selection of the best estimate
   */
  public ModelSelection selection(TaskLearner t, Candidates c) {
    return t.snapshot(c).selection;
  }

  /**
   * The estimates, best first.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @return one estimate per candidate, best first
   */
  public List<ArmEstimate> estimates(TaskLearner t, Candidates c) {
    return t.snapshot(c).arms;
  }

  /**
   * The estimates of the candidates that have evidence (discounted executions above 0.01), by
   * normalised name: {quality * (1 - failure rate), speed, executions, cold loads}.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @return the four values per normalised name, in estimate order; empty without evidence
   */
  public Map<String, double[]> learned(TaskLearner t, Candidates c) {
    TaskLearner.Snapshot s = t.snapshot(c);
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < s.arms.size(); i++) {
      if (s.executions[i] > 0.01) {
        ArmEstimate a = s.arms.get(i);
        out.put(
            s.keys[i],
            new double[] {
              a.quality() * (1 - a.failureRate()), a.speed(), s.executions[i], s.coldLoads[i]
            });
      }
    }
    return out;
  }

  /**
   * Discounted executions and cold loads of each candidate, aligned with {@link #estimates}.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @return two fresh arrays: executions, then cold loads
   */
  public double[][] evidence(TaskLearner t, Candidates c) {
    TaskLearner.Snapshot s = t.snapshot(c);
    return new double[][] {s.executions.clone(), s.coldLoads.clone()};
  }

  /**
   * The policy's pick for the next call.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @param allowExploration whether the policy may pick a model other than the best estimate
   * @return the model name to call
   */
  public String next(TaskLearner t, Candidates c, boolean allowExploration) {
    TaskLearner.Snapshot s = t.snapshot(c);
    long r = choose(t, s, allowExploration);
    return s.arms.get((int) r).model();
  }

  /**
   * The policy's pick for the next call, with the reason.
   *
   * @param t the task's learner
   * @param c the task's current candidates
   * @param allowExploration whether the policy may pick a model other than the best estimate
   * @return the pick with its evidence and the reason it was chosen
   */
  public ModelSelection nextSelection(TaskLearner t, Candidates c, boolean allowExploration) {
    TaskLearner.Snapshot s = t.snapshot(c);
    long r = choose(t, s, allowExploration);
    int index = (int) r;
    int reason = (int) (r >>> 32);
    if (index == 0) {
      return reason == BEST
          ? s.selection
          : new ModelSelection(
              s.selection.task(),
              s.selection.weights(),
              s.selection.chosen(),
              s.selection.candidates(),
              s.selection.skipped(),
              s.selection.availabilityKnown(),
              false,
              reasonText(reason, s, index));
    }
    ScoredCandidate explored = s.scored.get(index);
    return s.selection.exploring(explored, reasonText(reason, s, index));
  }

  private String reasonText(int reason, TaskLearner.Snapshot s, int index) {
    return switch (reason) {
      case EXPLORE ->
          policy.id()
              + ": exploring "
              + s.arms.get(index).model()
              + " (its estimate is uncertain; budget "
              + percent(params.explorationBudget())
              + " of calls)";
      case OPTED_OUT -> ModelSelection.BEST_ESTIMATE + " (the request opted out of exploration)";
      case BUDGET ->
          ModelSelection.BEST_ESTIMATE
              + " ("
              + policy.id()
              + " wanted to explore; the exploration budget is spent for now)";
      case FLOOR ->
          ModelSelection.BEST_ESTIMATE
              + " ("
              + policy.id()
              + " wanted to explore a model whose quality is confidently below the floor "
              + params.qualityFloor()
              + ")";
      case POLICY_LEADER -> ModelSelection.BEST_ESTIMATE + " (" + policy.id() + ")";
      default -> ModelSelection.BEST_ESTIMATE;
    };
  }

  private static String percent(double share) {
    return Math.round(share * 1000) / 10.0 + "%";
  }

  /**
   * Applies the policy and the guardrails. Returns {@code reason << 32 | index} (index into the
   * snapshot's arms), so that {@link #next} allocates nothing.
   */
  private long choose(TaskLearner t, TaskLearner.Snapshot s, boolean allowExploration) {
    t.decisions.increment();
    List<ArmEstimate> arms = s.arms;
    if (!allowExploration) {
      return (long) OPTED_OUT << 32;
    }
    t.earn();
    if (arms.size() == 1) {
      return BEST;
    }
    int i;
    try {
      i = pick(arms, s.selection);
    } catch (RuntimeException e) {
      log.warn(
          "Selection policy {} failed; using the best estimate: {}", policy.id(), e.toString());
      return BEST;
    }
    if (i <= 0 || i >= arms.size()) {
      return (long) POLICY_LEADER << 32;
    }
    ArmEstimate a = arms.get(i);
    ArmEstimate leader = arms.get(0);
    if (Math.round(a.utility() * 1e9) >= Math.round(leader.utility() * 1e9)) {
      return i; // as good as the leader: not an exploration
    }
    if (a.quality() + 2 * a.qualityStdDev() < params.qualityFloor()) {
      return (long) FLOOR << 32;
    }
    if (!t.trySpend()) {
      return (long) BUDGET << 32;
    }
    t.explorations.increment();
    return ((long) EXPLORE << 32) | i;
  }

  private int pick(List<ArmEstimate> arms, ModelSelection selection) {
    if (random == null) {
      return policy.choose(arms, selection.weights(), ThreadLocalRandom.current());
    }
    synchronized (random) {
      return policy.choose(arms, selection.weights(), random);
    }
  }

  /**
   * Remembers what the ranking updater writes for a model, so that reading it back is no edit.
   *
   * @param task the task
   * @param model the model name as written; normalised here
   * @param quality the quality score written
   * @param speed the speed score written
   */
  public void markWritten(TaskType task, String model, double quality, double speed) {
    task(task).markWritten(ModelNames.normalize(model), quality, speed);
  }

  /**
   * Adopts the persisted record of what the ranking updater wrote (possibly another process's),
   * except for scores this process marked and has not flushed yet. A broken or unreadable file is
   * logged and the markers in memory are kept.
   */
  public void refreshWritten() {
    Map<String, TaskRecord> loaded;
    try {
      loaded = file.load();
    } catch (io.taskoptimizer.api.ConfigFileException e) {
      log.warn(
          "Could not re-read the learned selection state; keeping what is in memory: {}",
          e.getMessage());
      return;
    }
    loaded.forEach((id, record) -> task(TaskType.of(id)).adoptWritten(record));
  }

  /**
   * Calls and explorations counted for the budget since start (this process).
   *
   * @param task the task
   * @return a fresh array: decisions, then explorations
   */
  public long[] decisions(TaskType task) {
    TaskLearner t = task(task);
    return new long[] {t.decisions.sum(), t.explorations.sum()};
  }

  /**
   * Persists the evidence recorded since the last successful flush, merged into the state file
   * under its lock. No I/O when nothing is pending.
   *
   * @throws io.taskoptimizer.api.ConfigFileException if the file is broken or cannot be written;
   *     the evidence stays pending
   */
  public void flush() {
    synchronized (flushLock) {
      Map<TaskType, TaskLearner.Captured> captured =
          new TreeMap<>((a, b) -> a.id().compareTo(b.id()));
      for (TaskLearner t : tasks.values()) {
        TaskLearner.Captured c = t.capture();
        if (c.observations() > 0 || !c.records().isEmpty()) {
          captured.put(t.task(), c);
        }
      }
      if (captured.values().stream().allMatch(c -> c.observations() == 0)
          && !anyUnwritten(captured)) {
        return;
      }
      Map<String, TaskRecord> merged =
          file.mergeAndWrite(
              fileState -> {
                Map<String, TaskRecord> out = new TreeMap<>(fileState);
                captured.forEach(
                    (task, c) ->
                        out.put(
                            task.id(), TaskLearner.merge(fileState.get(task.id()), c, discount)));
                return out;
              });
      // the merge above put a record for every captured task
      captured.forEach(
          (task, c) ->
              task(task)
                  .rebase(
                      c,
                      Objects.requireNonNull(merged.get(task.id()), "merged record of " + task)));
      for (Map.Entry<String, TaskRecord> e : merged.entrySet()) {
        TaskType tt = TaskType.of(e.getKey());
        if (!captured.containsKey(tt)) {
          task(tt).rebase(new TaskLearner.Captured(0, Map.of(), Map.of()), e.getValue());
        }
      }
    }
  }

  private boolean anyUnwritten(Map<TaskType, TaskLearner.Captured> captured) {
    return captured.keySet().stream().anyMatch(t -> task(t).takeStateChanged());
  }

  /** {@return the state file} */
  public Path path() {
    return file.path();
  }

  /** {@return the tasks known to the learner, for displays (a copy)} */
  public List<TaskType> tasks() {
    return new ArrayList<>(tasks.keySet());
  }
}
