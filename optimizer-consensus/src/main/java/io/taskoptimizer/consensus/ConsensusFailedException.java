package io.taskoptimizer.consensus;

import io.taskoptimizer.api.TaskOptimizerException;
import java.util.List;

/**
 * No model of a consensus run produced a valid output (all failed, timed out or answered with
 * blank text), or the caller was interrupted while waiting. Each model's failure is attached as a
 * suppressed exception. Retriable when every failure was.
 */
public class ConsensusFailedException extends TaskOptimizerException {

  private static final long serialVersionUID = 1L;

  private final boolean retriable;

  /**
   * @param message what happened and what to do
   * @param failures the models' failures, attached as suppressed exceptions
   * @param retriable whether trying again later may succeed
   */
  public ConsensusFailedException(String message, List<? extends Throwable> failures, boolean retriable) {
    super(message);
    failures.forEach(this::addSuppressed);
    this.retriable = retriable;
  }

  @Override
  public boolean isRetriable() {
    return retriable;
  }
}
