package io.taskoptimizer.core.internal;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.internal.AssessmentLimits;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the assessors that support a task into one score: the weighted mean of their scores
 * (weight 1.0 unless configured; an assessor with weight 0 is not asked). The breakdown holds each
 * assessor's overall score under its id and its parts under {@code <id>.<part>}; notes are prefixed
 * with the id. An assessor that throws (breaking its contract) is logged once and left out.
 */
public final class CombinedAssessor {

  private static final Logger log = LoggerFactory.getLogger(CombinedAssessor.class);

  private final List<QualityAssessor> assessors;
  private final Map<String, Double> weights;
  private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();

  /**
   * @param assessors the assessors, in order
   * @param weights weights by assessor id; missing ids weigh 1.0
   */
  public CombinedAssessor(List<QualityAssessor> assessors, Map<String, Double> weights) {
    this.assessors = List.copyOf(assessors);
    this.weights = Map.copyOf(weights);
  }

  /** {@return the assessors, in the order they run} */
  public List<QualityAssessor> assessors() {
    return assessors;
  }

  /**
   * The combined score, empty when no assessor with a positive weight supports the task. A huge
   * output is assessed on its first {@value AssessmentLimits#MAX_ASSESSED_CHARS} characters (said
   * in a note).
   *
   * @param full what to assess; its output may have any length (it is capped here)
   * @return the weighted mean of the applicable assessors' scores with their breakdown and notes,
   *     or empty when none applies
   */
  public Optional<QualityScore> assess(AssessmentInput full) {
    AssessmentInput input = AssessmentLimits.capped(full);
    double weighted = 0.0;
    double totalWeight = 0.0;
    double single = Double.NaN;
    int applied = 0;
    Map<String, Double> breakdown = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (QualityAssessor a : assessors) {
      double w = weights.getOrDefault(a.id(), 1.0);
      if (w <= 0.0) {
        continue;
      }
      QualityScore s;
      try {
        if (!a.supports(input.task())) {
          continue;
        }
        s = a.assess(input);
        if (s == null) {
          throw new IllegalStateException("assess() returned null");
        }
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        // the exception's message may quote the output: only its type above DEBUG
        if (reportedFailures.add(a.id())) {
          log.warn(
              "Quality assessor '{}' ({}) failed on an output of {} characters and is left out of the"
                  + " score: {}",
              a.id(),
              a.getClass().getName(),
              full.output().length(),
              e.getClass().getName());
        }
        log.debug("Quality assessor '{}' failed", a.id(), e);
        continue;
      }
      weighted += w * s.score();
      totalWeight += w;
      single = s.score();
      applied++;
      breakdown.put(a.id(), s.score());
      s.breakdown().forEach((k, v) -> breakdown.put(a.id() + "." + k, v));
      for (String note : s.notes()) {
        notes.add(a.id() + ": " + note);
      }
    }
    if (totalWeight == 0.0) {
      return Optional.empty();
    }
    if (AssessmentLimits.capsOutput(full)) {
      notes.add(
          "only the first "
              + AssessmentLimits.MAX_ASSESSED_CHARS
              + " of "
              + full.output().length()
              + " characters were assessed");
    }
    // one assessor: its own score exactly, without the rounding of w * s / w
    double score = applied == 1 ? single : Math.max(0.0, Math.min(1.0, weighted / totalWeight));
    return Optional.of(new QualityScore(score, breakdown, notes));
  }
}
