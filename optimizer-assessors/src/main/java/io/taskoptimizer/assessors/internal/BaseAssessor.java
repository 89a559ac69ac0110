package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.internal.AssessmentLimits;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every built-in assessor shares: an empty or blank output scores 0, the negative signals
 * apply to every task, and {@link #assess} never throws (the SPI contract) even if a criterion has
 * a bug: such a failure is logged and scored neutrally (0.5) rather than blamed on the model.
 */
abstract class BaseAssessor implements QualityAssessor {

  private static final Logger log = LoggerFactory.getLogger(BaseAssessor.class);

  /** Neutral score when an assessor fails internally. */
  static final double NEUTRAL = 0.5;

  /** The names of the criteria, used for the all-zero breakdown of an empty output. */
  abstract List<String> criteria();

  /** Scores a non-blank output; criteria go to the sheet, signals are applied by the caller. */
  abstract void score(AssessmentInput input, ScoreSheet sheet);

  @Override
  public final QualityScore assess(AssessmentInput full) {
    Objects.requireNonNull(full, "input");
    // bounded work whoever calls: a runaway answer is scored on its beginning
    AssessmentInput input = AssessmentLimits.capped(full);
    if (input.output().isBlank()) {
      return ScoreSheet.empty(criteria());
    }
    try {
      ScoreSheet sheet = new ScoreSheet();
      score(input, sheet);
      return sheet.finish(Signals.check(input));
    } catch (RuntimeException | StackOverflowError e) {
      log.warn(
          "Assessor {} failed on an output of {} characters for task {}; scoring it neutrally: {}",
          id(),
          input.output().length(),
          input.task().id(),
          e.toString());
      return new QualityScore(
          NEUTRAL, Map.of(), List.of("assessment failed: " + e.getClass().getSimpleName()));
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id() + "]";
  }
}
