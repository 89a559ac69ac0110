package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.examples.cli.SimulatedAnswers.Tier;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkCommandTest {

  /** gemma3:1b answers carefully, llama3.2 sloppily; both instantly. */
  private final OllamaTestServer ollama =
      OllamaTestServer.create()
          .models(
              ScriptedModel.builder("gemma3:1b")
                  .responder(r -> SimulatedAnswers.answer(Tier.THOROUGH, r))
                  .build(),
              ScriptedModel.builder("llama3.2")
                  .responder(r -> SimulatedAnswers.answer(Tier.SLOPPY, r))
                  .build());

  @TempDir Path dir;

  private Path config;
  private Path reports;

  @BeforeEach
  void setUp() {
    ollama.start();
    config = Fixtures.exampleConfig(dir);
    reports = dir.resolve("reports");
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private Cli.Result run(String... extra) {
    String[] base = {
      "benchmark",
      "--config",
      config.toString(),
      "--report",
      reports.toString(),
      "--ollama",
      ollama.baseUrl().toString(),
      "--repeats",
      "1"
    };
    return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  @Test
  void benchmarksTheGivenModelsAndTasksWritesReportsAndUpdatesRankings() throws IOException {
    String rankingsBefore = Files.readString(config.resolve("model_rankings.json"));

    Cli.Result r =
        run("--models", "gemma3:1b,llama3.2", "--tasks", "self_assessment,skill_decomposition");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("Benchmarking 2 models x 2 tasks, 1 repeat: 8 generations")
        .contains("[8/8 100%]")
        .contains("benchmark: 8 generations")
        .contains("self_assessment  (weights: quality 0.60, speed 0.40)")
        .contains("Ranking update (written to ")
        .contains("Reports: ");
    // skill decomposition weighs quality 0.8, so the careful model wins however the timings fall
    String skills = r.out().substring(r.out().indexOf("skill_decomposition  (weights"));
    assertThat(skills.lines().skip(3).findFirst().orElseThrow()).contains("1  gemma3:1b");
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".json"))
          .anyMatch(n -> n.endsWith(".md"))
          .anyMatch(n -> n.endsWith(".html"));
    }
    assertThat(Files.readString(config.resolve("model_rankings.json")))
        .isNotEqualTo(rankingsBefore);
    JsonNode feedback =
        Fixtures.json(Files.readString(config.resolve("model_performance_feedback.json")));
    assertThat(feedback.at("/skill_decomposition/llama3.2:latest/executions").asInt()).isEqualTo(2);
  }

  @Test
  void jsonOutputIsTheReportWithTheFilesItWrote() {
    Cli.Result r = run("--tasks", "domain_relationship", "--json", "--no-update-rankings");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("runs").size()).isEqualTo(4);
    assertThat(json.get("ranking_update").isNull()).isTrue();
    assertThat(Path.of(json.at("/report_files/html").asText())).exists();
    assertThat(json.at("/results/0/models/0/model").asText()).isEqualTo("gemma3:1b");
  }

  @Test
  void noUpdateRankingsLeavesTheRankingsFileAlone() throws IOException {
    String before = Files.readString(config.resolve("model_rankings.json"));

    Cli.Result r = run("--tasks", "job_requirements", "--no-update-rankings");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain("Ranking update");
    assertThat(Files.readString(config.resolve("model_rankings.json"))).isEqualTo(before);
  }

  @Test
  void modelThatIsNotServedIsAUsageError() {
    Cli.Result r = run("--models", "gemma3:1b,qwen3:32b");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("qwen3:32b")
        .contains("gemma3:1b, llama3.2:latest");
  }

  @Test
  void unknownTaskIsAUsageError() {
    Cli.Result r = run("--tasks", "self_assessment,poetry");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("Unknown task 'poetry'");
  }

  @Test
  void ollamaDownFailsWithTheUrl() {
    String down = Fixtures.closedPortUrl();

    Cli.Result r = Cli.run("benchmark", "--config", config.toString(), "--ollama", down);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.OLLAMA_UNREACHABLE);
    assertThat(r.err().lines()).singleElement().asString().contains(down).contains("ollama serve");
  }
}
