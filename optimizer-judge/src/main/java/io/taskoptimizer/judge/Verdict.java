package io.taskoptimizer.judge;

import io.taskoptimizer.api.TaskType;
import java.util.List;
import java.util.Objects;

/**
 * A judge's grade of one output against a {@link Rubric}.
 *
 * <p>{@code score = (mean of the criterion scores - 1) / 9}: a mean of 1 (the lowest grade) is 0, a
 * mean of 10 is 1. Only a verdict that parsed strictly exists; an unparsable answer of the judge is
 * no evidence (there is no verdict), never a zero.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task of the graded output
 * @param model the model whose output was graded
 * @param judge the model that graded it
 * @param score the grade, 0..1 (see above)
 * @param criteria every criterion of the rubric exactly once, in the rubric's order
 * @param rubricHash {@link Rubric#hash()} of the rubric used
 * @param sameFamilyJudge {@code true} when no judge of another family than the graded model was
 *     available, so the judge may favour its own family's output
 * @param cached {@code true} when the verdict came from the cache (same output, same rubric)
 */
public record Verdict(
    TaskType task,
    String model,
    String judge,
    double score,
    List<CriterionScore> criteria,
    String rubricHash,
    boolean sameFamilyJudge,
    boolean cached) {

  /** The grade of one criterion: an integer 1..10 and a one-line reason. */
  public record CriterionScore(String name, int score, String reason) {
    /** Validates. */
    public CriterionScore {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
      if (score < 1 || score > 10) {
        throw new IllegalArgumentException("a criterion score is 1..10, got " + score);
      }
    }
  }

  /** Validates and copies. */
  public Verdict {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(rubricHash, "rubricHash");
    criteria = List.copyOf(criteria);
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be 0..1, got " + score);
    }
  }

  /** {@code (mean - 1) / 9} of the given criterion scores. */
  public static double scoreOf(List<CriterionScore> criteria) {
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("no criterion scores");
    }
    double sum = 0;
    for (CriterionScore c : criteria) {
      sum += c.score();
    }
    return (sum / criteria.size() - 1) / 9.0;
  }

  /** This verdict marked as served from the cache, for another model that gave the same output. */
  Verdict fromCache(String forModel) {
    return new Verdict(task, forModel, judge, score, criteria, rubricHash, sameFamilyJudge, true);
  }
}
