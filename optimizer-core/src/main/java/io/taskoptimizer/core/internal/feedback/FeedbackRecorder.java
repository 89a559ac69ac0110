package io.taskoptimizer.core.internal.feedback;

import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.Counts;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds feedback in memory and persists it in batches.
 *
 * <p><b>Recording</b> ({@link #record}) is lock-free: two hash lookups that do not allocate once a
 * task and model have been seen, and a few {@link java.util.concurrent.atomic.LongAdder}
 * increments; a quality rating adds one lock-free ring-buffer write per model (see {@link
 * ModelAccumulator}: a flush takes each rating exactly once, never waiting for writers).
 *
 * <p><b>Flushing</b> ({@link #flush}) reads the cumulative counters, subtracts what the previous
 * successful flush wrote (the marks), and hands the difference to {@link
 * OptimizerStore#addFeedback} (for the file store {@link FeedbackFile#mergeAndWrite}, which adds it
 * to the file under the file lock; for a database, increments in one transaction). Only after the
 * write succeeded do the marks advance, so a failed flush loses nothing: the next one retries the
 * whole difference. The marks and the file content last written live in one immutable state object,
 * so {@link #snapshot()} (file content plus unflushed events) is consistent with flushes.
 */
public final class FeedbackRecorder {

  private final OptimizerStore store;
  private final int maxRatings;
  private final ConcurrentHashMap<TaskType, TaskAccumulators> tasks = new ConcurrentHashMap<>();
  private final Object flushLock = new Object();
  private volatile State state;

  /**
   * Loads the store's feedback as the baseline.
   *
   * @param store where the feedback is loaded from and flushed to
   * @param maxRatings how many quality ratings a model keeps at most (the newest)
   * @throws io.taskoptimizer.api.ConfigFileException if the file is broken
   */
  public FeedbackRecorder(OptimizerStore store, int maxRatings) {
    this.store = store;
    this.maxRatings = maxRatings;
    this.state = new State(store.loadFeedback(), new IdentityHashMap<>());
  }

  /**
   * Records one call; {@code quality} is NaN when there is no rating. Arguments are validated by
   * the caller.
   *
   * @param task the task
   * @param model the model name as given (models are told apart by normalised name)
   * @param durationNanos the call's duration in nanoseconds
   * @param success whether the call succeeded
   * @param quality the rating in 0..1, or NaN for none
   */
  public void record(
      TaskType task, String model, long durationNanos, boolean success, double quality) {
    TaskAccumulators t = tasks.get(task);
    if (t == null) {
      t = tasks.computeIfAbsent(task, k -> new TaskAccumulators());
    }
    t.get(model, maxRatings).record(durationNanos, success, quality);
  }

  /**
   * Writes everything recorded since the last successful flush, merged into the file under its
   * lock. Does nothing (no I/O) when nothing was recorded.
   *
   * @return the number of executions written
   * @throws io.taskoptimizer.api.ConfigFileException if the file is broken or cannot be written;
   *     the events stay pending
   */
  public long flush() {
    synchronized (flushLock) {
      State s = state;
      Map<String, Map<String, FeedbackFile.Delta>> deltas = new LinkedHashMap<>();
      IdentityHashMap<ModelAccumulator, Marks> next = new IdentityHashMap<>(s.marks);
      long events = 0;
      for (Map.Entry<TaskType, TaskAccumulators> t : tasks.entrySet()) {
        for (ModelAccumulator acc : t.getValue().byCanonical.values()) {
          Marks now = Marks.read(acc, s.marks.getOrDefault(acc, Marks.ZERO));
          Marks before = s.marks.getOrDefault(acc, Marks.ZERO);
          FeedbackFile.Delta d = now.minus(before);
          if (!d.isEmpty()) {
            deltas
                .computeIfAbsent(t.getKey().id(), k -> new LinkedHashMap<>())
                .put(acc.canonicalName, d);
            next.put(acc, now);
            events += d.executions();
          }
        }
      }
      if (deltas.isEmpty()) {
        return 0;
      }
      Map<String, Map<String, StoredFeedback>> written =
          store.addFeedback(toSpi(deltas), maxRatings);
      state = new State(written, next);
      return events;
    }
  }

  private static Map<String, Map<String, FeedbackDelta>> toSpi(
      Map<String, Map<String, FeedbackFile.Delta>> deltas) {
    Map<String, Map<String, FeedbackDelta>> out = new LinkedHashMap<>();
    deltas.forEach(
        (task, models) -> {
          Map<String, FeedbackDelta> m = new LinkedHashMap<>();
          models.forEach(
              (model, d) ->
                  m.put(
                      model,
                      new FeedbackDelta(
                          d.executions(), d.successes(), d.failures(), d.nanos(), d.newRatings())));
          out.put(task, m);
        });
    return out;
  }

  /** {@return the executions recorded but not yet written} */
  public long pendingExecutions() {
    State s = state;
    long pending = 0;
    for (TaskAccumulators t : tasks.values()) {
      for (ModelAccumulator acc : t.byCanonical.values()) {
        pending += acc.executions.sum() - s.marks.getOrDefault(acc, Marks.ZERO).executions;
      }
    }
    return pending;
  }

  /**
   * File content as last read or written, plus everything recorded since.
   *
   * @return an unmodifiable map by task, then by model name as stored; tasks without feedback are
   *     left out
   */
  public Map<TaskType, Map<String, StoredFeedback>> snapshot() {
    State s = state;
    Map<TaskType, Map<String, StoredFeedback>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, StoredFeedback>> t : s.baseline.entrySet()) {
      out.put(TaskType.of(t.getKey()), new LinkedHashMap<>(t.getValue()));
    }
    for (Map.Entry<TaskType, TaskAccumulators> t : tasks.entrySet()) {
      Map<String, StoredFeedback> models =
          out.computeIfAbsent(t.getKey(), k -> new LinkedHashMap<>());
      for (ModelAccumulator acc : t.getValue().byCanonical.values()) {
        FeedbackFile.Delta d = pending(s, acc);
        if (d.isEmpty()) {
          continue;
        }
        String key = FeedbackFile.keyFor(models, acc.canonicalName).orElse(acc.canonicalName);
        models.put(key, plus(models.getOrDefault(key, StoredFeedback.empty()), d));
      }
    }
    Map<TaskType, Map<String, StoredFeedback>> frozen = new LinkedHashMap<>();
    out.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            frozen.put(k, Collections.unmodifiableMap(v));
          }
        });
    return Collections.unmodifiableMap(frozen);
  }

  /**
   * Feedback of one model (names compared normalised) on one task, including unflushed events.
   *
   * @param task the task
   * @param model the model name
   * @return the feedback, or empty if none was read or recorded
   */
  public Optional<StoredFeedback> snapshot(TaskType task, String model) {
    State s = state;
    StoredFeedback base = null;
    Map<String, StoredFeedback> fileModels = s.baseline.get(task.id());
    if (fileModels != null) {
      base = FeedbackFile.keyFor(fileModels, model).map(fileModels::get).orElse(null);
    }
    TaskAccumulators t = tasks.get(task);
    ModelAccumulator acc = t == null ? null : t.byCanonical.get(ModelNames.normalize(model));
    FeedbackFile.Delta d = acc == null ? null : pending(s, acc);
    if (d == null || d.isEmpty()) {
      return Optional.ofNullable(base);
    }
    return Optional.of(plus(base == null ? StoredFeedback.empty() : base, d));
  }

  private static FeedbackFile.Delta pending(State s, ModelAccumulator acc) {
    Marks before = s.marks.getOrDefault(acc, Marks.ZERO);
    return Marks.read(acc, before).minus(before);
  }

  private StoredFeedback plus(StoredFeedback base, FeedbackFile.Delta d) {
    long executions = Counts.add(base.executions(), d.executions());
    double total = base.totalTimeSeconds() + d.nanos() / 1e9;
    List<Double> ratings = new ArrayList<>(base.qualityRatings());
    ratings.addAll(d.newRatings());
    List<Double> capped = ratings.subList(Math.max(0, ratings.size() - maxRatings), ratings.size());
    double average = executions == 0 ? 0.0 : total / executions;
    return new StoredFeedback(
        executions,
        Counts.add(base.successes(), d.successes()),
        Counts.add(base.failures(), d.failures()),
        total,
        average,
        capped);
  }

  /** The accumulators of one task, reachable by every spelling of a model name seen so far. */
  private static final class TaskAccumulators {
    final ConcurrentHashMap<String, ModelAccumulator> byAlias = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, ModelAccumulator> byCanonical = new ConcurrentHashMap<>();

    ModelAccumulator get(String model, int maxRatings) {
      ModelAccumulator a = byAlias.get(model);
      if (a == null) {
        String canonical = ModelNames.normalize(model);
        a = byCanonical.computeIfAbsent(canonical, c -> new ModelAccumulator(c, maxRatings));
        ModelAccumulator raced = byAlias.putIfAbsent(model, a);
        a = raced == null ? a : raced;
      }
      return a;
    }
  }

  /** The cumulative values of an accumulator at one moment. */
  // a value kept per accumulator in an IdentityHashMap and read once; Marks are never compared,
  // hashed or printed, so the array's identity-based equals/hashCode/toString never matter
  @SuppressWarnings("ArrayRecordComponent")
  private record Marks(
      long executions,
      long successes,
      long failures,
      long nanos,
      long ratingCount,
      double[] newRatings) {

    static final Marks ZERO = new Marks(0, 0, 0, 0, 0, new double[0]);

    /** Reads the counters now; {@code newRatings} are the ratings after {@code since}'s count. */
    static Marks read(ModelAccumulator acc, Marks since) {
      // executions is incremented last when recording, so reading it first never shows more
      // executions than successes + failures already counted
      long executions = acc.executions.sum();
      long successes = acc.successes.sum();
      long failures = acc.failures.sum();
      long nanos = acc.nanos.sum();
      ModelAccumulator.Ratings r = acc.ratingsSince(since.ratingCount);
      return new Marks(executions, successes, failures, nanos, r.count(), r.values());
    }

    FeedbackFile.Delta minus(Marks before) {
      List<Double> ratings = new ArrayList<>(newRatings.length);
      for (double q : newRatings) {
        ratings.add(q);
      }
      return new FeedbackFile.Delta(
          executions - before.executions,
          successes - before.successes,
          failures - before.failures,
          nanos - before.nanos,
          ratings);
    }
  }

  private record State(
      Map<String, Map<String, StoredFeedback>> baseline,
      IdentityHashMap<ModelAccumulator, Marks> marks) {}
}
