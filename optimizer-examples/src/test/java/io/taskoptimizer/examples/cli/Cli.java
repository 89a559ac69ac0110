package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code taskopt} in this JVM with captured stdout and stderr. */
final class Cli {

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  private Cli() {}

  /**
   * Asserts that no line of the output is wider than {@code columns} visible columns, counting each
   * carriage-return-separated redraw of a progress bar on its own (a wider one would wrap and leave
   * a stale line behind on a real terminal).
   */
  static void assertFits(String output, int columns) {
    for (String line : output.split("\n", -1)) {
      for (String drawn : line.split("\r", -1)) {
        org.assertj.core.api.Assertions.assertThat(TextWidth.of(drawn))
            .as("visible width of: %s", drawn)
            .isLessThanOrEqualTo(columns);
      }
    }
  }

  /** Runs with an environment without OLLAMA_HOST, on a non-terminal. */
  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    return run(env, false, args);
  }

  /** Runs as on an interactive ANSI terminal (colours, a redrawn progress bar). */
  static Result runOnTerminal(Map<String, String> env, String... args) {
    return run(env, true, args);
  }

  private static Result run(Map<String, String> env, boolean ansi, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal =
        new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, ansi);
    int code = Main.run(terminal, args);
    return new Result(code, out.toString(), err.toString());
  }
}
