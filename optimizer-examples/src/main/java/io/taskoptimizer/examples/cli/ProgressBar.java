package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress display for long runs. On an ANSI terminal it redraws one line in place
 * ({@code [#######.............]  7/20  35%  0:12  detail}); elsewhere (pipes, files, CI logs) it
 * prints one plain line per completed step, so logs stay readable. Thread-safe: listeners may call
 * it from several worker threads.
 */
final class ProgressBar {

  private static final int WIDTH = 28;
  private static final int MAX_DETAIL = 60;

  private final PrintWriter out;
  private final boolean ansi;
  private final String label;
  private final LongSupplier nanoTime;
  private final long start;
  private int total;
  private int done;
  private boolean drawn;

  ProgressBar(PrintWriter out, boolean ansi, String label, int total) {
    this(out, ansi, label, total, System::nanoTime);
  }

  ProgressBar(PrintWriter out, boolean ansi, String label, int total, LongSupplier nanoTime) {
    this.out = out;
    this.ansi = ansi;
    this.label = label;
    this.total = Math.max(0, total);
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  /** Changes the total, e.g. when the runner reports it only once it has planned the work. */
  synchronized void total(int total) {
    this.total = Math.max(0, total);
  }

  /** Records progress: {@code done} of the total steps are complete; {@code detail} says what just happened. */
  synchronized void update(int done, String detail) {
    if (done == this.done && !ansi && drawn) {
      return;
    }
    this.done = Math.max(0, Math.min(done, Math.max(total, done)));
    if (ansi) {
      out.print("\r\u001b[2K" + render(detail));
    } else {
      out.println(plain(detail));
    }
    drawn = true;
    out.flush();
  }

  /** Ends the display: on a terminal the bar line is completed with a newline. */
  synchronized void finish(String summary) {
    if (ansi) {
      out.print("\r\u001b[2K" + render(summary));
      out.println();
    } else {
      out.println(label + ": " + summary + " (" + elapsed() + ")");
    }
    out.flush();
  }

  /** The bar line (without control characters). */
  String render(String detail) {
    int filled = total == 0 ? 0 : (int) Math.round((double) WIDTH * done / total);
    filled = Math.min(WIDTH, filled);
    StringBuilder sb = new StringBuilder();
    sb.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    sb.append(counter()).append("  ").append(elapsed());
    if (detail != null && !detail.isBlank()) {
      sb.append("  ").append(shorten(detail));
    }
    return sb.toString();
  }

  private String plain(String detail) {
    return "  [" + counter() + "] " + (detail == null ? "" : detail);
  }

  private String counter() {
    int w = String.valueOf(Math.max(total, done)).length();
    String pct = total == 0 ? "" : String.format(Locale.ROOT, " %3d%%", Math.round(100.0 * done / total));
    return String.format(Locale.ROOT, "%" + w + "d/%d", done, total) + pct;
  }

  private String elapsed() {
    long s = Math.max(0, (nanoTime.getAsLong() - start) / 1_000_000_000L);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL - 3) + "...";
  }
}
