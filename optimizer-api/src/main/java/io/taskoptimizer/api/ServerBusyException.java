package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * The provider is overloaded or rate-limits the caller (HTTP 503 or 429). Retriable after a
 * backoff.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ServerBusyException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that says what happened and what to do.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public ServerBusyException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public ServerBusyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
