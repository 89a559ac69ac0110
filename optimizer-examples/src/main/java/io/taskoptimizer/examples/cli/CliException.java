package io.taskoptimizer.examples.cli;

import org.jspecify.annotations.Nullable;

/**
 * A failure the CLI reports as one line on stderr with a specific exit code. The message says what
 * went wrong and what to do.
 */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, @Nullable String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, @Nullable String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static CliException usage(@Nullable String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  static CliException input(@Nullable String message) {
    return new CliException(ExitCodes.INPUT, message);
  }

  static CliException input(@Nullable String message, Throwable cause) {
    return new CliException(ExitCodes.INPUT, message, cause);
  }

  static CliException config(@Nullable String message) {
    return new CliException(ExitCodes.CONFIG, message);
  }

  static CliException runtime(@Nullable String message) {
    return new CliException(ExitCodes.RUNTIME, message);
  }

  static CliException runtime(@Nullable String message, Throwable cause) {
    return new CliException(ExitCodes.RUNTIME, message, cause);
  }
}
