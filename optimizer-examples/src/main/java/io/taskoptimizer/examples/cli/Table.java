package io.taskoptimizer.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns: numbers right-aligned, text left-aligned. */
final class Table {

  private final String[] headers;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers.clone();
    this.right = new boolean[headers.length];
  }

  /** Right-aligns the given columns (0-based). */
  Table rightAlign(int... columns) {
    for (int c : columns) {
      right[c] = true;
    }
    return this;
  }

  /** Adds a row; {@code null} cells print as empty. */
  Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "Row has "
              + cells.length
              + " cells, table has "
              + headers.length
              + " columns: "
              + Arrays.toString(cells));
    }
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
    }
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /**
   * Prints the header, a rule and the rows, each line starting with {@code indent}. Widths count
   * visible columns (ANSI styling takes none). When the table is wider than the style's {@link
   * Style#columns() columns}, the widest text columns are shortened (cells end in "...").
   */
  void print(PrintWriter out, String indent, Style style) {
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = TextWidth.of(headers[i]);
    }
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], TextWidth.of(r[i]));
      }
    }
    fit(width, style.columns() - TextWidth.of(indent));
    out.println(indent + style.bold(line(headers, width)));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) {
        rule.append("  ");
      }
      rule.append((headers[i].isEmpty() ? " " : "-").repeat(width[i]));
    }
    out.println(indent + rule);
    for (String[] r : rows) {
      out.println(indent + line(r, width));
    }
  }

  /**
   * Narrows the widest text (left-aligned) columns, down to 6 columns each, until the table fits.
   */
  private void fit(int[] width, int room) {
    int total = 2 * (width.length - 1);
    for (int w : width) {
      total += w;
    }
    while (total > room) {
      int widest = -1;
      for (int i = 0; i < width.length; i++) {
        if (!right[i] && width[i] > 6 && (widest < 0 || width[i] > width[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return; // nothing left to narrow: numbers are never cut
      }
      width[widest]--;
      total--;
    }
  }

  private String line(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      String cell = TextWidth.shorten(cells[i], width[i]);
      int pad = width[i] - TextWidth.of(cell);
      boolean last = i == cells.length - 1;
      if (right[i]) {
        sb.append(" ".repeat(pad)).append(cell);
      } else {
        sb.append(cell);
        if (!last) {
          sb.append(" ".repeat(pad));
        }
      }
    }
    return sb.toString();
  }
}
