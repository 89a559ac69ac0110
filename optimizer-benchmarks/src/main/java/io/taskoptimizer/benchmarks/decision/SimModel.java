package io.taskoptimizer.benchmarks.decision;

import java.util.Arrays;
import java.util.List;

/**
 * One simulated model with its hidden truth.
 *
 * @param name the model name the simulated provider serves
 * @param quality the true mean quality per task of the scenario (index = task index), 0..1;
 *     unmodifiable
 * @param latencySeconds the true median warm latency in seconds
 * @param failureRate the true probability that a call fails
 * @param appearsAt the scenario step at which the provider starts serving the model (0 = from the
 *     start)
 * @param dropAt the step from which the model's quality is lower by {@code dropBy} (-1 = never)
 * @param dropBy how much the quality drops at {@code dropAt}
 */
record SimModel(
    String name,
    List<Double> quality,
    double latencySeconds,
    double failureRate,
    int appearsAt,
    int dropAt,
    double dropBy) {

  SimModel {
    quality = List.copyOf(quality);
  }

  static SimModel of(String name, double quality, double latencySeconds, double failureRate) {
    return new SimModel(name, List.of(quality), latencySeconds, failureRate, 0, -1, 0);
  }

  static SimModel of(String name, double[] quality, double latencySeconds, double failureRate) {
    return new SimModel(
        name, Arrays.stream(quality).boxed().toList(), latencySeconds, failureRate, 0, -1, 0);
  }

  SimModel appearingAt(int step) {
    return new SimModel(name, quality, latencySeconds, failureRate, step, dropAt, dropBy);
  }

  SimModel droppingAt(int step, double by) {
    return new SimModel(name, quality, latencySeconds, failureRate, appearsAt, step, by);
  }

  /** The true mean quality for a task at a step. */
  double qualityAt(int task, int step) {
    double q = quality.get(task);
    return dropAt >= 0 && step >= dropAt ? Math.max(0, q - dropBy) : q;
  }

  boolean servedAt(int step) {
    return step >= appearsAt;
  }

  @Override
  public String toString() {
    return name + quality + " " + latencySeconds + "s f=" + failureRate;
  }
}
