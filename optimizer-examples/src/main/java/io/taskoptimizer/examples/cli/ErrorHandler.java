package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.consensus.InvalidPostingException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one clear line on stderr and a documented exit code ({@link ExitCodes});
 * the stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final Terminal terminal;

  ErrorHandler(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String help = cmd.getCommandSpec().qualifiedName() + " --help";
    print(ex.getMessage() + " (see '" + help + "')", ex, Arrays.asList(args).contains("--verbose"));
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    boolean verbose = verbose(cmd);
    int code = exitCode(ex);
    print(message(ex, cmd), ex, verbose);
    return code;
  }

  /** The exit code for a failure. */
  static int exitCode(Throwable ex) {
    if (ex instanceof CliException c) {
      return c.exitCode();
    }
    if (ex instanceof ParameterException) {
      return ExitCodes.USAGE;
    }
    if (ex instanceof ProviderUnavailableException) {
      return ExitCodes.OLLAMA_UNREACHABLE;
    }
    if (ex instanceof InvalidPostingException) {
      return ExitCodes.INPUT;
    }
    if (ex instanceof ConfigurationException) {
      return ExitCodes.CONFIG;
    }
    return ExitCodes.RUNTIME;
  }

  private static String message(Exception ex, CommandLine cmd) {
    if (ex instanceof CliException || ex instanceof ParameterException) {
      return ex.getMessage();
    }
    if (ex instanceof ProviderUnavailableException) {
      return Ollama.unreachableMessage(root(cmd).ollamaUrl(), ex);
    }
    if (ex instanceof TaskOptimizerException) {
      return ex.getMessage();
    }
    if (ex instanceof UnsupportedOperationException) {
      return "This command needs a part of the library that is not implemented yet ("
          + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
          + "); run with --verbose to see where";
    }
    return "Unexpected " + ex.getClass().getSimpleName()
        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
        + " (run again with --verbose for the stack trace)";
  }

  private void print(String message, Throwable ex, boolean verbose) {
    PrintWriter err = terminal.err();
    err.println("taskopt: error: " + oneLine(message));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
  }

  /** Collapses a multi-line message into one line. */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static boolean verbose(CommandLine cmd) {
    return root(cmd).verbose();
  }

  private static TaskoptCommand root(CommandLine cmd) {
    CommandLine c = cmd;
    while (c.getParent() != null) {
      c = c.getParent();
    }
    return (TaskoptCommand) c.getCommand();
  }
}
