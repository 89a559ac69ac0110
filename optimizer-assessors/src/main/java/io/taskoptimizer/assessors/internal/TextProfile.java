package io.taskoptimizer.assessors.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural and lexical statistics of a text, computed in one linear pass: words, sentences,
 * paragraphs, list items, headings, lexical variety and repetition.
 */
final class TextProfile {

  /**
   * Window of the moving-average type-token ratio; long enough to be stable, short enough to be
   * independent of text length (plain TTR falls as texts grow).
   */
  static final int MATTR_WINDOW = 50;

  final int words;
  final int proseWords;
  final int sentences;
  final int paragraphs;
  final int proseParagraphs;
  final int listItems;
  final int headings;
  final int nonEmptyLines;
  final int longLines;
  final int duplicateLongLines;

  /**
   * Moving-average type-token ratio over {@link #MATTR_WINDOW} tokens; 1 for shorter texts' TTR.
   */
  final double lexicalVariety;

  private TextProfile(
      int words,
      int proseWords,
      int sentences,
      int paragraphs,
      int proseParagraphs,
      int listItems,
      int headings,
      int nonEmptyLines,
      int longLines,
      int duplicateLongLines,
      double lexicalVariety) {
    this.words = words;
    this.proseWords = proseWords;
    this.sentences = sentences;
    this.paragraphs = paragraphs;
    this.proseParagraphs = proseParagraphs;
    this.listItems = listItems;
    this.headings = headings;
    this.nonEmptyLines = nonEmptyLines;
    this.longLines = longLines;
    this.duplicateLongLines = duplicateLongLines;
    this.lexicalVariety = lexicalVariety;
  }

  /** Average words per sentence of the prose (0 when there is no prose). */
  double averageSentenceLength() {
    return sentences == 0 ? 0 : (double) proseWords / sentences;
  }

  /** Share of long lines that repeat an earlier line verbatim: high in degenerate loops. */
  double duplicateLineRatio() {
    return longLines == 0 ? 0 : (double) duplicateLongLines / longLines;
  }

  static TextProfile of(String text) {
    List<String> lines = Lines.split(text);
    int paragraphs = 0;
    int proseParagraphs = 0;
    int listItems = 0;
    int headings = 0;
    int nonEmpty = 0;
    int proseWords = 0;
    int sentences = 0;
    int longLines = 0;
    int duplicates = 0;
    Set<String> seenLong = new HashSet<>();
    boolean inParagraph = false;
    boolean paragraphHasProse = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        if (inParagraph && paragraphHasProse) {
          proseParagraphs++;
        }
        inParagraph = false;
        paragraphHasProse = false;
        continue;
      }
      nonEmpty++;
      if (!inParagraph) {
        paragraphs++;
        inParagraph = true;
      }
      if (line.length() >= 20) {
        longLines++;
        if (!seenLong.add(line)) {
          duplicates++;
        }
      }
      if (Lines.isHeading(line)) {
        headings++;
      } else if (Lines.isListItem(line)) {
        listItems++;
      } else {
        paragraphHasProse = true;
        int[] ws = wordsAndSentences(line);
        proseWords += ws[0];
        sentences += ws[1];
      }
    }
    if (inParagraph && paragraphHasProse) {
      proseParagraphs++;
    }
    List<String> tokens = Terms.tokens(text);
    int words = 0;
    for (String t : tokens) {
      if (hasLetter(t)) {
        words++;
      }
    }
    return new TextProfile(
        words,
        proseWords,
        sentences,
        paragraphs,
        proseParagraphs,
        listItems,
        headings,
        nonEmpty,
        longLines,
        duplicates,
        movingTypeTokenRatio(tokens));
  }

  /**
   * Words of a prose line and the sentences it ends (a line ending without a stop ends one too).
   */
  private static int[] wordsAndSentences(String line) {
    int words = 0;
    int sentences = 0;
    boolean inWord = false;
    boolean pendingSentence = false;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (!inWord) {
          words++;
          inWord = true;
        }
        pendingSentence = true;
      } else {
        inWord = (c == '\'' || c == '-') ? inWord : false;
        if ((c == '.' || c == '!' || c == '?' || c == '…')
            && pendingSentence
            && (i + 1 == n || Character.isWhitespace(line.charAt(i + 1)))) {
          sentences++;
          pendingSentence = false;
        }
      }
    }
    if (pendingSentence) {
      sentences++;
    }
    return new int[] {words, sentences};
  }

  private static boolean hasLetter(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** MATTR: the mean share of distinct tokens over every window of {@link #MATTR_WINDOW} tokens. */
  static double movingTypeTokenRatio(List<String> tokens) {
    int n = tokens.size();
    if (n == 0) {
      return 0;
    }
    if (n <= MATTR_WINDOW) {
      return (double) new HashSet<>(tokens).size() / n;
    }
    Map<String, Integer> counts = new HashMap<>();
    ArrayDeque<String> window = new ArrayDeque<>();
    int distinct = 0;
    double sum = 0;
    int windows = 0;
    for (String t : tokens) {
      window.addLast(t);
      if (counts.merge(t, 1, Integer::sum) == 1) {
        distinct++;
      }
      if (window.size() > MATTR_WINDOW) {
        String old = window.removeFirst();
        int c = counts.merge(old, -1, Integer::sum);
        if (c == 0) {
          counts.remove(old);
          distinct--;
        }
      }
      if (window.size() == MATTR_WINDOW) {
        sum += (double) distinct / MATTR_WINDOW;
        windows++;
      }
    }
    return sum / windows;
  }
}
