package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.QualityScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects weighted criteria and notes, then produces a {@link QualityScore}: the weighted mean of
 * the criteria that apply, times the negative-signal factor. Criteria that do not apply (no skills
 * were given, no JSON was asked for) are simply not added, so they neither help nor hurt.
 */
final class ScoreSheet {

  private final Map<String, Double> breakdown = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private double weighted;
  private double weights;

  /** Adds a criterion with its weight; the value is clamped to 0..1 (NaN counts as 0). */
  ScoreSheet criterion(String name, double value, double weight) {
    double v = clamp(value);
    breakdown.put(name, v);
    weighted += v * weight;
    weights += weight;
    return this;
  }

  /** Adds a finding for humans. */
  ScoreSheet note(String note) {
    notes.add(note);
    return this;
  }

  /** The weighted mean of the criteria times the signals' factor. */
  QualityScore finish(Signals.Result signals) {
    double base = weights == 0 ? 1.0 : weighted / weights;
    breakdown.put("signals", clamp(signals.factor()));
    notes.addAll(signals.notes());
    return new QualityScore(clamp(base * signals.factor()), breakdown, notes);
  }

  static double clamp(double v) {
    if (!(v > 0)) {
      return 0.0;
    }
    return v > 1 ? 1.0 : v;
  }

  /** The score of an empty output: zero, with every named criterion at zero. */
  static QualityScore empty(List<String> criteria) {
    Map<String, Double> b = new LinkedHashMap<>();
    for (String c : criteria) {
      b.put(c, 0.0);
    }
    b.put("signals", 0.0);
    return new QualityScore(0.0, b, List.of("empty output"));
  }

  /**
   * 1 inside {@code [low, high]}, falling linearly to 0 at 0 below the band and at {@code high * (1
   * + tolerance)} above it.
   */
  static double band(double value, double low, double high, double tolerance) {
    if (value >= low && value <= high) {
      return 1.0;
    }
    if (value < low) {
      return low <= 0 ? 1.0 : clamp(value / low);
    }
    double zeroAt = high * (1 + tolerance);
    return clamp((zeroAt - value) / (zeroAt - high));
  }
}
