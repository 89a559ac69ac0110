package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * A streamed answer ended before the provider said it was done. Retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class IncompleteResponseException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that says what happened and what to do.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public IncompleteResponseException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public IncompleteResponseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
