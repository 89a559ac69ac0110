package io.taskoptimizer.api;

/**
 * The provider rejected the request as invalid (HTTP 400 and similar). Fix the request; not
 * retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class InvalidRequestException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** With a message that says what happened and what to do. */
  public InvalidRequestException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
