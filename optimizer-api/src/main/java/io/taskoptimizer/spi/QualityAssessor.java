package io.taskoptimizer.spi;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import java.util.Optional;

/**
 * Scores a model output for a task from 0 to 1, with a named breakdown.
 *
 * <p><b>Registration.</b> Pass instances to {@code TaskOptimizer.builder().addAssessor(...)}, or
 * list the class in {@code META-INF/services/io.taskoptimizer.spi.QualityAssessor} (and, for the
 * module path, {@code provides io.taskoptimizer.spi.QualityAssessor with ...}) to have it
 * discovered. A discovered assessor must be a public class with a public no-arg constructor.
 *
 * <p><b>Contract.</b> {@link #assess} is deterministic, thread-safe, returns a score for any input
 * (including empty and very large outputs) and does not throw. An empty or blank output scores
 * {@code 0.0}: an empty answer does not do any task (the optimizer already counts it as a failed
 * execution, and any other score would rate nothing above a bad answer). The only exception is an
 * assessor that deliberately scores something other than the output itself. {@code
 * optimizer-testkit} ships {@code QualityAssessorContract}, a test base class that checks all of
 * this (override its {@code emptyOutputScoresZero()} for such an exception).
 */
public interface QualityAssessor {

  /**
   * A stable id, unique among assessors (e.g. {@code acme-tone}). Ids starting with {@code
   * optimizer-} are reserved for the assessors that ship with Task Optimizer.
   *
   * @return the id
   */
  String id();

  /**
   * Whether this assessor has criteria for the task. Only supporting assessors are asked.
   *
   * @param task the task of the output to assess
   * @return {@code true} if {@link #assess} should be called for outputs of this task
   */
  boolean supports(TaskType task);

  /**
   * Scores an output.
   *
   * @param input the output with its task, prompt, inputs and requested format; only given for a
   *     task this assessor {@link #supports}
   * @return the score in [0, 1], with an optional breakdown and notes
   */
  QualityScore assess(AssessmentInput input);

  /**
   * The version of this plugin's code, for discovery logs and {@code taskopt doctor}: the same
   * meaning on every SPI. The default reads the {@code Implementation-Version} of the jar that
   * holds the implementation class (else its module version); empty when unknown, e.g. when run
   * from a class directory. Override it only to report a version the jar does not carry.
   *
   * @return the plugin's version, or empty when unknown
   */
  default Optional<String> version() {
    return PluginVersion.of(getClass());
  }
}
