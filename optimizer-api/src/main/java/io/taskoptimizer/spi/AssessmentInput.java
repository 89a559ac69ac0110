package io.taskoptimizer.spi;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link QualityAssessor} judges: the task, the output and what the output was asked for.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param output the model's text; may be empty
 * @param prompt the text sent to the model (system, messages or prompt), may be empty
 * @param inputs named inputs given with the request (see {@link GenerationRequest#inputs()})
 * @param requestedFormat the output format that was asked for
 * @param doneReason why generation stopped, when known (e.g. {@code length} = truncated)
 */
public record AssessmentInput(
    TaskType task,
    String output,
    String prompt,
    Map<String, String> inputs,
    ResponseFormat requestedFormat,
    Optional<String> doneReason) {

  /**
   * Validates the components and copies the inputs.
   *
   * @param task the task; must not be null
   * @param output the model's text; must not be null, may be empty
   * @param prompt the text sent to the model; must not be null, may be empty
   * @param inputs named inputs (copied, keeping their order); must not be null
   * @param requestedFormat the requested output format; must not be null
   * @param doneReason why generation stopped, or empty; must not be null
   * @throws NullPointerException if any component is null
   */
  public AssessmentInput {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(prompt, "prompt");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    Objects.requireNonNull(requestedFormat, "requestedFormat");
    Objects.requireNonNull(doneReason, "doneReason");
  }

  /**
   * Just an output for a task: no prompt, no inputs, text format, unknown done reason.
   *
   * @param task the task; must not be null
   * @param output the model's text; must not be null
   * @return a new input
   * @throws NullPointerException if {@code task} or {@code output} is null
   */
  public static AssessmentInput of(TaskType task, String output) {
    return new AssessmentInput(task, output, "", Map.of(), ResponseFormat.TEXT, Optional.empty());
  }

  /**
   * The output of a request: its prompt text ({@link GenerationRequest#promptText()}), inputs and
   * format are carried over.
   *
   * @param task the task; must not be null
   * @param output the model's text; must not be null
   * @param request the request that produced {@code output}; must not be null
   * @param doneReason why generation stopped, or empty; must not be null
   * @return a new input
   * @throws NullPointerException if any argument is null
   */
  public static AssessmentInput of(
      TaskType task, String output, GenerationRequest request, Optional<String> doneReason) {
    return new AssessmentInput(
        task, output, request.promptText(), request.inputs(), request.format(), doneReason);
  }

  /**
   * An input value, if given.
   *
   * @param name the input name, e.g. {@link GenerationRequest#INPUT_JOB_POSTING}
   * @return the value, or empty when the request had no input of that name
   */
  public Optional<String> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }

  /**
   * Whether generation stopped at the token limit.
   *
   * @return {@code true} only if the done reason is known and is {@code length}
   */
  public boolean truncated() {
    return doneReason.map("length"::equals).orElse(false);
  }
}
