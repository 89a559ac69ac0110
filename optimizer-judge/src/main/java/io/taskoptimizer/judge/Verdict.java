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

  /**
   * The grade of one criterion: an integer 1..10 and a one-line reason.
   *
   * <p>Immutable (a record of immutable values), so thread-safe.
   *
   * @param name the criterion's name ({@link Rubric.Criterion#name()})
   * @param score the grade, 1 (very poor) to 10 (excellent)
   * @param reason the judge's one-line reason for the grade
   */
  public record CriterionScore(String name, int score, String reason) {
    /**
     * Validates the components.
     *
     * @param name the criterion's name; must not be null
     * @param score the grade; must be 1..10
     * @param reason the judge's reason; must not be null
     * @throws NullPointerException if {@code name} or {@code reason} is null
     * @throws IllegalArgumentException if {@code score} is outside 1..10
     */
    public CriterionScore {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
      if (score < 1 || score > 10) {
        throw new IllegalArgumentException("a criterion score is 1..10, got " + score);
      }
    }
  }

  /**
   * Validates the components and copies the criterion scores.
   *
   * @param task the task of the graded output; must not be null
   * @param model the model whose output was graded; must not be null
   * @param judge the model that graded it; must not be null
   * @param score the grade; must be 0..1 (not NaN)
   * @param criteria every criterion of the rubric exactly once, in the rubric's order (copied);
   *     must not be null nor contain null
   * @param rubricHash {@link Rubric#hash()} of the rubric used; must not be null
   * @param sameFamilyJudge {@code true} when the judge may be of the graded model's family
   * @param cached {@code true} when the verdict came from the cache
   * @throws NullPointerException if a reference component or a criterion score is null
   * @throws IllegalArgumentException if {@code score} is outside 0..1 or NaN
   */
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

  /**
   * The verdict score of the given criterion scores: {@code (mean - 1) / 9}.
   *
   * @param criteria the criterion scores; must not be null nor empty
   * @return the score, 0..1 (0 when every criterion scored 1, 1 when every one scored 10)
   * @throws IllegalArgumentException if {@code criteria} is empty
   */
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
