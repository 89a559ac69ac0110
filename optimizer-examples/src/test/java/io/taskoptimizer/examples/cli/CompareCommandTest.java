package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.judge.Rubric;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** taskopt compare, benchmark --pairwise, --judge and the ratings in rankings. */
class CompareCommandTest {

  /** Prefers the answer containing GOOD, whichever position it is shown in. */
  private static String pairwise(RecordedRequest req) {
    String p = req.promptText();
    int a = p.indexOf("ANSWER A:");
    int b = p.indexOf("ANSWER B:");
    String first = p.substring(a, b);
    String second = p.substring(b);
    String winner =
        first.contains("GOOD") == second.contains("GOOD")
            ? "tie"
            : first.contains("GOOD") ? "A" : "B";
    return "{\"winner\":\"" + winner + "\",\"reason\":\"scripted\"}";
  }

  private static String rubric() {
    return "{\"criteria\":["
        + Rubric.forTask(TaskType.SELF_ASSESSMENT).names().stream()
            .map(n -> "{\"name\":\"" + n + "\",\"score\":8,\"reason\":\"scripted\"}")
            .collect(Collectors.joining(","))
        + "]}";
  }

  private final OllamaTestServer ollama =
      OllamaTestServer.create()
          .models(
              ScriptedModel.builder("qwen2.5:3b").family("qwen2").reply("A GOOD letter.").build(),
              ScriptedModel.builder("llama3.2:1b").family("llama").reply("A weak letter.").build(),
              ScriptedModel.builder("gemma3:1b").family("gemma3").reply("Another letter.").build(),
              ScriptedModel.builder("phi3:14b")
                  .family("phi3")
                  .responder(r -> r.promptText().contains("ANSWER A:") ? pairwise(r) : rubric())
                  .build());

  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void setUp() {
    ollama.start();
    config = Fixtures.exampleConfig(dir);
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void compareRecordsAWinAndRankingsShowTheRatings() throws Exception {
    Cli.Result r =
        Cli.run(
            "compare",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--task",
            "cover_letter",
            "--models",
            "llama3.2:1b,qwen2.5:3b");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("qwen2.5:3b beats llama3.2:1b (judge phi3:14b;")
        .contains("A first: B_WINS, B first: B_WINS")
        .contains("pairwise ratings (Bradley-Terry");
    assertThat(Files.readString(config.resolve("judge_comparisons.json")))
        .contains("\"outcome\" : \"b\"");

    Cli.Result rankings =
        Cli.run(
            "rankings",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--task",
            "cover_letter",
            "--json");
    assertThat(rankings.exitCode()).as(rankings.toString()).isZero();
    JsonNode ratings = Fixtures.json(rankings.out()).at("/tasks/0/pairwise_ratings");
    assertThat(ratings).hasSize(2);
    assertThat(ratings.get(0).get("model").asText()).isEqualTo("qwen2.5:3b");
    assertThat(ratings.get(0).get("wins").asInt()).isEqualTo(1);
  }

  @Test
  void compareRejectsAnythingButTwoModels() {
    Cli.Result r =
        Cli.run(
            "compare",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--task",
            "cover_letter",
            "--models",
            "qwen2.5:3b");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("exactly two models");
  }

  @Test
  void pairwiseBenchmarkSchedulesTheLeastCertainPairs() {
    Cli.Result r =
        Cli.run(
            "benchmark",
            "--pairwise",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--tasks",
            "cover_letter",
            "--models",
            "qwen2.5:3b,llama3.2:1b,gemma3:1b",
            "--comparisons",
            "4");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().filter(l -> l.contains("order confidence"))).hasSize(4);
    assertThat(r.out()).contains("qwen2.5:3b beats");
  }

  @Test
  void judgeOptInGradesTheOutputsOfTheTask() throws Exception {
    Path postings = Fixtures.examplePostings(dir);
    Cli.Result r =
        Cli.run(
            "--judge",
            "self_assessment",
            "self-assessment",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--job",
            "1001",
            "--model",
            "gemma3:1b");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    RecordedRequest judged =
        ollama.requests("/api/chat").stream()
            .filter(q -> q.model().filter("phi3:14b"::equals).isPresent())
            .findFirst()
            .orElseThrow();
    assertThat(judged.promptText()).contains("requirements_addressed").contains("Another letter.");
    assertThat(Files.readString(config.resolve("model_selection_state.json")))
        .contains("gemma3:1b");
  }
}
