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

  /** Validates and copies. */
  public AssessmentInput {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(prompt, "prompt");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    Objects.requireNonNull(requestedFormat, "requestedFormat");
    Objects.requireNonNull(doneReason, "doneReason");
  }

  /** Just an output for a task: no prompt, no inputs, text format. */
  public static AssessmentInput of(TaskType task, String output) {
    return new AssessmentInput(task, output, "", Map.of(), ResponseFormat.TEXT, Optional.empty());
  }

  /** The output of a request: its prompt text, inputs and format are carried over. */
  public static AssessmentInput of(
      TaskType task, String output, GenerationRequest request, Optional<String> doneReason) {
    return new AssessmentInput(
        task, output, request.promptText(), request.inputs(), request.format(), doneReason);
  }

  /** An input value, if given. */
  public Optional<String> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }

  /** Whether generation stopped at the token limit. */
  public boolean truncated() {
    return doneReason.map("length"::equals).orElse(false);
  }
}
