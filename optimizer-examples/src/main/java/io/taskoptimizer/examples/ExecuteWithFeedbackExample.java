package io.taskoptimizer.examples;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;

/**
 * Example: run a task through the optimizer and let it learn from the call.
 *
 * <p>{@link TaskOptimizer#execute} picks the best available model (unless the request names one),
 * runs it, measures wall time and time to first token, scores the output with every quality
 * assessor that applies to the task, and records the call as feedback. The feedback is written to
 * {@code model_performance_feedback.json} in batches and on {@code close()}; the ranking updater
 * later turns it into new rankings. A failed call is recorded as a failure and thrown as a typed
 * exception; an error never comes back as if it were model text.
 */
public final class ExecuteWithFeedbackExample {

  private ExecuteWithFeedbackExample() {}

  /**
   * Writes a cover letter with the best model for cover letters.
   *
   * @param optimizer an optimizer with at least one provider
   * @param role the job title the letter must mention (the cover-letter assessor checks it)
   * @param posting the job posting text
   * @return the result: model, text, timings and quality
   */
  public static ExecutionResult writeCoverLetter(
      TaskOptimizer optimizer, String role, String posting) {
    // tag::execute[]
    GenerationRequest request =
        GenerationRequest.builder()
            .system("You write concise, specific cover letters. Output only the letter.")
            .user("Write a cover letter of 250-350 words for this job:\n" + posting)
            .input(GenerationRequest.INPUT_ROLE, role) // read by assessors, not sent to the model
            .input(GenerationRequest.INPUT_JOB_POSTING, posting)
            .build();

    ExecutionResult result = optimizer.execute(TaskType.COVER_LETTER, request);

    System.out.printf(
        "%s wrote %d characters in %d ms, quality %s%n",
        result.model(),
        result.text().length(),
        result.wallTime().toMillis(),
        result.quality().map(q -> String.format("%.2f", q.score())).orElse("n/a"));
    ModelFeedback feedback =
        optimizer.feedback(TaskType.COVER_LETTER, result.model()).orElseThrow();
    System.out.printf(
        "%s has %d recorded cover letters, average %.2f s%n",
        result.model(), feedback.executions(), feedback.averageTime().toNanos() / 1e9);
    // end::execute[]
    return result;
  }
}
