package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

  @TempDir Path dir;

  @Test
  void createsConfigPostingsAndProfileThatTheOtherCommandsUse() throws IOException {
    Cli.Result r = Cli.run("init", dir.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("created  " + dir.resolve("config/model_rankings.json"));
    assertThat(dir.resolve("config/model_rankings.json")).exists();
    assertThat(dir.resolve("config/model_performance_feedback.json")).hasContent("{}");
    assertThat(dir.resolve("postings/job1004.json")).exists();
    assertThat(dir.resolve("candidate-profile.md")).exists();
    Path plain = Files.writeString(dir.resolve("written-normally.txt"), "x");
    assertThat(Files.getPosixFilePermissions(dir.resolve("config/model_rankings.json")))
        .as("follows the umask")
        .isEqualTo(Files.getPosixFilePermissions(plain));

    Cli.Result rankings =
        Cli.run(
            "rankings",
            "--config",
            dir.resolve("config").toString(),
            "--ollama",
            Fixtures.closedPortUrl());
    assertThat(rankings.exitCode()).as(rankings.toString()).isZero();
  }

  @Test
  void theExampleRankingsAreSortedByWeightedScoreSoTheFirstUpdateMovesNobody() throws IOException {
    assertThat(Cli.run("init", dir.toString()).exitCode()).isZero();
    JsonNode rankings = Fixtures.json(Files.readString(dir.resolve("config/model_rankings.json")));
    rankings
        .properties()
        .forEach(
            task -> {
              PriorityWeights w = TaskType.of(task.getKey()).defaultWeights();
              double previous = Double.POSITIVE_INFINITY;
              for (JsonNode m : task.getValue()) {
                double score =
                    w.score(m.get("quality_score").asDouble(), m.get("speed_score").asDouble());
                assertThat(score)
                    .as(task.getKey() + " " + m.get("model"))
                    .isLessThanOrEqualTo(previous);
                previous = score;
              }
            });

    try (OllamaTestServer ollama =
        OllamaTestServer.create()
            .models(ScriptedModel.of("gemma3:1b", "ok"), ScriptedModel.of("brand-new:7b", "ok"))
            .start()) {
      Cli.Result update =
          Cli.run(
              "update-rankings",
              "--json",
              "--dry-run",
              "--config",
              dir.resolve("config").toString(),
              "--ollama",
              ollama.baseUrl().toString());

      assertThat(update.exitCode()).as(update.toString()).isZero();
      assertThat(Fixtures.json(update.out()).get("changes"))
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.get("kind").asText()).as(c.toString()).isEqualTo("added"));
    }
  }

  @Test
  void neverOverwritesExistingFiles() throws IOException {
    Path rankings = dir.resolve("config/model_rankings.json");
    Files.createDirectories(rankings.getParent());
    Files.writeString(rankings, "{\"mine\": []}\n");

    Cli.Result r = Cli.run("init", dir.toString(), "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("kept_existing").get(0).asText()).endsWith("model_rankings.json");
    assertThat(json.get("created")).hasSize(7);
    assertThat(rankings).hasContent("{\"mine\": []}");
  }

  @Test
  void theBundledFileListsMatchTheExampleDirectories() throws IOException {
    try (Stream<Path> postings = Files.list(Path.of("postings"));
        Stream<Path> config = Files.list(Path.of("config"))) {
      assertThat(postings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(Bundled.POSTING_FILES);
      assertThat(config.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(Bundled.CONFIG_FILES);
    }
    assertThat(Path.of("profile", Bundled.PROFILE_FILE)).exists();
  }
}
