package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.InvalidPostingException;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsensusExtractionExampleTest {

  private static final String EXTRACTION =
      """
      TITLE: Data Engineer (m/w/d)
      COMPANY: Stadtwerke Rheinblick
      LOCATION: Köln
      RESPONSIBILITIES:
      - Develop and run data pipelines with Python and Apache Spark
      - Model meter data in the Snowflake data warehouse
      REQUIREMENTS:
      - Degree in computer science, mathematics or similar training
      - At least 3 years of experience with Python and SQL
      CONTACT: Sabine Koç, karriere@rheinblick.example.de
      """;

  @TempDir Path dir;

  @Test
  void twoAgreeingModelsExtractTheGermanPostingInEnglish() throws IOException {
    Path config = ExampleFiles.config(dir);
    Path postings = ExampleFiles.postings(dir);
    Path out = dir.resolve("out/job1002.json");
    try (OllamaTestServer ollama =
            OllamaTestServer.create()
                .models(
                    ScriptedModel.of("gemma3:1b", EXTRACTION),
                    ScriptedModel.of("llama3.2", EXTRACTION))
                .start();
        OllamaProvider provider = OllamaProvider.builder().baseUrl(ollama.baseUrl()).build();
        TaskOptimizer optimizer =
            TaskOptimizer.builder().configDirectory(config).addProvider(provider).build()) {

      ConsensusResult result = ConsensusExtractionExample.extract(optimizer, postings, "1002", out);

      assertThat(result.consensusReached()).isTrue();
      assertThat(result.agreeingModels()).containsExactly("gemma3:1b", "llama3.2:latest");
      assertThat(result.details().orElseThrow().requirements()).hasSize(2);
      assertThat(ollama.requests("/api/chat"))
          .hasSize(2)
          .allSatisfy(
              r ->
                  assertThat(r.promptText()).contains("Stadtwerke Rheinblick").contains("English"));
      JsonNode saved = new ObjectMapper().readTree(out.toFile());
      assertThat(saved.get("job_id").asText()).isEqualTo("1002");
      assertThat(saved.get("consensus_reached").asBoolean()).isTrue();
    }
  }

  @Test
  void aBrokenPostingIsRejectedBeforeAnyModelRuns() {
    Path config = ExampleFiles.config(dir);
    Path postings = ExampleFiles.postings(dir);
    try (OllamaTestServer ollama =
            OllamaTestServer.create()
                .models(
                    ScriptedModel.of("gemma3:1b", EXTRACTION),
                    ScriptedModel.of("llama3.2", EXTRACTION))
                .start();
        OllamaProvider provider = OllamaProvider.builder().baseUrl(ollama.baseUrl()).build();
        TaskOptimizer optimizer =
            TaskOptimizer.builder().configDirectory(config).addProvider(provider).build()) {

      assertThatThrownBy(
              () ->
                  ConsensusExtractionExample.extract(
                      optimizer, postings, "1004", dir.resolve("x.json")))
          .isInstanceOfSatisfying(
              InvalidPostingException.class,
              e ->
                  assertThat(e.problem())
                      .isEqualTo(InvalidPostingException.Problem.PLACEHOLDER_DESCRIPTION));
      assertThat(ollama.requests("/api/chat")).isEmpty();
    }
  }
}
