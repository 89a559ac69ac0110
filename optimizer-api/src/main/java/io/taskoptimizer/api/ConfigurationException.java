package io.taskoptimizer.api;

/**
 * Wrong wiring: a missing or broken plugin, duplicate plugin ids, an invalid builder combination,
 * or a config file that cannot be used. Not retriable.
 */
public class ConfigurationException extends TaskOptimizerException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public ConfigurationException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
