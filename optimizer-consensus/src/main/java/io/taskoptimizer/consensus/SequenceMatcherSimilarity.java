package io.taskoptimizer.consensus;

import io.taskoptimizer.spi.SimilarityMetric;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code sequence-matcher} similarity: {@link SequenceMatcher#ratio()} of the two texts,
 * exactly the number the original Python tool computed with {@code difflib.SequenceMatcher(None, a,
 * b)}.
 *
 * <p>By default the texts are compared as they are, to match the original. Optionally whitespace
 * runs can be collapsed to one space (and the ends stripped), and case can be folded, so that two
 * models that differ only in layout or capitalisation agree. Case folding upper-cases then
 * lower-cases in {@link Locale#ROOT}, so {@code Straße} and {@code STRASSE} compare equal, as with
 * Python's {@code str.casefold()}.
 *
 * <p>Like difflib's ratio this metric is not always symmetric: {@code similarity(a, b)} may differ
 * slightly from {@code similarity(b, a)} for texts of 200 or more code points, because the autojunk
 * heuristic looks at the second text only. Immutable (final settings, no other state), so
 * thread-safe.
 *
 * <p>Registered for {@link java.util.ServiceLoader} under {@link SimilarityMetric} with the default
 * options.
 */
public final class SequenceMatcherSimilarity implements SimilarityMetric {

  /** The metric's name. */
  public static final String NAME = "sequence-matcher";

  private final boolean normalizeWhitespace;
  private final boolean ignoreCase;
  private final boolean autojunk;

  /**
   * The original's behaviour: no normalisation, autojunk on. Used by {@link
   * java.util.ServiceLoader}.
   */
  public SequenceMatcherSimilarity() {
    this(new Builder());
  }

  private SequenceMatcherSimilarity(Builder b) {
    this.normalizeWhitespace = b.normalizeWhitespace;
    this.ignoreCase = b.ignoreCase;
    this.autojunk = b.autojunk;
  }

  /**
   * A builder holding this metric's settings, to derive a changed copy.
   *
   * @return a new builder; changing it does not change this metric
   */
  public Builder toBuilder() {
    return new Builder()
        .normalizeWhitespace(normalizeWhitespace)
        .ignoreCase(ignoreCase)
        .autojunk(autojunk);
  }

  /** {@return a new builder with the defaults (no normalisation, autojunk on)} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@value #NAME}. */
  @Override
  public String id() {
    return NAME;
  }

  /** The {@link SequenceMatcher#ratio()} of the (optionally normalised) texts, in 0..1. */
  @Override
  public double similarity(String a, String b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return new SequenceMatcher(null, normalize(a), normalize(b), autojunk).ratio();
  }

  /** {@return whether whitespace runs are collapsed to a single space and the ends stripped} */
  public boolean normalizeWhitespace() {
    return normalizeWhitespace;
  }

  /** {@return whether case is folded before comparing} */
  public boolean ignoreCase() {
    return ignoreCase;
  }

  /** {@return whether difflib's autojunk heuristic is on} */
  public boolean autojunk() {
    return autojunk;
  }

  private String normalize(String s) {
    String t = s;
    if (normalizeWhitespace) {
      t = collapseWhitespace(t);
    }
    if (ignoreCase) {
      t = t.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
    return t;
  }

  private static String collapseWhitespace(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SequenceMatcherSimilarity[normalizeWhitespace="
        + normalizeWhitespace
        + ", ignoreCase="
        + ignoreCase
        + ", autojunk="
        + autojunk
        + "]";
  }

  /**
   * Builds {@link SequenceMatcherSimilarity} metrics.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private boolean normalizeWhitespace;
    private boolean ignoreCase;
    private boolean autojunk = true;

    private Builder() {}

    /**
     * Collapse whitespace runs (including no-break and other Unicode spaces) and strip the ends.
     * Default off.
     *
     * @param normalizeWhitespace whether to collapse whitespace
     * @return this builder
     */
    public Builder normalizeWhitespace(boolean normalizeWhitespace) {
      this.normalizeWhitespace = normalizeWhitespace;
      return this;
    }

    /**
     * Fold case before comparing. Default off.
     *
     * @param ignoreCase whether to fold case
     * @return this builder
     */
    public Builder ignoreCase(boolean ignoreCase) {
      this.ignoreCase = ignoreCase;
      return this;
    }

    /**
     * difflib's autojunk heuristic. Default on, as in the original.
     *
     * @param autojunk whether to treat popular elements of the second text as junk
     * @return this builder
     */
    public Builder autojunk(boolean autojunk) {
      this.autojunk = autojunk;
      return this;
    }

    /** {@return a new metric with this builder's settings} */
    public SequenceMatcherSimilarity build() {
      return new SequenceMatcherSimilarity(this);
    }
  }
}
