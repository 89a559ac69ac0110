package io.taskoptimizer.core.internal.benchmark;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkRun;
import io.taskoptimizer.core.benchmark.TaskModelResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Turns benchmark runs into per-task, per-model figures. Pure; documented on {@link
 * TaskModelResult}.
 */
public final class BenchmarkStats {

  private BenchmarkStats() {}

  /** Latency statistics of one set of successful runs, in nanoseconds. */
  record Latency(long median, long p95, long min, long max, long stdDev) {}

  /**
   * The median (mean of the middle two for an even count), the 95th percentile by nearest rank,
   * min, max and population standard deviation; empty for no values.
   */
  static Optional<Latency> latency(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return Optional.empty();
    }
    List<Long> s = new ArrayList<>(nanos);
    s.sort(null);
    int n = s.size();
    long median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    long p95 = s.get((int) Math.ceil(0.95 * n) - 1);
    double mean = 0;
    for (long v : s) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (long v : s) {
      var += (v - mean) * (v - mean);
    }
    return Optional.of(
        new Latency(median, p95, s.get(0), s.get(n - 1), Math.round(Math.sqrt(var / n))));
  }

  /**
   * The results of every model on every task it ran, tasks in the given order, each task's models
   * by rank.
   *
   * @param tasks the tasks, in report order
   * @param models the models, in plan order
   * @param providers the provider id of each model
   * @param runs all runs
   * @param weights each task's weights
   * @return one result per task and model that ran it
   */
  public static List<TaskModelResult> compute(
      List<TaskType> tasks,
      List<String> models,
      Map<String, String> providers,
      List<BenchmarkRun> runs,
      Function<TaskType, PriorityWeights> weights) {
    List<TaskModelResult> out = new ArrayList<>();
    for (TaskType task : tasks) {
      record Partial(
          String model,
          int runs,
          int successes,
          OptionalDouble quality,
          Optional<Latency> latency) {}
      List<Partial> partials = new ArrayList<>();
      for (String model : models) {
        int count = 0;
        int successes = 0;
        double qualitySum = 0;
        int scored = 0;
        List<Long> latencies = new ArrayList<>();
        for (BenchmarkRun r : runs) {
          if (!r.task().equals(task) || !r.model().equals(model)) {
            continue;
          }
          count++;
          if (r.success()) {
            successes++;
            r.latency().ifPresent(d -> latencies.add(d.toNanos()));
            if (r.quality().isPresent()) {
              qualitySum += r.quality().getAsDouble();
              scored++;
            }
          }
        }
        if (count > 0) {
          partials.add(
              new Partial(
                  model,
                  count,
                  successes,
                  scored == 0 ? OptionalDouble.empty() : OptionalDouble.of(qualitySum / scored),
                  latency(latencies)));
        }
      }
      long fastest = Long.MAX_VALUE;
      for (Partial p : partials) {
        if (p.latency().isPresent()) {
          fastest = Math.min(fastest, p.latency().get().median());
        }
      }
      PriorityWeights w = weights.apply(task);
      record Scored(Partial p, double speed, double weighted) {}
      List<Scored> scored = new ArrayList<>();
      for (Partial p : partials) {
        double speed = 0;
        if (p.latency().isPresent()) {
          long median = p.latency().get().median();
          speed = median <= 0 ? 1.0 : Math.min(1.0, (double) fastest / median);
        }
        double rate = p.runs() == 0 ? 0 : (double) p.successes() / p.runs();
        double weighted = w.score(p.quality().orElse(0.0), speed) * rate;
        scored.add(new Scored(p, speed, weighted));
      }
      scored.sort(
          Comparator.comparingDouble((Scored s) -> -s.weighted())
              .thenComparing(s -> -s.p().quality().orElse(0.0))
              .thenComparing(s -> s.p().model()));
      for (int i = 0; i < scored.size(); i++) {
        Scored s = scored.get(i);
        Optional<Latency> l = s.p().latency();
        out.add(
            new TaskModelResult(
                task,
                s.p().model(),
                providers.getOrDefault(s.p().model(), "unknown"),
                s.p().runs(),
                s.p().successes(),
                s.p().quality(),
                l.map(x -> Duration.ofNanos(x.median())),
                l.map(x -> Duration.ofNanos(x.p95())),
                l.map(x -> Duration.ofNanos(x.min())),
                l.map(x -> Duration.ofNanos(x.max())),
                l.map(x -> Duration.ofNanos(x.stdDev())),
                s.speed(),
                s.weighted(),
                i + 1));
      }
    }
    return out;
  }
}
