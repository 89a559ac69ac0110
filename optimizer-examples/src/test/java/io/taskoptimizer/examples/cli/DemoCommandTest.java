package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void runsThePipelineEndToEndSayingEveryStepIsSimulated() {
    Cli.Result r = Cli.run("demo");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("Task Optimizer demo with SIMULATED models (no Ollama needed)")
        .contains("No real language model is called")
        .contains("Step 1 of 6: the simulated fleet")
        .contains("model (simulated)")
        .contains("Step 2 of 6: the simulated fleet's starting rankings (stale)")
        .contains("Step 3 of 6: benchmark the simulated models")
        .contains("benchmark: 48 generations")
        .contains("Step 4 of 6: update the rankings from the simulated feedback")
        .contains("New models (added with a neutral prior): sim-newcomer:4b")
        .contains("Step 5 of 6: the best simulated model per task, before and after")
        .contains("Step 6 of 6: simulated consensus extraction of a sample posting")
        .contains("Consensus reached")
        .contains("Every model above was simulated; no real language model ran.")
        .doesNotContain("Saved to");
    assertThat(r.out().lines().filter(l -> l.startsWith("Step ")))
        .hasSize(6)
        .allSatisfy(step -> assertThat(step).contains("simulated"));
  }

  @Test
  void at80ColumnsNoLineIsWider() {
    Cli.Result r = Cli.run(Map.of("COLUMNS", "80"), "demo");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cli.assertFits(r.out(), 80);
    assertThat(r.out()).contains("Every model above was simulated;").contains("Step 6 of 6");
  }

  @Test
  void onAnAnsiTerminalEveryLineAndEveryProgressRedrawFitsTheWidth() {
    Cli.Result r = Cli.runOnTerminal(Map.of("COLUMNS", "80", "TERM", "xterm"), "demo");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\r\u001b[2K").contains("\u001b[1m");
    Cli.assertFits(r.out(), 80);
  }

  @Test
  void aNarrowTerminalGetsNarrowLines() {
    Cli.Result r = Cli.runOnTerminal(Map.of("COLUMNS", "60"), "demo");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cli.assertFits(r.out(), 60);
  }

  @Test
  void jsonReportShowsTheLearningAndTheTemporaryDirectoryIsGone() throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("model_rankings.json"), "{}\n");

    Cli.Result r = Cli.run("demo", "--json", "--config", config.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("simulated").asBoolean()).isTrue();
    for (String task :
        List.of(
            "self_assessment",
            "skill_decomposition",
            "domain_relationship",
            "cover_letter",
            "job_requirements",
            "job_extraction")) {
      assertThat(json.at("/picks_before/" + task).asText()).isEqualTo("sim-swift:1b");
    }
    // quality does not depend on timing
    for (JsonNode change : json.at("/ranking_update/changes")) {
      if (change.get("model").asText().equals("sim-swift:1b")) {
        assertThat(change.get("quality_after").asDouble())
            .isLessThan(change.get("quality_before").asDouble());
      }
    }
    // simulated time: the server reports scripted durations, so the speed-weighted picks are the
    // same on any machine, however loaded; the unranked newcomer (thorough and faster than deep) is
    // learned at once and wins the quality-heavy tasks, balanced keeps the speed-weighted ones
    assertThat(json.get("picks_after").toString())
        .isEqualTo(
            "{\"self_assessment\":\"sim-balanced:3b\","
                + "\"skill_decomposition\":\"sim-newcomer:4b\",\"domain_relationship\":\"sim-newcomer:4b\","
                + "\"cover_letter\":\"sim-balanced:3b\",\"job_requirements\":\"sim-newcomer:4b\","
                + "\"job_extraction\":\"sim-newcomer:4b\"}");
    // the newcomer is described as faster than deep, and is measured so on every sample
    java.util.Map<String, Double> newcomer = new java.util.HashMap<>();
    java.util.Map<String, Double> deep = new java.util.HashMap<>();
    for (JsonNode run : json.at("/benchmark/runs")) {
      String key = run.get("task").asText() + "/" + run.get("sample").asText();
      double latency = run.get("latency_seconds").asDouble();
      if (run.get("model").asText().equals("sim-newcomer:4b")) {
        newcomer.put(key, latency);
      } else if (run.get("model").asText().equals("sim-deep:8b")) {
        deep.put(key, latency);
      }
    }
    assertThat(newcomer)
        .hasSize(12)
        .allSatisfy((k, v) -> assertThat(v).as(k).isLessThan(deep.get(k)));
    assertThat(json.at("/ranking_update/new_models").get(0).asText()).isEqualTo("sim-newcomer:4b");
    assertThat(json.at("/benchmark/runs").size()).isEqualTo(48);
    assertThat(json.at("/extraction/consensus_reached").asBoolean()).isTrue();
    assertThat(json.at("/extraction/job_id").asText()).isEqualTo("1001");
    assertThat(Path.of(json.get("work_dir").asText())).doesNotExist();
    assertThat(Files.readString(config.resolve("model_rankings.json"))).isEqualTo("{}\n");
    assertThat(config.resolve("model_performance_feedback.json")).doesNotExist();
  }
}
