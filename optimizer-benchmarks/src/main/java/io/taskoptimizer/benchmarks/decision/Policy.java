package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.core.SelectionPolicies;
import io.taskoptimizer.core.TaskOptimizer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A policy under test: how the optimizer is configured, and whether calls go through {@code
 * execute} (the product's path: the optimizer picks, runs, times and scores) or through {@code
 * bestModelFor} plus {@code recordFeedback} with the simulated time (the only way to measure a
 * library that timed calls with the wall clock).
 *
 * @param name the id used on the command line and in reports
 * @param configure applied to the builder
 * @param viaExecute whether calls go through {@code execute}
 * @param judgeShare the share of calls a simulated judge model grades (0: no judge)
 * @param judgeWeight how many observations one judge grade counts as
 */
record Policy(
    String name,
    Consumer<TaskOptimizer.Builder> configure,
    boolean viaExecute,
    double judgeShare,
    double judgeWeight) {

  Policy(String name, Consumer<TaskOptimizer.Builder> configure, boolean viaExecute) {
    this(name, configure, viaExecute, 0, 0);
  }

  /** Every policy this build of the library offers, in report order. */
  static List<Policy> all() {
    return List.of(
        new Policy("thompson", b -> {}, true),
        new Policy("greedy", b -> b.selectionPolicy(SelectionPolicies.greedy()), true),
        new Policy(
            "epsilon-greedy-5%",
            b -> b.selectionPolicy(SelectionPolicies.epsilonGreedy(0.05)), true),
        new Policy("ucb", b -> b.selectionPolicy(SelectionPolicies.ucb()), true),
        // Thompson sampling with a judge model grading 10% of calls (issue: a model as the judge)
        new Policy("thompson+judge10%", b -> {}, true, 0.10, 1.0),
        new Policy("thompson+judge10%x10", b -> {}, true, 0.10, 10.0),
        // what the library did before adaptive selection could be measured only this way: it timed
        // calls with the wall clock, so the simulator recorded the simulated time itself
        new Policy("best-estimate", b -> {}, false));
  }

  /**
   * The policies of the default report: the default (Thompson sampling) and the comparisons. {@code
   * best-estimate} is kept for measuring libraries without {@code nextModelFor}.
   */
  static List<Policy> defaults() {
    return all().subList(0, 4);
  }

  static Policy named(String name) {
    return all().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown policy '"
                        + name
                        + "'; known: "
                        + all().stream().map(Policy::name).toList()));
  }
}
