package io.taskoptimizer.examples.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * The one place that keeps text from files and servers (model names, posting titles, answers, error
 * messages) from controlling the user's terminal: everything the CLI prints goes through it.
 * Control characters are shown visibly instead of being sent raw ({@code ESC} as {@code ^[}, C1
 * controls and bidirectional overrides as {@code \u009b}-style escapes); only the layout characters
 * {@code \n} and {@code \t} pass. On an ANSI terminal the CLI's own styling also passes: SGR
 * sequences ({@code ESC [ digits ; m}: colour, bold) and the progress bar's {@code \r ESC [ 2K}
 * line redraw. A {@code \r} directly before {@code \n} is dropped.
 */
final class SafeWriter extends Writer {

  private static final char ESC = '\u001b';
  private static final int MAX_SEQUENCE = 16;

  private final Writer target;
  private final boolean ansi;

  /** A possibly allowed sequence that started with {@code \r} or ESC and is not complete yet. */
  private final StringBuilder pending = new StringBuilder();

  SafeWriter(Writer target, boolean ansi) {
    super(target);
    this.target = target;
    this.ansi = ansi;
  }

  /**
   * A text with every control character made visible, for a single value (no layout characters
   * kept).
   */
  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isUnsafe(c) || c == '\n' || c == '\t') {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        sb.append(visible(c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Whether a value holds a character {@link #clean} would change. */
  static boolean hasControlCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isUnsafe(c) || c == '\n' || c == '\t') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    synchronized (lock) {
      StringBuilder out = new StringBuilder(len + 8);
      for (int i = off; i < off + len; i++) {
        accept(cbuf[i], out);
      }
      target.write(out.toString());
    }
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    synchronized (lock) {
      StringBuilder out = new StringBuilder(len + 8);
      for (int i = off; i < off + len; i++) {
        accept(str.charAt(i), out);
      }
      target.write(out.toString());
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      StringBuilder out = new StringBuilder();
      resolvePending(out);
      target.write(out.toString());
      target.flush();
    }
  }

  @Override
  public void close() throws IOException {
    flush();
    target.close();
  }

  private void accept(char c, StringBuilder out) {
    if (pending.length() > 0) {
      pending.append(c);
      Verdict v = verdict(pending);
      if (v == Verdict.ALLOWED) {
        out.append(pending);
        pending.setLength(0);
      } else if (v == Verdict.REFUSED) {
        String seq = pending.toString();
        pending.setLength(0);
        out.append(visible(seq.charAt(0)));
        for (int i = 1; i < seq.length(); i++) {
          accept(seq.charAt(i), out);
        }
      }
      return;
    }
    if (c == '\r' || (c == ESC && ansi)) {
      pending.append(c);
    } else if (isUnsafe(c)) {
      out.append(visible(c));
    } else {
      out.append(c);
    }
  }

  private void resolvePending(StringBuilder out) {
    if (pending.length() == 0) {
      return;
    }
    String seq = pending.toString();
    pending.setLength(0);
    out.append(visible(seq.charAt(0)));
    for (int i = 1; i < seq.length(); i++) {
      accept(seq.charAt(i), out);
    }
    if (pending.length() > 0) {
      resolvePending(out);
    }
  }

  private enum Verdict {
    ALLOWED,
    REFUSED,
    INCOMPLETE
  }

  private Verdict verdict(CharSequence s) {
    if (s.charAt(0) == '\r') {
      if (s.length() == 2 && s.charAt(1) == '\n') {
        // CRLF: keep the line break only (the replacement happens in the caller's output)
        pending.setLength(0);
        pending.append('\n');
        return Verdict.ALLOWED;
      }
      if (!ansi || s.charAt(1) != ESC) {
        return Verdict.REFUSED;
      }
      return redraw(s, 1);
    }
    return sgr(s, 0);
  }

  /** {@code ESC [ 2 K} after a {@code \r}. */
  private static Verdict redraw(CharSequence s, int start) {
    String want = "\u001b[2K";
    int n = s.length() - start;
    for (int i = 0; i < n; i++) {
      if (i >= want.length() || s.charAt(start + i) != want.charAt(i)) {
        return Verdict.REFUSED;
      }
    }
    return n == want.length() ? Verdict.ALLOWED : Verdict.INCOMPLETE;
  }

  /** {@code ESC [ (digit | ;)* m}. */
  private static Verdict sgr(CharSequence s, int start) {
    int n = s.length() - start;
    if (n > MAX_SEQUENCE) {
      return Verdict.REFUSED;
    }
    if (n >= 2 && s.charAt(start + 1) != '[') {
      return Verdict.REFUSED;
    }
    for (int i = 2; i < n; i++) {
      char c = s.charAt(start + i);
      if (c == 'm' && i == n - 1) {
        return Verdict.ALLOWED;
      }
      if (!(c >= '0' && c <= '9') && c != ';') {
        return Verdict.REFUSED;
      }
    }
    return Verdict.INCOMPLETE;
  }

  private static boolean isUnsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return c < 0x20
        || c == 0x7f
        || (c >= 0x80 && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static String visible(char c) {
    if (c == '\n') {
      return "\\n";
    }
    if (c == '\t') {
      return "\\t";
    }
    if (c < 0x20) {
      return "^" + (char) (c + 64);
    }
    if (c == 0x7f) {
      return "^?";
    }
    return String.format("\\u%04x", (int) c);
  }
}
