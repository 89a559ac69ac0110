package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestModelCommandTest {

  private final OllamaTestServer ollama = OllamaTestServer.create();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void picksGemmaForSelfAssessmentAndExplainsTheScore() {
    ollama.models(ScriptedModel.of("gemma3:1b", "ok"), ScriptedModel.of("llama3.2", "ok")).start();
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "best-model",
            "self_assessment",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("Best model for self_assessment: gemma3:1b")
        .contains("weighted score 0.880 = 0.60 x quality 0.90 + 0.40 x speed 0.85")
        .contains("Runners-up:")
        .contains("llama3.2:latest")
        .contains("Skipped (ranked but not available):")
        .contains("phi3:3.8b");
  }

  @Test
  void skipsUnavailableModelsForDomainRelationship() {
    ollama.models(ScriptedModel.of("gemma3:1b", "ok"), ScriptedModel.of("llama3.2", "ok")).start();
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "best-model",
            "domain_relationship",
            "--json",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("model").asText()).isEqualTo("llama3.2:latest");
    assertThat(json.get("availability_checked").asBoolean()).isTrue();
    assertThat(json.get("skipped").findValuesAsText("model")).contains("phi3:3.8b", "gemma3:4b");
    assertThat(json.get("runners_up").findValuesAsText("model")).containsExactly("gemma3:1b");
  }

  @Test
  void picksPhi3ForDomainRelationshipFromTheRankingsWhenOllamaIsDown() {
    Path config = Fixtures.exampleConfig(dir);
    String down = Fixtures.closedPortUrl();

    Cli.Result r =
        Cli.run(
            "best-model", "domain_relationship", "--config", config.toString(), "--ollama", down);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("Best model for domain_relationship: phi3:3.8b")
        .contains("Availability could not be checked")
        .contains(down);
  }

  @Test
  void noCandidateAvailableFailsWithTheRankedAndAvailableModels() {
    // an embedding model is no candidate (a served text model would be one, ranked or not)
    ollama
        .models(
            ScriptedModel.builder("nomic-embed-text:latest")
                .reply("ok")
                .capabilities("embedding")
                .build())
        .start();
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "best-model",
            "job_extraction",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("job_extraction")
        .contains("llama3.2:latest")
        .contains("nomic-embed-text:latest");
  }

  @Test
  void showsTheNextPickWhetherItWouldExploreAndTheEstimates() {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", "ok"),
            ScriptedModel.of("llama3.2", "ok"),
            ScriptedModel.of("mistral-nemo:12b", "ok"))
        .start();
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result text =
        Cli.run(
            "best-model",
            "self_assessment",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());
    Cli.Result json =
        Cli.run(
            "best-model",
            "self_assessment",
            "--json",
            "--config",
            config.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).containsPattern("Next call: \\S+ \\((would explore|best estimate)\\)");
    assertThat(text.out().lines())
        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    JsonNode j = Fixtures.json(json.out());
    JsonNode next = j.get("next_pick");
    assertThat(next.get("exploration").isBoolean()).isTrue();
    assertThat(next.get("reason").asText()).isNotBlank();
    // the unranked served model is a candidate with an uncertain prior
    assertThat(j.get("estimates").findValuesAsText("model"))
        .contains("gemma3:1b", "mistral-nemo:12b");
    assertThat(j.get("estimates").get(0).get("quality_sd").asDouble()).isPositive();
  }

  @Test
  void unknownTaskIsAUsageError() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "best-model",
            "Self Assessment",
            "--config",
            config.toString(),
            "--ollama",
            Fixtures.closedPortUrl());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("Self Assessment")
        .contains("Known tasks: cover_letter");
  }
}
