package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestModelExampleTest {

  @TempDir Path dir;

  @Test
  void returnsGemmaForSelfAssessmentWithTheExampleRankings() {
    try (OllamaTestServer ollama =
        OllamaTestServer.create()
            .models(
                ScriptedModel.of("gemma3:1b", "ok"),
                ScriptedModel.of("llama3.2", "ok"),
                ScriptedModel.of("phi3:3.8b", "ok"))
            .start()) {
      assertThat(
              BestModelExample.bestSelfAssessmentModel(ExampleFiles.config(dir), ollama.baseUrl()))
          .isEqualTo("gemma3:1b");
    }
  }

  @Test
  void fallsBackToTheNextRankedModelWhenGemmaIsNotPulled() {
    try (OllamaTestServer ollama =
        OllamaTestServer.create()
            .models(ScriptedModel.of("llama3.2", "ok"), ScriptedModel.of("phi3:3.8b", "ok"))
            .start()) {
      assertThat(
              BestModelExample.bestSelfAssessmentModel(ExampleFiles.config(dir), ollama.baseUrl()))
          .isEqualTo("llama3.2:latest");
    }
  }
}
