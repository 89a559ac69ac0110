package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the CLI writes and what it knows about its surroundings. Tests build one over string
 * writers and a fixed environment; {@link #system()} is the real process.
 *
 * @param out standard output (results, tables, JSON)
 * @param err standard error (the one-line error message, notes)
 * @param env the environment variables the CLI reads ({@code OLLAMA_HOST}, {@code TERM}, ...)
 * @param ansi whether {@code out} is an interactive terminal that understands ANSI escapes
 * @param interactive whether {@code out} is a terminal (a person watches it), even one without
 *     colours; answers are streamed token by token only then
 *
 * <p>Both writers are wrapped in a {@link SafeWriter}, so that control characters in data (model
 * names, posting titles, answers) never reach the terminal raw.
 */
record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean ansi, boolean interactive) {

  Terminal {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    out = new PrintWriter(new SafeWriter(out, ansi), true);
    err = new PrintWriter(new SafeWriter(err, ansi), true);
  }

  /** A terminal that is interactive exactly when it understands ANSI escapes. */
  Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean ansi) {
    this(out, err, env, ansi, ansi);
  }

  /** The process's stdout/stderr; ANSI only on a real terminal that is not "dumb" and without NO_COLOR. */
  static Terminal system() {
    Map<String, String> env = System.getenv();
    boolean interactive = System.console() != null;
    boolean ansi = interactive
        && !"dumb".equals(env.getOrDefault("TERM", "dumb"))
        && !env.containsKey("NO_COLOR");
    return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true), env, ansi,
        interactive);
  }

  /** An environment variable, empty when unset or blank. */
  Optional<String> getenv(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
