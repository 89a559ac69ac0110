package io.taskoptimizer.api;

import org.jspecify.annotations.Nullable;

/**
 * A provider failed outside its exception contract (for example with a {@code
 * NullPointerException}): a bug in the provider plugin. The original exception is the cause. Not
 * retriable; report it to the plugin's authors. A {@link PluginException}, as every plugin bug.
 *
 * <p>Not thread-safe to modify (as any {@link Throwable}); safe to read once thrown.
 */
public class UnexpectedProviderException extends PluginException {

  private static final long serialVersionUID = 1L;

  /**
   * With a message that says what happened and what to do, and the original exception.
   *
   * @param message what happened and what to do, as the user will read it
   * @param cause the underlying error, kept as {@link Throwable#getCause()}
   */
  public UnexpectedProviderException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
