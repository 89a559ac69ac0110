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

  /**
   * Validates the components.
   *
   * @param task the task that was executed; must not be null
   * @param model the model that ran; must not be null
   * @param provider the id of the provider that served it; must not be null
   * @param generation the provider's answer with its metrics; must not be null
   * @param wallTime the client-measured wall time of the execution; must not be null
   * @param quality the assessed quality, or empty when not assessed; must not be null
   * @param selection how the model was chosen, or empty when the request named it; must not be null
   * @throws NullPointerException if any component is null
   */
  public ExecutionResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(selection, "selection");
  }

  /**
   * The generated text.
   *
   * @return the text of {@link #generation()}
   */
  public String text() {
    return generation.text();
  }

  /**
   * Client-measured time to the first token.
   *
   * @return the time, or empty where the provider did not stream or measure it
   */
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
