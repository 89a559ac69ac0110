package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Task Optimizer throws. Unchecked.
 *
 * <p>Catch {@link RetriableException} for failures a later attempt may cure (a busy or unreachable
 * server, a timeout), {@link NonRetriableException} for failures that need a change first (an
 * unknown model, an invalid request), and {@link ConfigurationException} for wiring and config-file
 * problems. Messages say what to do.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class TaskOptimizerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public TaskOptimizerException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public TaskOptimizerException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying the same call again later may succeed.
   *
   * @return {@code false} here; {@link RetriableException} and its subclasses return {@code true}
   */
  public boolean isRetriable() {
    return false;
  }
}
