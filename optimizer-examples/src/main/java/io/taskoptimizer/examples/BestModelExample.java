package io.taskoptimizer.examples;

import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import java.net.URI;
import java.nio.file.Path;

/**
 * Example: ask the optimizer which model to use for a task.
 *
 * <p>The optimizer reads {@code model_rankings.json} from the config directory, asks Ollama which
 * models it serves, and picks the available model with the highest weighted score {@code wq *
 * quality + ws * speed} (for self-assessment 0.6 quality, 0.4 speed). With the shipped example
 * rankings and every model pulled, that is {@code gemma3:1b}.
 */
public final class BestModelExample {

  private BestModelExample() {}

  /**
   * The model to use for self-assessments.
   *
   * @param configDir the directory holding {@code model_rankings.json}
   * @param ollama the Ollama server, e.g. {@code http://127.0.0.1:11434}
   */
  public static String bestSelfAssessmentModel(Path configDir, URI ollama) {
    // tag::best-model[]
    try (OllamaProvider provider = OllamaProvider.builder().baseUrl(ollama).build();
        TaskOptimizer optimizer =
            TaskOptimizer.builder().configDirectory(configDir).addProvider(provider).build()) {
      String model = optimizer.bestModelFor(TaskType.SELF_ASSESSMENT);
      ModelSelection why = optimizer.selectionFor(TaskType.SELF_ASSESSMENT);
      System.out.println(why.explanation());
      return model;
    }
    // end::best-model[]
  }
}
