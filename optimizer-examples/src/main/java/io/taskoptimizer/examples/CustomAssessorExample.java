package io.taskoptimizer.examples;

import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;

/**
 * Example: use a custom {@link io.taskoptimizer.spi.QualityAssessor} such as {@link
 * BuzzwordAssessor}.
 *
 * <p>There are two ways. Discovery: list the class in {@code
 * META-INF/services/io.taskoptimizer.spi.QualityAssessor} and every optimizer built with the
 * default assessor auto-detection finds it next to the built-in ones. (This module lists {@link
 * BuzzwordAssessor} in its test resources only, so the example is discovered in its tests but never
 * in {@code taskopt.jar}, where it would change real scores.) Explicit: hand an instance to the
 * builder, which also lets you give it a weight in the combined score.
 */
public final class CustomAssessorExample {

  private CustomAssessorExample() {}

  /** An optimizer that finds {@link BuzzwordAssessor} through {@link java.util.ServiceLoader}. */
  public static TaskOptimizer discovered(Path configDir) {
    // tag::discovered[]
    return TaskOptimizer.builder()
        .configDirectory(configDir)
        .build(); // the built-in assessors and every QualityAssessor listed in META-INF/services
    // end::discovered[]
  }

  /** An optimizer with only the given assessor, weighted explicitly. */
  public static TaskOptimizer explicit(Path configDir) {
    // tag::explicit[]
    return TaskOptimizer.builder()
        .configDirectory(configDir)
        .autoDetectAssessors(false)
        .addAssessor(new BuzzwordAssessor())
        .assessorWeight(BuzzwordAssessor.ID, 2.0)
        .build();
    // end::explicit[]
  }
}
