package io.taskoptimizer.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Visible width of terminal text (ANSI escape sequences take no columns) and a writer that
 * word-wraps every line it is given to the terminal width, so no line of human-readable output is
 * wider than the terminal (80 columns unless {@code COLUMNS} says otherwise).
 */
final class TextWidth {

  /** CSI sequences such as colours ({@code ESC[1m}) and line clearing ({@code ESC[2K}). */
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");

  private TextWidth() {}

  /** The text without ANSI escape sequences. */
  static String strip(String s) {
    return s.indexOf('\u001b') < 0 ? s : ANSI.matcher(s).replaceAll("");
  }

  /** The number of terminal columns the text takes (code points, ANSI sequences excluded). */
  static int of(String s) {
    String plain = strip(s);
    return plain.codePointCount(0, plain.length());
  }

  /**
   * The text cut to {@code width} visible columns, ending in "..." when it was cut (styles are
   * dropped then).
   */
  static String shorten(String s, int width) {
    if (of(s) <= width) {
      return s;
    }
    String plain = strip(s);
    if (width <= 3) {
      return plain.substring(0, plain.offsetByCodePoints(0, Math.max(0, width)));
    }
    return plain.substring(0, plain.offsetByCodePoints(0, width - 3)) + "...";
  }

  /**
   * Word-wraps one line to {@code width} columns. Continuation lines of an indented line (a list
   * item, a "why:" reason) are indented like it plus two spaces, those of prose are not; a word
   * longer than a whole line is broken.
   */
  static List<String> wrap(String line, int width) {
    List<String> out = new ArrayList<>();
    if (of(line) <= width) {
      out.add(line);
      return out;
    }
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    String indent = line.substring(0, lead);
    String hanging = lead > 0 && indent.length() + 2 < width / 2 ? indent + "  " : "";
    StringBuilder cur = new StringBuilder(indent);
    int curWidth = indent.length();
    boolean empty = true;
    // spaces at the end separate no word (as split without a limit dropped them)
    for (String word : line.substring(lead).replaceFirst(" +\\z", "").split(" +", -1)) {
      int w = of(word);
      if (!empty && curWidth + 1 + w > width) {
        out.add(cur.toString());
        cur = new StringBuilder(hanging);
        curWidth = hanging.length();
        empty = true;
      }
      if (empty && curWidth + w > width && word.indexOf('\u001b') < 0) {
        // a word (e.g. a long path) wider than a whole line: break it
        while (curWidth + w > width) {
          int room = Math.max(1, width - curWidth);
          cur.append(word, 0, word.offsetByCodePoints(0, room));
          out.add(cur.toString());
          word = word.substring(word.offsetByCodePoints(0, room));
          w = of(word);
          cur = new StringBuilder(hanging);
          curWidth = hanging.length();
        }
        if (word.isEmpty()) {
          continue;
        }
      }
      if (!empty) {
        cur.append(' ');
        curWidth++;
      }
      cur.append(word);
      curWidth += w;
      empty = false;
    }
    if (!empty || out.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * A writer over {@code out} that passes every complete line through {@link #wrap}. Partial lines
   * are held until their newline (or a flush). Use it for prose and tables, never for JSON or for a
   * progress bar (which redraws its line with carriage returns).
   */
  static PrintWriter wrapping(PrintWriter out, int width) {
    return new PrintWriter(new WrappingWriter(out, width), true);
  }

  private static final class WrappingWriter extends Writer {
    private final PrintWriter out;
    private final int width;
    private final StringBuilder line = new StringBuilder();

    WrappingWriter(PrintWriter out, int width) {
      super(out);
      this.out = out;
      this.width = width;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      synchronized (lock) {
        for (int i = off; i < off + len; i++) {
          char c = cbuf[i];
          if (c == '\n') {
            emitLine();
          } else if (c != '\r') {
            line.append(c);
          }
        }
      }
    }

    private void emitLine() {
      for (String l : wrap(line.toString(), width)) {
        out.println(l);
      }
      line.setLength(0);
    }

    @Override
    public void flush() {
      synchronized (lock) {
        if (line.length() > 0) {
          out.print(line);
          line.setLength(0);
        }
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
