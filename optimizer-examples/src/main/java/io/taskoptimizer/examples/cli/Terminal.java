package io.taskoptimizer.examples.cli;

import java.io.BufferedWriter;
import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Help;

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
 *     <p>Both writers are wrapped in a {@link SafeWriter}, so that control characters in data
 *     (model names, posting titles, answers) never reach the terminal raw.
 */
record Terminal(
    PrintWriter out, PrintWriter err, Map<String, String> env, boolean ansi, boolean interactive) {

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

  /**
   * The width assumed for a terminal when {@code COLUMNS} does not say (the classic terminal
   * width).
   */
  static final int DEFAULT_COLUMNS = 80;

  /**
   * The "width" of a pipe or file: lines are never wrapped or shortened there, so they stay
   * greppable.
   */
  static final int UNLIMITED = Integer.MAX_VALUE;

  /**
   * The process's stdout/stderr. ANSI as picocli's {@link Help.Ansi#AUTO} decides (an interactive
   * terminal; {@code NO_COLOR} turns it off, {@code CLICOLOR_FORCE} on), and never on a "dumb" or
   * unknown {@code TERM}.
   */
  static Terminal system() {
    Map<String, String> env = System.getenv();
    boolean interactive = isInteractiveTerminal();
    boolean ansi =
        interactive
            && Help.Ansi.AUTO.enabled()
            && !"dumb".equals(env.getOrDefault("TERM", "dumb"))
            && !env.containsKey("NO_COLOR");
    return new Terminal(
        // the platform charset, as the console expects (what PrintWriter(OutputStream) uses)
        new PrintWriter(
            new BufferedWriter(new OutputStreamWriter(System.out, Charset.defaultCharset())), true),
        new PrintWriter(
            new BufferedWriter(new OutputStreamWriter(System.err, Charset.defaultCharset())), true),
        env,
        ansi,
        interactive);
  }

  /**
   * Whether the process runs in an interactive terminal. Before Java 22 that is exactly when there
   * is a {@link System#console()}; from Java 22 on there is one also when the standard streams are
   * redirected, and {@code Console.isTerminal()} (Java 22, so looked up reflectively in this Java
   * 17 code) tells.
   */
  // the null check alone is what the check warns about; here it only decides before Java 22, and
  // isTerminal() decides from Java 22 on
  @SuppressWarnings("SystemConsoleNull")
  private static boolean isInteractiveTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 (no isTerminal()): a console is a terminal
    }
  }

  /**
   * The width lines must fit in: {@code COLUMNS} when it is set to a sensible number (20 to 1000),
   * else {@value #DEFAULT_COLUMNS} on an interactive terminal, else {@link #UNLIMITED} (a pipe or a
   * file). The width is never asked of the terminal itself (that would mean running a command such
   * as {@code stty}); shells set {@code COLUMNS}, and {@code export COLUMNS} passes it on.
   */
  int columns() {
    Optional<String> c = getenv("COLUMNS");
    if (c.isPresent() && c.get().matches("[0-9]{2,4}")) {
      int n = Integer.parseInt(c.get());
      if (n >= 20 && n <= 1000) {
        return n;
      }
    }
    return interactive ? DEFAULT_COLUMNS : UNLIMITED;
  }

  /**
   * Standard output for human-readable text: every line is word-wrapped to {@link #columns()} (left
   * as it is on a pipe or file). Not for JSON and not for the progress bar.
   */
  PrintWriter text() {
    int columns = columns();
    return columns == UNLIMITED ? out : TextWidth.wrapping(out, columns);
  }

  /** An environment variable, empty when unset or blank. */
  Optional<String> getenv(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
