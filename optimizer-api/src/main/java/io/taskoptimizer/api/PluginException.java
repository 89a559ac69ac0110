package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * A plugin (an implementation of an SPI in {@code io.taskoptimizer.spi}) broke its contract, for
 * example a {@code SimilarityMetric} that returned a value outside 0..1 or a provider that threw an
 * exception outside its exception contract: a bug in the plugin, not in the call. Not retriable;
 * fix the plugin or report it to its authors. The message names the plugin by its {@code id()}.
 *
 * <p>Not thread-safe to modify (as any {@link Throwable}); safe to read once thrown.
 */
public class PluginException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that names the plugin and says what it did wrong.
   *
   * @param message what the plugin did and what to do
   */
  public PluginException(String message) {
    super(message);
  }

  /**
   * With a message that names the plugin and says what it did wrong, and the original exception.
   *
   * @param message what the plugin did and what to do
   * @param cause the exception the plugin threw
   */
  public PluginException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
