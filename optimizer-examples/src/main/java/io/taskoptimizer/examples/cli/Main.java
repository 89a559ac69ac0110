package io.taskoptimizer.examples.cli;

import picocli.CommandLine;

/**
 * Entry point of {@code taskopt}, the command-line counterpart of the original Python scripts. Run
 * {@code taskopt --help} for the commands; {@link ExitCodes} lists the exit codes.
 */
public final class Main {

  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  /** Runs the CLI and exits the JVM with its exit code. */
  public static void main(String[] args) {
    configureLogging(args);
    int code = run(Terminal.system(), args);
    System.exit(code);
  }

  /** Runs the CLI in this JVM and returns its exit code (tests call this). */
  static int run(Terminal terminal, String... args) {
    int code = commandLine(terminal).execute(args);
    terminal.out().flush();
    terminal.err().flush();
    return code;
  }

  /** The configured command tree writing to the given terminal. */
  static CommandLine commandLine(Terminal given) {
    // stdout is tracked so that a failing --json command that already printed its own JSON
    // document does not get a second one (the error object) after it
    java.util.concurrent.atomic.AtomicBoolean stdoutUsed =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.io.Writer tracking =
        new java.io.FilterWriter(given.out()) {
          @Override
          public void write(int c) throws java.io.IOException {
            stdoutUsed.set(true);
            super.write(c);
          }

          @Override
          public void write(char[] cbuf, int off, int len) throws java.io.IOException {
            stdoutUsed.set(len > 0 || stdoutUsed.get());
            super.write(cbuf, off, len);
          }

          @Override
          public void write(String str, int off, int len) throws java.io.IOException {
            stdoutUsed.set(len > 0 || stdoutUsed.get());
            super.write(str, off, len);
          }
        };
    Terminal terminal =
        new Terminal(
            new java.io.PrintWriter(tracking, true),
            given.err(),
            given.env(),
            given.ansi(),
            given.interactive());
    CommandLine cmd = new CommandLine(new TaskoptCommand(terminal));
    cmd.setOut(terminal.out());
    cmd.setErr(terminal.err());
    cmd.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            terminal.ansi() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    ErrorHandler handler = new ErrorHandler(terminal, stdoutUsed::get);
    cmd.setExecutionExceptionHandler(handler);
    cmd.setParameterExceptionHandler(handler);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd;
  }

  /**
   * The library logs through SLF4J; the CLI prints its own messages, so library logging is quiet
   * (errors only) unless {@code --verbose} is given. Must run before the first logger is created.
   */
  private static void configureLogging(String[] args) {
    if (System.getProperty(LOG_LEVEL_PROPERTY) != null) {
      return;
    }
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--verbose") || a.equals("-v")) {
        verbose = true;
      }
    }
    System.setProperty(LOG_LEVEL_PROPERTY, verbose ? "info" : "error");
  }
}
