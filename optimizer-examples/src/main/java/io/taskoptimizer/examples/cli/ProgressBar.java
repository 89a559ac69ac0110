package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress display for long runs. On an ANSI terminal it redraws one line in place ({@code
 * [#######.............] 7/20 35% 0:12 detail}), never wider than the terminal (one column less, so
 * the cursor never wraps and every redraw overwrites the same line); elsewhere (pipes, files, CI
 * logs) it prints one plain line per completed step, so logs stay readable. Thread-safe: listeners
 * may call it from several worker threads.
 */
final class ProgressBar {

  private static final int WIDTH = 28;
  private static final int MIN_WIDTH = 10;
  private static final int MAX_DETAIL = 60;

  private final PrintWriter out;
  private final boolean ansi;
  private final String label;
  private final LongSupplier nanoTime;
  private final int columns;
  private final long start;
  private int total;
  private int done;
  private boolean drawn;

  ProgressBar(PrintWriter out, boolean ansi, String label, int total) {
    this(out, ansi, label, total, Terminal.DEFAULT_COLUMNS, System::nanoTime);
  }

  ProgressBar(PrintWriter out, boolean ansi, String label, int total, int columns) {
    this(out, ansi, label, total, columns, System::nanoTime);
  }

  ProgressBar(PrintWriter out, boolean ansi, String label, int total, LongSupplier nanoTime) {
    this(out, ansi, label, total, Terminal.DEFAULT_COLUMNS, nanoTime);
  }

  ProgressBar(
      PrintWriter out, boolean ansi, String label, int total, int columns, LongSupplier nanoTime) {
    this.out = out;
    this.columns = Math.max(20, Math.min(columns, 1000));
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

  /**
   * Records progress: {@code done} of the total steps are complete; {@code detail} says what just
   * happened.
   */
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
      out.println(TextWidth.shorten(label + ": " + summary + " (" + elapsed() + ")", columns));
    }
    out.flush();
  }

  /** The bar line (without control characters), at most one column narrower than the terminal. */
  String render(String detail) {
    int room = columns - 1;
    String tail = "] " + counter() + "  " + elapsed();
    String head = label + " [";
    String d = detail == null || detail.isBlank() ? "" : detail.replaceAll("\\s+", " ");
    // the bar gives way first (down to MIN_WIDTH), leaving up to 20 columns for the detail
    int fixed = head.length() + tail.length();
    int barWidth =
        Math.max(
            MIN_WIDTH,
            Math.min(WIDTH, room - fixed - Math.min(20, d.isEmpty() ? 0 : d.length() + 2)));
    int filled = total == 0 ? 0 : (int) Math.round((double) barWidth * done / total);
    filled = Math.min(barWidth, filled);
    StringBuilder sb = new StringBuilder();
    sb.append(head).append("#".repeat(filled)).append(".".repeat(barWidth - filled)).append(tail);
    int left = Math.min(MAX_DETAIL, room - sb.length() - 2);
    if (!d.isEmpty() && left >= 4) {
      sb.append("  ").append(TextWidth.shorten(d, left));
    }
    return TextWidth.shorten(sb.toString(), room);
  }

  private String plain(String detail) {
    return TextWidth.shorten("  [" + counter() + "] " + (detail == null ? "" : detail), columns);
  }

  private String counter() {
    int w = String.valueOf(Math.max(total, done)).length();
    String pct =
        total == 0 ? "" : String.format(Locale.ROOT, " %3d%%", Math.round(100.0 * done / total));
    return String.format(Locale.ROOT, "%" + w + "d/%d", done, total) + pct;
  }

  private String elapsed() {
    long s = Math.max(0, (nanoTime.getAsLong() - start) / 1_000_000_000L);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
