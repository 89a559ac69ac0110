package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure that a later attempt of the same call may not have: busy, unreachable, timed out.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class RetriableException extends TaskOptimizerException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public RetriableException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public RetriableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isRetriable() {
    return true;
  }
}
