package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure that repeats until something changes: an unknown model, an invalid request.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class NonRetriableException extends TaskOptimizerException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public NonRetriableException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public NonRetriableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
