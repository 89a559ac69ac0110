package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.TaskType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The benchmark figures of one model on one task, over all its samples and repeats.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param model the model
 * @param provider the id of the provider that served it
 * @param runs generations attempted
 * @param successes generations that succeeded
 * @param quality mean combined quality of the successful generations that were scored
 * @param latencyMedian median latency of the successful generations
 * @param latencyP95 95th percentile latency (nearest rank)
 * @param latencyMin fastest successful generation
 * @param latencyMax slowest successful generation
 * @param latencyStdDev standard deviation of the latencies (the spread between repeats)
 * @param speed the fastest median latency of the task divided by this model's (1 = fastest), 0
 *     without a successful run
 * @param weightedScore {@code (wq * quality + ws * speed) * successRate} with the task's weights
 *     (quality counted as 0 when nothing was scored)
 * @param rank 1-based position within the task by weighted score
 */
public record TaskModelResult(
    TaskType task,
    String model,
    String provider,
    int runs,
    int successes,
    OptionalDouble quality,
    Optional<Duration> latencyMedian,
    Optional<Duration> latencyP95,
    Optional<Duration> latencyMin,
    Optional<Duration> latencyMax,
    Optional<Duration> latencyStdDev,
    double speed,
    double weightedScore,
    int rank) {

  /**
   * Validates the components.
   *
   * @param task the task; must not be null
   * @param model the model; must not be null
   * @param provider the id of the provider that served it; must not be null
   * @param runs generations attempted
   * @param successes generations that succeeded
   * @param quality mean combined quality of the scored successful generations, or empty when none
   *     was scored; must not be null
   * @param latencyMedian median latency of the successful generations, or empty without one; must
   *     not be null
   * @param latencyP95 95th percentile latency (nearest rank), or empty; must not be null
   * @param latencyMin fastest successful generation, or empty; must not be null
   * @param latencyMax slowest successful generation, or empty; must not be null
   * @param latencyStdDev standard deviation of the latencies, or empty; must not be null
   * @param speed the fastest median latency of the task divided by this model's (1 = fastest), 0
   *     without a successful run
   * @param weightedScore {@code (wq * quality + ws * speed) * successRate} with the task's weights
   * @param rank 1-based position within the task by weighted score
   * @throws NullPointerException if a reference component is null
   */
  public TaskModelResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(latencyMedian, "latencyMedian");
    Objects.requireNonNull(latencyP95, "latencyP95");
    Objects.requireNonNull(latencyMin, "latencyMin");
    Objects.requireNonNull(latencyMax, "latencyMax");
    Objects.requireNonNull(latencyStdDev, "latencyStdDev");
  }

  /** {@return {@code successes / runs}; 0 when nothing ran} */
  public double successRate() {
    return runs == 0 ? 0.0 : (double) successes / runs;
  }
}
