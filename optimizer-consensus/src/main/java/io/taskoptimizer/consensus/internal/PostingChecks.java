package io.taskoptimizer.consensus.internal;

import io.taskoptimizer.consensus.InvalidPostingException.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a posting description is fit to be sent to a model. Scrapers leave placeholders
 * behind when a page fails to load ({@code "Position Overview\nError loading full job description.
 * Please refer to the original JSON file..."}); a model would happily "extract" details from such a
 * text, so it is rejected instead.
 */
public final class PostingChecks {

  /** Fewer words than this (after dropping bare headings) is not a job posting. */
  public static final int MIN_WORDS = 10;

  /** Placeholder phrases count only in short texts, so a real posting mentioning one is kept. */
  private static final int PLACEHOLDER_MAX_LENGTH = 600;

  private static final List<String> PLACEHOLDER_PHRASES =
      List.of(
          "error loading",
          "failed to load",
          "could not be loaded",
          "could not load",
          "unable to load",
          "please refer to the original",
          "description not available",
          "no description available",
          "description unavailable",
          "no job description",
          "job description not found",
          "page not found",
          "lorem ipsum",
          "enable javascript",
          "javascript is required",
          "access denied",
          "captcha",
          "konnte nicht geladen",
          "fehler beim laden",
          "keine beschreibung",
          "nicht verfügbar");

  private static final Set<String> PLACEHOLDER_TEXTS =
      Set.of(
          "n/a",
          "na",
          "none",
          "null",
          "nil",
          "tbd",
          "todo",
          "-",
          "--",
          "...",
          "undefined",
          "description",
          "job description",
          "k.a.",
          "k. a.");

  /** Heading lines scrapers put before the text; they carry no content of their own. */
  private static final Set<String> HEADINGS =
      Set.of(
          "position overview",
          "job description",
          "description",
          "role description",
          "overview",
          "stellenbeschreibung",
          "beschreibung",
          "job details",
          "details");

  /** A problem found, with a message fragment that completes "cannot be used: ...". */
  public record Finding(Problem problem, String message) {}

  private PostingChecks() {}

  /**
   * Checks a description.
   *
   * @param description the posting's description; {@code null} counts as missing
   * @return the problem with {@code description}, or empty when it is usable
   */
  public static Optional<Finding> problem(String description) {
    if (description == null || description.isBlank()) {
      return Optional.of(
          new Finding(Problem.MISSING_DESCRIPTION, "its description is missing or empty"));
    }
    StringBuilder substance = new StringBuilder();
    // limit -1 keeps trailing empty lines, which the loop skips like any empty line
    for (String line : description.split("\\R", -1)) {
      String l = line.strip();
      String key =
          l.toLowerCase(Locale.ROOT).replaceAll("[:#*\\s]+$", "").replaceAll("^[#*\\s]+", "");
      if (!l.isEmpty() && !HEADINGS.contains(key)) {
        substance.append(l).append('\n');
      }
    }
    String text = substance.toString().strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.isEmpty() || PLACEHOLDER_TEXTS.contains(lower)) {
      return Optional.of(
          new Finding(
              Problem.PLACEHOLDER_DESCRIPTION,
              "its description holds no text beyond " + quote(description)));
    }
    if (text.length() <= PLACEHOLDER_MAX_LENGTH) {
      for (String phrase : PLACEHOLDER_PHRASES) {
        if (lower.contains(phrase)) {
          return Optional.of(
              new Finding(
                  Problem.PLACEHOLDER_DESCRIPTION,
                  "its description is a placeholder left by a failed download ("
                      + quote(text)
                      + ")"));
        }
      }
    }
    int words = countWords(text);
    if (words < MIN_WORDS) {
      return Optional.of(
          new Finding(
              Problem.TOO_SHORT,
              "its description has only "
                  + words
                  + " word"
                  + (words == 1 ? "" : "s")
                  + " ("
                  + quote(text)
                  + "), fewer than the "
                  + MIN_WORDS
                  + " a job posting needs"));
    }
    return Optional.empty();
  }

  private static int countWords(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean letter = Character.isLetterOrDigit(cp);
      if (letter && !inWord) {
        words++;
      }
      inWord = letter || (inWord && (cp == '-' || cp == '\'' || cp == '.'));
    }
    return words;
  }

  private static String quote(String s) {
    String oneLine = s.strip().replaceAll("\\s+", " ");
    return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine) + "'";
  }
}
