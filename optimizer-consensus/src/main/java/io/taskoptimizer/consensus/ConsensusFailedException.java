package io.taskoptimizer.consensus;

import io.taskoptimizer.api.NonRetriableException;
import java.util.List;

/**
 * No model of a consensus run produced a valid output, and trying again as it is would likely fail
 * again: at least one model answered with blank text or failed for a reason that needs a change
 * first (for example an unknown model). Each model's failure is attached as a suppressed exception.
 * When every failure was one a later attempt may cure, or the caller was interrupted, {@link
 * ConsensusUnavailableException} (a {@link io.taskoptimizer.api.RetriableException}) is thrown
 * instead.
 *
 * <p>Not thread-safe to modify (as any {@link Throwable}); safe to read once thrown.
 */
public class ConsensusFailedException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   * @param failures the models' failures, attached as suppressed exceptions
   */
  public ConsensusFailedException(String message, List<? extends Throwable> failures) {
    super(message);
    failures.forEach(this::addSuppressed);
  }
}
