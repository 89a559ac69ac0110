package io.taskoptimizer.examples;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;

/**
 * The quick start of the top-level README: zero wiring. The optimizer discovers the Ollama provider
 * through {@link java.util.ServiceLoader} ({@code optimizer-ollama} on the class path), which reads
 * {@code OLLAMA_HOST} (a system property of that name first, then the environment) or uses {@code
 * http://127.0.0.1:11434}.
 */
public final class QuickStartExample {

  private QuickStartExample() {}

  /**
   * Picks the self-assessment model and writes a cover letter with the best cover-letter model.
   *
   * @param configDir the config directory
   * @param posting the job posting text
   * @return the cover-letter result
   */
  public static ExecutionResult run(Path configDir, String posting) {
    // tag::quick-start[]
    try (TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(configDir) // model_rankings.json, model_performance_feedback.json
            .build()) { // finds Ollama via OLLAMA_HOST or 127.0.0.1:11434
      String model = optimizer.bestModelFor(TaskType.SELF_ASSESSMENT); // e.g. gemma3:1b
      ExecutionResult r =
          optimizer.execute(
              TaskType.COVER_LETTER,
              GenerationRequest.builder()
                  .user("Write a cover letter for this job:\n" + posting)
                  .input(GenerationRequest.INPUT_ROLE, "Data Engineer") // for the quality assessors
                  .build()); // picks the model, runs it, scores it, records feedback
      System.out.println(
          model
              + " / "
              + r.model()
              + " "
              + r.quality().map(QualityScore::score).orElse(0.0)
              + "\n"
              + r.text());
      return r;
    }
    // end::quick-start[]
  }
}
