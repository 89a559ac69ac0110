package io.taskoptimizer.assessors.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Line-level helpers: splitting, list markers, headings and labelled lines. All linear time. */
final class Lines {

  private Lines() {}

  /** The lines of a text, without line terminators ({@code \n}, {@code \r\n} or {@code \r}). */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  /**
   * The length of the list marker at the start of a stripped line, or 0 if it is not a list item.
   */
  static int listMarkerLength(String line) {
    if (line.isEmpty()) {
      return 0;
    }
    char c = line.charAt(0);
    if ((c == '-' || c == '*' || c == '+' || c == '•' || c == '·' || c == '▪' || c == '–'
            || c == '◦' || c == '‣' || c == '○' || c == '■' || c == '►' || c == '✓' || c == '✔')
        && line.length() > 1
        && Character.isWhitespace(line.charAt(1))) {
      // "**bold**" and "---" rules are not list items, "- item" is
      return 2;
    }
    int i = 0;
    while (i < line.length() && i < 3 && Character.isDigit(line.charAt(i))) {
      i++;
    }
    if (i == 0
        && line.length() >= 3
        && Character.isLetter(c)
        && (line.charAt(1) == ')' || line.charAt(1) == '.')
        && Character.isWhitespace(line.charAt(2))
        && Character.isLowerCase(c)) {
      return 3; // "a) item"
    }
    if (i > 0
        && i + 1 < line.length()
        && (line.charAt(i) == '.' || line.charAt(i) == ')')
        && Character.isWhitespace(line.charAt(i + 1))) {
      return i + 2;
    }
    return 0;
  }

  /** Whether a stripped line is a list item. */
  static boolean isListItem(String line) {
    return listMarkerLength(line) > 0;
  }

  /** The line without its list marker (the line itself if it has none). */
  static String stripListMarker(String line) {
    int n = listMarkerLength(line);
    return n == 0 ? line : line.substring(n).strip();
  }

  /** Whether a stripped line is a Markdown heading ({@code # Title}). */
  static boolean isMarkdownHeading(String line) {
    int i = 0;
    while (i < line.length() && i < 7 && line.charAt(i) == '#') {
      i++;
    }
    return i >= 1 && i <= 6 && i < line.length() && line.charAt(i) == ' ';
  }

  /**
   * Whether a stripped line looks like a heading: a Markdown heading, a short bold line, or a short
   * line ending in a colon that is not a list item.
   */
  static boolean isHeading(String line) {
    if (line.isEmpty() || line.length() > 80) {
      return false;
    }
    if (isMarkdownHeading(line)) {
      return true;
    }
    if (isListItem(line)) {
      return false;
    }
    if (line.startsWith("**") && line.endsWith("**") && line.length() > 4) {
      return true;
    }
    if (line.endsWith(":") || line.endsWith(":**")) {
      return line.length() <= 60;
    }
    return false;
  }

  /** The heading text without Markdown hashes, bold markers and a trailing colon. */
  static String headingText(String line) {
    String s = line.strip();
    while (s.startsWith("#")) {
      s = s.substring(1);
    }
    s = s.replace("**", "").replace("__", "").strip();
    while (s.endsWith(":")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  /**
   * Splits a {@code Label: value} line (also {@code **Label:** value} and {@code - Label: value})
   * into its label and value, or returns empty when the line has no short label.
   */
  static Optional<String[]> labelled(String line) {
    String s = stripListMarker(line.strip());
    int colon = s.indexOf(':');
    if (colon <= 0 || colon > 40) {
      return Optional.empty();
    }
    String label = s.substring(0, colon).replace("*", "").replace("_", " ").strip();
    String value = s.substring(colon + 1).replace("**", "").strip();
    if (label.isEmpty() || label.length() > 40) {
      return Optional.empty();
    }
    return Optional.of(new String[] {label, value});
  }
}
