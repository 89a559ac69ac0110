package io.taskoptimizer.api;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The provider failed on its side: an HTTP 5xx, or an error reported in the middle of a streamed
 * answer. Retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ProviderServerException extends RetriableException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /**
   * @param statusCode the HTTP status, or 0 when the error arrived inside a 200 stream
   * @param message what happened and what to do
   * @param cause the cause, may be null
   */
  public ProviderServerException(int statusCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /**
   * The HTTP status, empty when the error arrived in the middle of a stream.
   *
   * @return the status code, or empty when there was none
   */
  public OptionalInt statusCode() {
    return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
  }
}
