package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import java.util.Objects;

/**
 * One input a benchmark runs every model on: a request for a task, with the named inputs the
 * assessors need (job posting, skills, role). The runner addresses the request to each model in
 * turn; a model set on the request is ignored.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param id a short stable id, unique within a {@link SampleInputs}, e.g. {@code
 *     cover_letter/backend-en}
 * @param task the task the request is for
 * @param request the request
 */
public record BenchmarkSample(String id, TaskType task, GenerationRequest request) {

  /**
   * Validates the components.
   *
   * @param id a short stable id, unique within a {@link SampleInputs}; must not be null or blank
   * @param task the task the request is for; must not be null
   * @param request the request; must not be null
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public BenchmarkSample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(request, "request");
    if (id.isBlank()) {
      throw new IllegalArgumentException("A benchmark sample needs a non-blank id");
    }
  }
}
