package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.consensus.InvalidPostingException;
import io.taskoptimizer.core.OptimizerStores;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one clear line on stderr and a documented exit code ({@link ExitCodes});
 * the stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final Terminal terminal;

  private final java.util.function.BooleanSupplier stdoutUsed;

  ErrorHandler(Terminal terminal) {
    this(terminal, () -> false);
  }

  /**
   * {@code stdoutUsed}: whether the command already printed to stdout (then no JSON error object
   * follows).
   */
  ErrorHandler(Terminal terminal, java.util.function.BooleanSupplier stdoutUsed) {
    this.terminal = terminal;
    this.stdoutUsed = stdoutUsed;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String help = cmd.getCommandSpec().qualifiedName() + " --help";
    String message = ex.getMessage();
    if (ex instanceof UnmatchedArgumentException u
        && cmd.getParent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      // "Unmatched argument at index 0" says nothing to someone who mistyped a command
      List<String> similar = u.getSuggestions();
      message =
          "Unknown command '"
              + u.getUnmatched().get(0)
              + "'"
              + (similar.isEmpty()
                  ? ""
                  : "; did you mean '" + similar.get(0) + "'?"); // the closest first
      print(
          message + " (see '" + help + "' for the list of commands)",
          ex,
          Arrays.asList(args).contains("--verbose"),
          jsonRequested(args),
          ExitCodes.USAGE);
      return ExitCodes.USAGE;
    }
    print(
        message + " (see '" + help + "')",
        ex,
        Arrays.asList(args).contains("--verbose"),
        jsonRequested(args),
        ExitCodes.USAGE);
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    boolean verbose = verbose(cmd);
    int code = exitCode(ex);
    print(message(ex, cmd), ex, verbose, root(cmd).json(), code);
    return code;
  }

  private static boolean jsonRequested(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--json")) {
        return true;
      }
    }
    return false;
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

  private static @Nullable String message(Exception ex, CommandLine cmd) {
    if (ex instanceof CliException || ex instanceof ParameterException) {
      return ex.getMessage();
    }
    if (ex instanceof ProviderUnavailableException) {
      return Ollama.unreachableMessage(Ollama.display(root(cmd).ollamaUrl()), ex);
    }
    if (ex instanceof ProviderTimeoutException t) {
      return timeoutMessage(t, root(cmd));
    }
    if (ex instanceof TaskOptimizerException) {
      return ex.getMessage();
    }
    if (ex instanceof UnsupportedOperationException) {
      return "This command needs a part of the library that is not implemented yet ("
          + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
          + "); run with --verbose to see where";
    }
    return "Unexpected "
        + ex.getClass().getSimpleName()
        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
        + " (run again with --verbose for the stack trace)";
  }

  /** A timeout, with the CLI option that changes it (not the library setting). */
  private static String timeoutMessage(ProviderTimeoutException t, TaskoptCommand root) {
    String limit = Style.duration(t.limit()).replace(".00 s", " s");
    return switch (t.phase()) {
      case CONNECT ->
          "Could not connect to Ollama at "
              + Ollama.display(root.ollamaUrl())
              + " within "
              + limit
              + "; check that it is running and reachable (--ollama URL or OLLAMA_HOST)";
      case IDLE ->
          "The model stopped sending its answer for "
              + limit
              + "; the model or Ollama may be stuck."
              + " Try again, or check the server with 'ollama ps'";
      default ->
          "The model call did not finish within "
              + limit
              + " (--timeout "
              + root.timeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
              + "). A cold start of a large model can take"
              + " minutes: raise the limit with --timeout DURATION (e.g. --timeout 15m), or pick a smaller model";
    };
  }

  private void print(
      @Nullable String message, Throwable ex, boolean verbose, boolean json, int exitCode) {
    String line =
        OptimizerStores.redact(Ollama.inOllamaWords(withoutErrorPrefix(oneLine(message))));
    PrintWriter err = terminal.err();
    err.println("taskopt: error: " + line);
    if (verbose) {
      java.io.StringWriter trace = new java.io.StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(OptimizerStores.redact(trace.toString()));
    }
    err.flush();
    if (json && !stdoutUsed.getAsBoolean()) {
      // a script reading --json output gets a JSON document on stdout whatever happened (one: a
      // command that printed its own, e.g. extract's results with their errors, keeps it alone)
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", line);
      error.put("exit_code", exitCode);
      Json.print(terminal.out(), Map.of("error", error));
    }
  }

  /**
   * The message without a leading "Error:" of its own, so that it never reads "error: Error: ...".
   */
  static String withoutErrorPrefix(String message) {
    String m = message;
    while (m.regionMatches(true, 0, "error:", 0, 6)) {
      m = m.substring(6).strip();
    }
    return m.isEmpty() ? message : m;
  }

  /** Collapses a multi-line message into one line. */
  static String oneLine(@Nullable String message) {
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
