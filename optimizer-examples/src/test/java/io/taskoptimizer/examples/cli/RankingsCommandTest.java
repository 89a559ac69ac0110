package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingsCommandTest {

  private static OllamaTestServer ollama;

  @TempDir Path dir;

  @BeforeAll
  static void startOllama() {
    ollama =
        OllamaTestServer.create()
            .models(
                ScriptedModel.of("gemma3:1b", "ok"),
                ScriptedModel.of("llama3.2", "ok"),
                ScriptedModel.of("phi3:3.8b", "ok"))
            .start();
  }

  @AfterAll
  static void stopOllama() {
    ollama.close();
  }

  private String url() {
    return ollama.baseUrl().toString();
  }

  @Test
  void listsEveryTaskWithScoresAvailabilityAndThePick() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r = Cli.run("rankings", "--config", config.toString(), "--ollama", url());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("self_assessment  (weights: quality 0.60, speed 0.40)")
        .contains("domain_relationship  (weights: quality 1.00, speed 0.00)")
        .contains("job_extraction")
        .contains("availability from Ollama at " + url());
    String selfAssessment = section(r.out(), "self_assessment", "skill_decomposition");
    assertThat(
            selfAssessment.lines().filter(l -> l.contains("gemma3:1b")).findFirst().orElseThrow())
        .startsWith("  *")
        .contains("0.90")
        .contains("0.85")
        .contains("0.880")
        .endsWith("yes");
    assertThat(
            selfAssessment
                .lines()
                .filter(l -> l.contains("mistral:latest"))
                .findFirst()
                .orElseThrow())
        .doesNotStartWith("  *")
        .endsWith("no");
    String domain = section(r.out(), "domain_relationship", "cover_letter");
    assertThat(domain.lines().filter(l -> l.startsWith("  *")).findFirst().orElseThrow())
        .contains("phi3:3.8b");
  }

  @Test
  void showsLearnedEstimatesWithUncertaintyAndEvidenceWithinEightyColumns() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "rankings",
            "--task",
            "self_assessment",
            "--config",
            config.toString(),
            "--ollama",
            url());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String learned = r.out().substring(r.out().indexOf("  learned:"));
    assertThat(learned.lines().filter(l -> l.contains("gemma3:1b")).findFirst().orElseThrow())
        .startsWith("  *")
        .contains("0.90+-")
        .contains("0.85+-");
    assertThat(learned).contains("evidence").contains("fail");
    // the header line holds a path and a URL; everything the estimates add fits 80 columns
    assertThat(learned.lines())
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
  }

  @Test
  void oneTaskAsJsonIsValidAndComplete() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "rankings",
            "--task",
            "self_assessment",
            "--json",
            "--config",
            config.toString(),
            "--ollama",
            url());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("availability_checked").asBoolean()).isTrue();
    assertThat(json.get("tasks")).hasSize(1);
    JsonNode task = json.get("tasks").get(0);
    assertThat(task.get("task").asText()).isEqualTo("self_assessment");
    assertThat(task.get("best_model").asText()).isEqualTo("gemma3:1b");
    assertThat(task.get("models")).hasSize(15);
    JsonNode first = task.get("models").get(0);
    assertThat(first.get("model").asText()).isEqualTo("gemma3:1b");
    assertThat(first.get("weighted_score").asDouble())
        .isEqualTo(0.88, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(first.get("available").asBoolean()).isTrue();
    JsonNode estimate = task.get("estimates").get(0);
    assertThat(estimate.get("model").asText()).isEqualTo("gemma3:1b");
    assertThat(estimate.get("quality").asDouble())
        .isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(estimate.get("quality_sd").asDouble()).isPositive();
    assertThat(estimate.get("evidence").asDouble()).isPositive();
  }

  @Test
  void worksWithoutOllamaAndSaysAvailabilityCouldNotBeChecked() {
    Path config = Fixtures.exampleConfig(dir);
    String down = Fixtures.closedPortUrl();

    Cli.Result r =
        Cli.run(
            "rankings",
            "--task",
            "self_assessment",
            "--config",
            config.toString(),
            "--ollama",
            down);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("Availability could not be checked")
        .contains(down)
        .contains("ollama serve");
    assertThat(r.out().lines().filter(l -> l.contains("gemma3:1b")).findFirst().orElseThrow())
        .startsWith("  *")
        .endsWith("?");
  }

  @Test
  void jsonWithoutOllamaMarksAvailabilityUnknown() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "--json",
            "rankings",
            "--config",
            config.toString(),
            "--ollama",
            Fixtures.closedPortUrl());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("availability_checked").asBoolean()).isFalse();
    assertThat(json.get("note").asText()).contains("could not be checked");
    assertThat(json.get("tasks").get(0).get("models").get(0).get("available").isNull()).isTrue();
  }

  @Test
  void unknownTaskIsAUsageErrorListingTheKnownTasks() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "rankings",
            "--task",
            "interview_prep",
            "--config",
            config.toString(),
            "--ollama",
            url());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("Unknown task 'interview_prep'")
        .contains("self_assessment")
        .contains("job_extraction");
  }

  @Test
  void malformedRankingsFileIsAConfigErrorNamingTheFileAndLine() throws IOException {
    Path config = Fixtures.exampleConfig(dir);
    Path rankings = config.resolve("model_rankings.json");
    Files.writeString(rankings, "{\n  \"self_assessment\": [\n    {\"model\": \"gemma3:1b\",\n");

    Cli.Result r = Cli.run("rankings", "--config", config.toString(), "--ollama", url());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("taskopt: error: ")
        .contains("model_rankings.json");
    assertThat(Files.readString(rankings)).endsWith("\"gemma3:1b\",\n");
  }

  @Test
  void missingConfigDirectoryTellsHowToCreateIt() {
    Cli.Result r =
        Cli.run("rankings", "--config", dir.resolve("nowhere").toString(), "--ollama", url());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("No config directory at")
        .contains("nowhere")
        .contains("taskopt init");
  }

  private static String section(String out, String from, String to) {
    int a = out.indexOf(from + "  (weights");
    int b = out.indexOf(to + "  (weights");
    return out.substring(a, b);
  }
}
