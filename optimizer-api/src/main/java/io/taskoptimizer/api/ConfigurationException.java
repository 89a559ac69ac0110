package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * Wrong wiring: a missing or broken plugin, duplicate plugin ids, an invalid builder combination,
 * or a config file that cannot be used. Not retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ConfigurationException extends TaskOptimizerException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message.
   *
   * @param message what happened and what to do, as the user will read it
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * With a message and the cause.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public ConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
