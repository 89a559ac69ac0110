package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;

/**
 * The simulator's quality assessor: reads the noisy true quality that {@link SimProvider} wrote
 * into the answer ({@code quality=0.734}), the way a real assessor would measure an answer with
 * some error.
 */
final class SimAssessor implements QualityAssessor {

  static final String PREFIX = "quality=";

  @Override
  public String id() {
    return "simulated-quality";
  }

  @Override
  public boolean supports(TaskType task) {
    return !task.id().equals(SimProvider.JUDGE_TASK); // the judge's own answers are verdicts
  }

  @Override
  public QualityScore assess(AssessmentInput input) {
    String out = input.output();
    if (!out.startsWith(PREFIX)) {
      return QualityScore.of(0.0);
    }
    int end = out.indexOf(' ');
    return QualityScore.of(
        Double.parseDouble(out.substring(PREFIX.length(), end < 0 ? out.length() : end)));
  }
}
