package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.util.List;

/**
 * A decision-quality scenario: the hidden truth of a simulated fleet, what the rankings file says
 * at the start, and the noise of the observations.
 *
 * @param name a short id
 * @param description one line for the report
 * @param tasks the tasks; calls go to them in turn (call i runs task {@code i % tasks.size()})
 * @param models the fleet
 * @param rankings the rankings file at the start, per task (same order as {@code tasks})
 * @param calls how many calls a run makes
 * @param qualityNoise standard deviation of the assessor's score around the true quality
 * @param latencySigma standard deviation of log warm latency
 * @param coldLoadProbability probability that a call starts with a cold load
 * @param coldLoadSeconds the cold load time, reported by the provider as load time
 * @param stallProbability probability of a stall (a host pause the provider does not report)
 * @param stallFactor how much a stall multiplies the warm latency
 */
record Scenario(
    String name,
    String description,
    List<TaskType> tasks,
    List<SimModel> models,
    List<List<RankedModel>> rankings,
    int calls,
    double qualityNoise,
    double latencySigma,
    double coldLoadProbability,
    double coldLoadSeconds,
    double stallProbability,
    double stallFactor) {

  Scenario {
    tasks = List.copyOf(tasks);
    models = List.copyOf(models);
    rankings = rankings.stream().map(List::copyOf).toList();
    if (rankings.size() != tasks.size()) {
      throw new IllegalArgumentException("one ranking per task");
    }
  }

  Scenario withCalls(int n) {
    return new Scenario(
        name,
        description,
        tasks,
        models,
        rankings,
        n,
        qualityNoise,
        latencySigma,
        coldLoadProbability,
        coldLoadSeconds,
        stallProbability,
        stallFactor);
  }

  /** The fastest true median latency of the fleet: the reference of the true speed scale. */
  double fastestLatency() {
    return models.stream().mapToDouble(SimModel::latencySeconds).min().orElseThrow();
  }

  /**
   * The true expected utility of a model for a task at a step: {@code (1 - failureRate) * (wq *
   * quality + ws * fastest / latency)}. A failed call is worth nothing; speed is the true median
   * warm latency on a fixed scale (the fleet's fastest is 1.0).
   */
  double utility(SimModel m, int task, int step) {
    var w = tasks.get(task).defaultWeights();
    return (1 - m.failureRate())
        * (w.quality() * m.qualityAt(task, step)
            + w.speed() * fastestLatency() / m.latencySeconds());
  }

  /** The index of the model with the highest true utility among those served at the step. */
  int oracle(int task, int step) {
    int best = -1;
    double bestU = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < models.size(); i++) {
      SimModel m = models.get(i);
      if (m.servedAt(step)) {
        double u = utility(m, task, step);
        if (u > bestU) {
          bestU = u;
          best = i;
        }
      }
    }
    return best;
  }
}
