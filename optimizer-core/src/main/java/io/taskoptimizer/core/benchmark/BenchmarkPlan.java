package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import java.util.List;

/**
 * What a benchmark is about to run, passed to {@link BenchmarkListener#onStart}.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param models the models that will run, grouped by provider
 * @param tasks the tasks
 * @param skipped requested models that will not run, with the reason
 * @param repeats how often each sample runs per model
 * @param totalRuns the number of generations planned (warm-ups not counted)
 */
public record BenchmarkPlan(
    List<String> models,
    List<TaskType> tasks,
    List<SkippedModel> skipped,
    int repeats,
    int totalRuns) {

  /**
   * Copies the lists, so later changes to the arguments do not show.
   *
   * @param models the models that will run, grouped by provider; must not be null or hold null
   * @param tasks the tasks; must not be null or hold null
   * @param skipped requested models that will not run; must not be null or hold null
   * @param repeats how often each sample runs per model
   * @param totalRuns the number of generations planned (warm-ups not counted)
   * @throws NullPointerException if a list or one of its elements is null
   */
  public BenchmarkPlan {
    models = List.copyOf(models);
    tasks = List.copyOf(tasks);
    skipped = List.copyOf(skipped);
  }
}
