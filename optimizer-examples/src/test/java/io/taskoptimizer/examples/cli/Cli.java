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

  /** Runs with an environment without OLLAMA_HOST, on a non-terminal. */
  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false);
    int code = Main.run(terminal, args);
    return new Result(code, out.toString(), err.toString());
  }
}
