package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecuteWithFeedbackExampleTest {

  private static final String LETTER =
      """
      Dear Hiring Manager,

      I am applying for the Senior Java Backend Engineer position. For seven years I have built payment \
      services in Java and Spring Boot, most recently moving a nightly billing batch to Kafka event streams.

      I would welcome the chance to discuss how I can help your team.

      Kind regards,
      Alex Morgan
      """;

  @TempDir Path dir;

  @Test
  void runsTheBestCoverLetterModelScoresTheLetterAndRecordsFeedback() throws IOException {
    Path config = ExampleFiles.config(dir);
    try (OllamaTestServer ollama =
        OllamaTestServer.create()
            .models(ScriptedModel.of("llama3.2", LETTER), ScriptedModel.of("gemma3:1b", "unused"))
            .start()) {
      ExecutionResult result;
      try (OllamaProvider provider = OllamaProvider.builder().baseUrl(ollama.baseUrl()).build();
          TaskOptimizer optimizer =
              TaskOptimizer.builder().configDirectory(config).addProvider(provider).build()) {
        result =
            ExecuteWithFeedbackExample.writeCoverLetter(
                optimizer,
                "Senior Java Backend Engineer",
                "Senior Java Backend Engineer at Northwind Logistics, Berlin. Java, Spring Boot, Kafka.");
      }

      assertThat(result.model()).isEqualTo("llama3.2:latest");
      assertThat(result.text()).isEqualTo(LETTER);
      assertThat(result.quality())
          .hasValueSatisfying(
              q -> {
                assertThat(q.score()).isBetween(0.0, 1.0);
                assertThat(q.breakdown()).containsKey("examples-buzzwords");
              });
      assertThat(ollama.requests("/api/chat").get(0).model()).contains("llama3.2:latest");
      JsonNode feedback =
          new ObjectMapper().readTree(config.resolve("model_performance_feedback.json").toFile());
      assertThat(feedback.at("/cover_letter/llama3.2:latest/executions").asInt()).isEqualTo(1);
      assertThat(feedback.at("/cover_letter/llama3.2:latest/quality_ratings")).hasSize(1);
    }
  }
}
