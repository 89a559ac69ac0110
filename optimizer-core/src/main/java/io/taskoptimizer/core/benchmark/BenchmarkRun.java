package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.TaskType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One generation of a benchmark: a model on a sample, one repeat.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param model the model
 * @param sampleId the sample's id
 * @param repeat 1-based repeat number
 * @param success whether the generation succeeded
 * @param latency wall time of the call, measured by the optimizer (warm-up excluded); present on
 *     success
 * @param timeToFirstToken time to the first generated text, when the provider streamed
 * @param quality the combined quality score, when an assessor applied
 * @param truncated whether generation stopped at the token limit
 * @param completionTokens tokens generated, when reported
 * @param error the failure as {@code ExceptionType: message}, when it failed
 */
public record BenchmarkRun(
    TaskType task,
    String model,
    String sampleId,
    int repeat,
    boolean success,
    Optional<Duration> latency,
    Optional<Duration> timeToFirstToken,
    OptionalDouble quality,
    boolean truncated,
    OptionalInt completionTokens,
    Optional<String> error) {

  /**
   * Validates the components.
   *
   * @param task the task; must not be null
   * @param model the model; must not be null
   * @param sampleId the sample's id; must not be null
   * @param repeat 1-based repeat number
   * @param success whether the generation succeeded
   * @param latency wall time of the call, or empty when it failed; must not be null
   * @param timeToFirstToken time to the first generated text, or empty when the provider did not
   *     stream; must not be null
   * @param quality the combined quality score, or empty when no assessor applied; must not be null
   * @param truncated whether generation stopped at the token limit
   * @param completionTokens tokens generated, or empty when not reported; must not be null
   * @param error the failure as {@code ExceptionType: message}, or empty when it succeeded; must
   *     not be null
   * @throws NullPointerException if a reference component is null
   */
  public BenchmarkRun {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(completionTokens, "completionTokens");
    Objects.requireNonNull(error, "error");
  }
}
