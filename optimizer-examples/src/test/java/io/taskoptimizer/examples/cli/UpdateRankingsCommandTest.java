package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateRankingsCommandTest {

  /** phi3:3.8b did badly and slowly on self_assessment, gemma3:1b did well and fast. */
  private static final String FEEDBACK =
      """
      {
        "self_assessment": {
          "gemma3:1b": {"executions": 20, "successes": 20, "failures": 0, "total_time": 20.0,
            "quality_ratings": [0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95,
              0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95], "average_time": 1.0},
          "phi3:3.8b": {"executions": 20, "successes": 10, "failures": 10, "total_time": 160.0,
            "quality_ratings": [0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4], "average_time": 8.0}
        }
      }
      """;

  private final OllamaTestServer ollama =
      OllamaTestServer.create()
          .models(
              ScriptedModel.of("gemma3:1b", "ok"),
              ScriptedModel.of("phi3:3.8b", "ok"),
              ScriptedModel.of("qwen2.5:7b", "ok"));

  @TempDir Path dir;

  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    config = Fixtures.exampleConfig(dir);
    Files.writeString(config.resolve("model_performance_feedback.json"), FEEDBACK);
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void rescoresFromFeedbackDetectsNewModelsAndIsIdempotent() throws IOException {
    ollama.start();
    String before = Files.readString(config.resolve("model_rankings.json"));

    Cli.Result first =
        Cli.run(
            "update-rankings",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("(written)")
        .contains("self_assessment")
        .contains("phi3:3.8b")
        .contains("down")
        .contains("New models (added with a neutral prior): qwen2.5:7b")
        .contains("Need benchmarking")
        .contains("Not served now (kept in the rankings):");
    String after = Files.readString(config.resolve("model_rankings.json"));
    assertThat(after).isNotEqualTo(before).contains("qwen2.5:7b").contains("olmo2:latest");

    Cli.Result second =
        Cli.run(
            "update-rankings",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("no changes");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).isEqualTo(after);
  }

  @Test
  void dryRunWritesNothing() throws IOException {
    ollama.start();
    String before = Files.readString(config.resolve("model_rankings.json"));

    Cli.Result r =
        Cli.run(
            "update-rankings",
            "--dry-run",
            "--json",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("dry_run").asBoolean()).isTrue();
    assertThat(json.get("written").asBoolean()).isFalse();
    assertThat(json.get("changes").size()).isPositive();
    assertThat(json.get("new_models")).extracting(JsonNode::asText).containsExactly("qwen2.5:7b");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).isEqualTo(before);
  }

  @Test
  void withoutOllamaItStillRescoresAndSaysWhatItCouldNotCheck() throws IOException {
    String down = Fixtures.closedPortUrl();

    Cli.Result r = Cli.run("update-rankings", "--config", config.toString(), "--ollama", down);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("(written)")
        .contains("phi3:3.8b")
        .contains("Ollama is not reachable at " + down)
        .contains("new and missing models were not checked");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).doesNotContain("qwen2.5");
  }

  @Test
  void malformedFeedbackIsAConfigErrorAndNothingIsWritten() throws IOException {
    ollama.start();
    Files.writeString(
        config.resolve("model_performance_feedback.json"),
        "{\"self_assessment\": {\"gemma3:1b\": [}}");
    String before = Files.readString(config.resolve("model_rankings.json"));

    Cli.Result r =
        Cli.run(
            "update-rankings",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("model_performance_feedback.json");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).isEqualTo(before);
  }

  @Test
  void aDryRunCreatesNoFileNotEvenALock() throws IOException {
    ollama.start();
    java.util.List<String> before;
    try (var files = Files.list(config)) {
      before = files.map(p -> p.getFileName().toString()).sorted().toList();
    }

    Cli.Result r =
        Cli.run(
            "update-rankings",
            "--dry-run",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("dry run, nothing written");
    try (var files = Files.list(config)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(before);
    }
  }

  @Test
  void terminalEscapesInServedModelNamesAreNeitherPrintedNorRanked() throws IOException {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", "ok"),
            ScriptedModel.of("evil\u001b]0;pwned\u0007\u001b[2J:1b", "ok"))
        .start();

    Cli.Result r =
        Cli.run(
            "update-rankings",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(r.out()).contains("contains control characters; not ranked");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).doesNotContain("evil");
  }
}
