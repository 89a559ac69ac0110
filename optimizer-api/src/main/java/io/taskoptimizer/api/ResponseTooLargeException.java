package io.taskoptimizer.api;

/**
 * A provider's answer exceeded a size limit (the generated text, one line of a stream, or a listing
 * such as the model list), so reading stopped before it could exhaust memory. Not retriable: the
 * same call would exceed the limit again. The message names the limit and the setting that raises
 * it.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ResponseTooLargeException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * @param limit the limit that was exceeded (in the unit the message names)
   * @param message what was too large, the limit and the setting that raises it
   */
  public ResponseTooLargeException(long limit, String message) {
    super(message);
    this.limit = limit;
  }

  /**
   * The limit that was exceeded, in the unit the message names (characters or bytes).
   *
   * @return the limit
   */
  public long limit() {
    return limit;
  }
}
