package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a benchmark measured. Render it with {@link BenchmarkReports}.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param startedAt when it started (the optimizer's clock)
 * @param finishedAt when it finished
 * @param cancelled whether it was cancelled before every run finished
 * @param repeats how often each sample ran per model
 * @param maxConcurrentRequests the per-provider concurrency limit used
 * @param models the models that ran
 * @param tasks the tasks
 * @param skipped requested models that did not run, with the reason
 * @param warmUps one per model that ran
 * @param runs every generation, in completion order
 * @param results per task and model, tasks in order, each task's models by rank
 * @param weights the quality/speed weights of each task
 * @param rankingUpdate the ranking update made at the end, if one was requested and the run was not
 *     cancelled
 */
public record BenchmarkResult(
    Instant startedAt,
    Instant finishedAt,
    boolean cancelled,
    int repeats,
    int maxConcurrentRequests,
    List<String> models,
    List<TaskType> tasks,
    List<SkippedModel> skipped,
    List<ModelWarmUp> warmUps,
    List<BenchmarkRun> runs,
    List<TaskModelResult> results,
    Map<TaskType, PriorityWeights> weights,
    Optional<RankingUpdate> rankingUpdate) {

  /**
   * Validates the components and copies the collections, so later changes to the arguments do not
   * show.
   *
   * @param startedAt when it started (the optimizer's clock); must not be null
   * @param finishedAt when it finished; must not be null
   * @param cancelled whether it was cancelled before every run finished
   * @param repeats how often each sample ran per model
   * @param maxConcurrentRequests the per-provider concurrency limit used
   * @param models the models that ran; must not be null or hold null
   * @param tasks the tasks; must not be null or hold null
   * @param skipped requested models that did not run; must not be null or hold null
   * @param warmUps one per model that ran; must not be null or hold null
   * @param runs every generation, in completion order; must not be null or hold null
   * @param results per task and model; must not be null or hold null
   * @param weights the quality/speed weights of each task; must not be null or hold null keys or
   *     values
   * @param rankingUpdate the ranking update made at the end, or empty; must not be null
   * @throws NullPointerException if a component, or an element, key or value of a collection, is
   *     null
   */
  public BenchmarkResult {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    models = List.copyOf(models);
    tasks = List.copyOf(tasks);
    skipped = List.copyOf(skipped);
    warmUps = List.copyOf(warmUps);
    runs = List.copyOf(runs);
    results = List.copyOf(results);
    weights = Map.copyOf(weights);
    Objects.requireNonNull(rankingUpdate, "rankingUpdate");
  }

  /** {@return how long the benchmark took, from {@code startedAt} to {@code finishedAt}} */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /**
   * The results of one task, best first.
   *
   * @param task the task; must not be null
   * @return the task's results ordered by rank; empty if the task did not run
   * @throws NullPointerException if {@code task} is null
   */
  public List<TaskModelResult> results(TaskType task) {
    Objects.requireNonNull(task, "task");
    return results.stream()
        .filter(r -> r.task().equals(task))
        .sorted(Comparator.comparingInt(TaskModelResult::rank))
        .toList();
  }

  /**
   * The result of one model on one task, if it ran.
   *
   * @param task the task; must not be null
   * @param model the model name; must not be null
   * @return the model's result on the task, or empty if it did not run on that task
   * @throws NullPointerException if {@code task} or {@code model} is null
   */
  public Optional<TaskModelResult> result(TaskType task, String model) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    return results.stream()
        .filter(r -> r.task().equals(task) && r.model().equals(model))
        .findFirst();
  }
}
