package io.taskoptimizer.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A quality score from 0 (useless) to 1 (excellent), with the named parts it was computed from.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param score the overall score, 0..1
 * @param breakdown named partial scores, each 0..1, in a stable order (e.g. {@code structure},
 *     {@code length}, {@code skills_mentioned})
 * @param notes short human-readable findings, e.g. {@code "chatty preamble: 'Here is'"}
 */
public record QualityScore(double score, Map<String, Double> breakdown, List<String> notes) {

  /**
   * Validates and copies, keeping the breakdown's order.
   *
   * @param score the overall score, in [0, 1]
   * @param breakdown the partial scores by criterion, each in [0, 1] (copied); must not be null nor
   *     contain null keys or values
   * @param notes remarks on the output (copied); must not be null nor contain null
   * @throws IllegalArgumentException if {@code score} or a partial score is outside [0, 1] or NaN
   * @throws NullPointerException if {@code breakdown}, {@code notes}, or one of their keys, values
   *     or elements is null
   */
  public QualityScore {
    checkRange("score", score);
    Objects.requireNonNull(breakdown, "breakdown");
    LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
    breakdown.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "breakdown key");
          Objects.requireNonNull(v, "breakdown value");
          checkRange("breakdown '" + k + "'", v);
          copy.put(k, v);
        });
    breakdown = Collections.unmodifiableMap(copy);
    notes = List.copyOf(notes);
  }

  /**
   * A score with no breakdown and no notes.
   *
   * @param score the overall score, in [0, 1]
   * @return a new score
   * @throws IllegalArgumentException if {@code score} is outside [0, 1] or NaN
   */
  public static QualityScore of(double score) {
    return new QualityScore(score, Map.of(), List.of());
  }

  /**
   * A score with a breakdown and no notes.
   *
   * @param score the overall score, in [0, 1]
   * @param breakdown the partial scores by criterion, each in [0, 1] (copied, keeping its order);
   *     must not be null nor contain null keys or values
   * @return a new score
   * @throws IllegalArgumentException if {@code score} or a partial score is outside [0, 1] or NaN
   * @throws NullPointerException if {@code breakdown} or one of its keys or values is null
   */
  public static QualityScore of(double score, Map<String, Double> breakdown) {
    return new QualityScore(score, breakdown, List.of());
  }

  private static void checkRange(String what, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + v);
    }
  }
}
