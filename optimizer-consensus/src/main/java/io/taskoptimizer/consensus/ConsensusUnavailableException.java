package io.taskoptimizer.consensus;

import io.taskoptimizer.api.RetriableException;
import java.util.List;

/**
 * No model of a consensus run produced a valid output, but only for reasons a later attempt may
 * cure: every model call failed with a {@link RetriableException} (a timeout, a busy or unreachable
 * server), or the caller was interrupted or cancelled the run. Each model's failure is attached as
 * a suppressed exception. Try again later; {@link ConsensusFailedException} is the non-retriable
 * counterpart.
 *
 * <p>Not thread-safe to modify (as any {@link Throwable}); safe to read once thrown.
 */
public class ConsensusUnavailableException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   * @param failures the models' failures, attached as suppressed exceptions
   */
  public ConsensusUnavailableException(String message, List<? extends Throwable> failures) {
    super(message);
    failures.forEach(this::addSuppressed);
  }
}
