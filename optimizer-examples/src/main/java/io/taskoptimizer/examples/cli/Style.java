package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Text styling and the small layout conventions of the CLI's human-readable output. */
final class Style {

  private static final String RESET = "\u001b[0m";

  private final boolean ansi;

  Style(boolean ansi) {
    this.ansi = ansi;
  }

  boolean ansi() {
    return ansi;
  }

  String bold(String s) {
    return wrap("\u001b[1m", s);
  }

  String dim(String s) {
    return wrap("\u001b[2m", s);
  }

  String green(String s) {
    return wrap("\u001b[32m", s);
  }

  String yellow(String s) {
    return wrap("\u001b[33m", s);
  }

  String red(String s) {
    return wrap("\u001b[31m", s);
  }

  private String wrap(String code, String s) {
    return ansi ? code + s + RESET : s;
  }

  /** A section header: a blank line, then the title underlined. */
  void heading(PrintWriter out, String title) {
    out.println();
    out.println(bold(title));
    out.println("=".repeat(title.codePointCount(0, title.length())));
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
