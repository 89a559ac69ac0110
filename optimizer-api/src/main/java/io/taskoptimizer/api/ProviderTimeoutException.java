package io.taskoptimizer.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call to a provider ran out of time in one of its phases. Retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ProviderTimeoutException extends RetriableException {

  private static final long serialVersionUID = 1L;

  /** Which time budget ran out. Immutable (an enum), so thread-safe. */
  public enum Phase {
    /** Opening the connection. */
    CONNECT,
    /** Waiting for the first byte (for Ollama this includes loading a cold model). */
    FIRST_BYTE,
    /** Waiting for the next line of a stream. */
    IDLE,
    /** The overall budget of the call. */
    OVERALL
  }

  private final Phase phase;
  private final Duration limit;

  /**
   * @param phase which budget ran out
   * @param limit the budget
   * @param message what happened and what to do
   * @param cause the cause, may be null
   */
  public ProviderTimeoutException(
      Phase phase, Duration limit, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.phase = Objects.requireNonNull(phase, "phase");
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /**
   * Which budget ran out.
   *
   * @return the phase whose budget ran out
   */
  public Phase phase() {
    return phase;
  }

  /**
   * The budget that ran out.
   *
   * @return the budget of that phase
   */
  public Duration limit() {
    return limit;
  }
}
