package io.taskoptimizer.core;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test assessor with a fixed score for the tasks it supports; remembers its inputs. */
final class FixedAssessor implements QualityAssessor {

  private final String id;
  private final double score;
  private final Set<TaskType> tasks;
  final List<AssessmentInput> inputs = new CopyOnWriteArrayList<>();

  FixedAssessor(String id, double score, TaskType... tasks) {
    this.id = id;
    this.score = score;
    this.tasks = Set.of(tasks);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean supports(TaskType task) {
    return tasks.contains(task);
  }

  @Override
  public QualityScore assess(AssessmentInput input) {
    inputs.add(input);
    return new QualityScore(score, Map.of("part", score), List.of("fixed " + score));
  }
}
