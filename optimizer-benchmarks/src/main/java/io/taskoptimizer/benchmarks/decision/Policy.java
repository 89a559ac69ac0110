package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.core.TaskOptimizer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A policy under test: how the optimizer is configured, and whether calls go through
 * {@code execute} (the product's path: the optimizer picks, runs, times and scores) or through
 * {@code bestModelFor} plus {@code recordFeedback} with the simulated time (the only way to
 * measure a library that timed calls with the wall clock).
 *
 * @param name the id used on the command line and in reports
 * @param configure applied to the builder
 * @param viaExecute whether calls go through {@code execute}
 */
record Policy(String name, Consumer<TaskOptimizer.Builder> configure, boolean viaExecute) {

  /** Every policy this build of the library offers, in report order. */
  static List<Policy> all() {
    return List.of(
        new Policy("best-estimate", b -> {}, false));
  }

  static Policy named(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + name + "'; known: "
            + all().stream().map(Policy::name).toList()));
  }
}
