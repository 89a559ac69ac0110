package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsCommandTest {

  private final OllamaTestServer gpu =
      OllamaTestServer.create()
          .models(ScriptedModel.of("llama3.2", "ok"), ScriptedModel.of("gemma3:1b", "ok"))
          .start();
  private final OllamaTestServer cpu =
      OllamaTestServer.create().models(ScriptedModel.of("gemma3:1b", "ok")).start();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    gpu.close();
    cpu.close();
  }

  @Test
  void listsEveryHostWithItsModelsLoadedModelsAndCircuit() throws Exception {
    try (var p = io.taskoptimizer.ollama.OllamaProvider.builder().baseUrl(cpu.baseUrl()).build()) {
      p.warmUp("gemma3:1b", Duration.ofMinutes(5));
    }
    String hosts = "gpu=" + gpu.baseUrl() + ";parallel=2," + "cpu=" + cpu.baseUrl();

    Cli.Result r = Cli.run("hosts", "--ollama", hosts);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern(
            "gpu +" + gpu.baseUrl() + " +yes +closed +0/2 +1 +gemma3:1b llama3.2:latest +-")
        .containsPattern("cpu +" + cpu.baseUrl() + " +yes +closed +0/1 +1 +gemma3:1b +gemma3:1b");

    cpu.stop();
    Cli.Result json = Cli.run(Map.of("OLLAMA_HOSTS", hosts), "--json", "hosts");
    JsonNode list = Json.MAPPER.readTree(json.out()).path("hosts");
    assertThat(list.get(0).path("reachable").asBoolean()).isTrue();
    assertThat(list.get(1).path("name").asText()).isEqualTo("cpu");
    assertThat(list.get(1).path("reachable").asBoolean()).isFalse();
  }

  @Test
  void anInvalidHostListIsAUsageErrorThatHidesCredentials() {
    Cli.Result r = Cli.run("hosts", "--ollama", "a=http://u:s3cret@h1:1;weight=x");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("weight must be a whole number").doesNotContain("s3cret");
  }

  @Test
  void rankingsNamesEachHostWhenSeveralAreGiven() {
    Path config = Fixtures.exampleConfig(dir);

    Cli.Result r =
        Cli.run(
            "rankings",
            "--config",
            config.toString(),
            "--ollama",
            gpu.baseUrl().toString(),
            "--ollama",
            "cpu=" + cpu.baseUrl());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(
            "Ollama hosts: 127.0.0.1:"
                + gpu.port()
                + " (circuit closed, 2 models), cpu (circuit "
                + "closed, 1 models); details: taskopt hosts");
  }
}
