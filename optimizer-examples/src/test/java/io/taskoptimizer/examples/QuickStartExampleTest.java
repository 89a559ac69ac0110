package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartExampleTest {

  @TempDir Path dir;

  @Test
  void discoversOllamaFromTheOllamaHostSettingWithZeroWiring() {
    String previous = System.getProperty("OLLAMA_HOST");
    try (OllamaTestServer ollama =
        OllamaTestServer.create()
            .models(
                ScriptedModel.of("gemma3:1b", "unused"),
                ScriptedModel.of("llama3.2", "Dear Hiring Manager, ..."))
            .start()) {
      System.setProperty("OLLAMA_HOST", ollama.baseUrl().toString());

      ExecutionResult r =
          QuickStartExample.run(ExampleFiles.config(dir), "Data Engineer (m/w/d), Köln");

      assertThat(r.model()).isEqualTo("llama3.2:latest"); // the best cover-letter model served
      assertThat(r.text()).isEqualTo("Dear Hiring Manager, ...");
      assertThat(r.quality()).isPresent();
    } finally {
      if (previous == null) {
        System.clearProperty("OLLAMA_HOST");
      } else {
        System.setProperty("OLLAMA_HOST", previous);
      }
    }
  }
}
