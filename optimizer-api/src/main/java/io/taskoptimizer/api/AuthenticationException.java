package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * The provider or a proxy in front of it refused the credentials (HTTP 401 or 403). Not retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class AuthenticationException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that says what happened and what to do.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public AuthenticationException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public AuthenticationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
