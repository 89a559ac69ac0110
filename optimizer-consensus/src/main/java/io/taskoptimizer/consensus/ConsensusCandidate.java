package io.taskoptimizer.consensus;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.TaskOptimizerException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One model's part in a consensus run: what it produced or why it produced nothing.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model
 * @param rank its position among the selected models, 1 = highest-ranked
 * @param status how the call ended
 * @param output the generated text, present unless the call failed, timed out or was cancelled
 * @param time wall time from starting the call to its end (or to its cancellation)
 * @param error what went wrong, for every status but {@link Status#SUCCEEDED}
 * @param failure the exception behind {@link Status#FAILED} or {@link Status#TIMED_OUT}
 * @param execution the optimizer's full result (metrics, quality score) when the call returned
 */
public record ConsensusCandidate(
    String model,
    int rank,
    Status status,
    Optional<String> output,
    Duration time,
    Optional<String> error,
    Optional<TaskOptimizerException> failure,
    Optional<ExecutionResult> execution) {

  /** How a model's call ended. Immutable and thread-safe, as every enum without state. */
  public enum Status {
    /** A non-blank output: it takes part in comparisons. */
    SUCCEEDED,
    /** The model answered with blank text: never agrees with anything. */
    EMPTY,
    /** The call failed: never agrees with anything. */
    FAILED,
    /** The call ran out of the per-call timeout and was abandoned; recorded as a failure. */
    TIMED_OUT,
    /** Speculatively started and cancelled because the first two models already agreed. */
    CANCELLED
  }

  /**
   * Validates the components.
   *
   * @param model the model name; must not be null
   * @param rank its position among the selected models, 1 = highest-ranked; must be at least 1
   * @param status how the call ended; must not be null
   * @param output the generated text, or empty; must not be null
   * @param time wall time of the call; must not be null
   * @param error what went wrong; present exactly when {@code status} is not {@link
   *     Status#SUCCEEDED}; must not be null
   * @param failure the exception behind a failure or timeout, or empty; must not be null
   * @param execution the optimizer's full result when the call returned, or empty; must not be null
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code rank} is below 1, or {@code error} is present for a
   *     succeeded call or absent for any other
   */
  public ConsensusCandidate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(execution, "execution");
    if (rank < 1) {
      throw new IllegalArgumentException("rank starts at 1, got " + rank);
    }
    if ((status == Status.SUCCEEDED) != error.isEmpty()) {
      throw new IllegalArgumentException(
          "a candidate has an error exactly when it did not succeed");
    }
  }

  /**
   * Whether the output is valid, i.e. may agree with another.
   *
   * @return {@code true} exactly when the call {@link Status#SUCCEEDED}
   */
  public boolean valid() {
    return status == Status.SUCCEEDED;
  }

  /** A summary without the output, so it is safe to log. */
  @Override
  public String toString() {
    return "ConsensusCandidate["
        + rank
        + ". "
        + model
        + ", "
        + status
        + ", "
        + time.toMillis()
        + " ms"
        + output.map(o -> ", " + o.length() + " chars").orElse("")
        + error.map(e -> ", error=" + e).orElse("")
        + "]";
  }
}
