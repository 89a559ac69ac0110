package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;

/**
 * Text styling (picocli's {@link Ansi.Style} codes, so the CLI styles text exactly as its help
 * does) and the small layout conventions of the CLI's human-readable output.
 */
final class Style {

  private final boolean ansi;
  private final int columns;

  Style(boolean ansi) {
    this(ansi, Terminal.DEFAULT_COLUMNS);
  }

  Style(boolean ansi, int columns) {
    this.ansi = ansi;
    this.columns = columns;
  }

  /** The style for a terminal: its ANSI support and width. */
  static Style of(Terminal terminal) {
    return new Style(terminal.ansi(), terminal.columns());
  }

  boolean ansi() {
    return ansi;
  }

  /** The width lines must fit in. */
  int columns() {
    return columns;
  }

  String bold(String s) {
    return wrap(Ansi.Style.bold, s);
  }

  String dim(String s) {
    return wrap(Ansi.Style.faint, s);
  }

  String green(String s) {
    return wrap(Ansi.Style.fg_green, s);
  }

  String yellow(String s) {
    return wrap(Ansi.Style.fg_yellow, s);
  }

  String red(String s) {
    return wrap(Ansi.Style.fg_red, s);
  }

  private String wrap(Ansi.Style style, String s) {
    // reset rather than style.off(): picocli's "bold off" (SGR 21) is double underline on some
    // terminals
    return ansi ? style.on() + s + Ansi.Style.reset.on() : s;
  }

  /** A section header: a blank line, then the title underlined. */
  void heading(PrintWriter out, String title) {
    out.println();
    out.println(bold(title));
    out.println("=".repeat(Math.min(columns, TextWidth.of(title))));
  }

  /** Formats a 0..1 score with two decimals. */
  static String score(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Formats a weighted score with three decimals. */
  static String score3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Formats seconds, e.g. {@code 1.234 s} or {@code 87 ms}. */
  static String seconds(double s) {
    return s < 1.0
        ? String.format(Locale.ROOT, "%.0f ms", s * 1000.0)
        : String.format(Locale.ROOT, "%.2f s", s);
  }

  /** Formats a duration. */
  static String duration(java.time.Duration d) {
    return seconds(d.toNanos() / 1e9);
  }

  /** Formats a ratio as a percentage. */
  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100.0);
  }
}
