package io.taskoptimizer.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@code TaskOptimizer.execute}: which model ran, what it produced, how long it took
 * and how good it was judged to be.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param model the model that ran
 * @param provider the id of the provider that ran it
 * @param generation the provider's result, with all its metrics
 * @param wallTime wall time measured by the optimizer around the provider call (the provider's own
 *     report of the generation time instead, when the optimizer was built with {@code
 *     serverReportedTimes(true)} and the provider reported one)
 * @param quality the combined quality score, when at least one assessor applies to the task
 * @param selection how the model was chosen; empty when the caller forced the model
 */
public record ExecutionResult(
    TaskType task,
    String model,
    String provider,
    GenerationResult generation,
    Duration wallTime,
    Optional<QualityScore> quality,
    Optional<ModelSelection> selection) {

  /** Validates. */
  public ExecutionResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(selection, "selection");
  }

  /** The generated text. */
  public String text() {
    return generation.text();
  }

  /** Client-measured time to the first token, where the provider streamed. */
  public Optional<Duration> timeToFirstToken() {
    return generation.timeToFirstToken();
  }

  /** A summary without the text, so it is safe to log. */
  @Override
  public String toString() {
    return "ExecutionResult[task="
        + task
        + ", model="
        + model
        + ", wallTime="
        + wallTime
        + ", quality="
        + quality.map(q -> String.valueOf(q.score())).orElse("n/a")
        + "]";
  }
}
