package io.taskoptimizer.api;

/**
 * A streamed answer ended before the provider said it was done. Retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class IncompleteResponseException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /** With a message that says what happened and what to do. */
  public IncompleteResponseException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public IncompleteResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
