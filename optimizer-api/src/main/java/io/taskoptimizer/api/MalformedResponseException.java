package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with something that is not its protocol (e.g. a body that is not JSON). Not
 * retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class MalformedResponseException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that says what happened and what to do.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public MalformedResponseException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public MalformedResponseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
