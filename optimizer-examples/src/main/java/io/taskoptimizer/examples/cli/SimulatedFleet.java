package io.taskoptimizer.examples.cli;

import io.taskoptimizer.examples.cli.SimulatedAnswers.Tier;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import java.util.List;

/**
 * The demo's simulated Ollama: an {@link OllamaTestServer} on loopback serving four scripted models
 * whose speed and answer quality differ. No real model runs. Their times are simulated: the server
 * reports the scripted durations, so the demo tells the same story on any machine.
 */
final class SimulatedFleet {

  /**
   * One simulated model.
   *
   * @param name the Ollama model name
   * @param parameterSize reported parameter size
   * @param tier how careful its answers are
   * @param coldLoad load time on first use
   * @param timeToFirstToken prompt evaluation time
   * @param tokensPerSecond generation speed (a token is a word here)
   * @param character one line for the demo's fleet table
   */
  record SimModel(
      String name,
      String parameterSize,
      Tier tier,
      Duration coldLoad,
      Duration timeToFirstToken,
      double tokensPerSecond,
      String character) {}

  /** Ranked in the demo's starting rankings, with stale scores. */
  static final SimModel SWIFT =
      new SimModel(
          "sim-swift:1b",
          "1B",
          Tier.SLOPPY,
          Duration.ofMillis(40),
          Duration.ofMillis(50),
          6000,
          "very fast, sloppy: chatty preambles, misses requirements");

  static final SimModel BALANCED =
      new SimModel(
          "sim-balanced:3b",
          "3B",
          Tier.SOLID,
          Duration.ofMillis(80),
          Duration.ofMillis(45),
          6000,
          "fast, solid answers that cover the main points");
  static final SimModel DEEP =
      new SimModel(
          "sim-deep:8b",
          "8B",
          Tier.THOROUGH,
          Duration.ofMillis(200),
          Duration.ofMillis(130),
          1400,
          "slow, thorough: every requirement, clear conclusions, valid JSON");

  /** Served but not ranked: the ranking update detects it as a new model. */
  static final SimModel NEWCOMER =
      new SimModel(
          "sim-newcomer:4b",
          "4B",
          Tier.THOROUGH,
          Duration.ofMillis(120),
          Duration.ofMillis(80),
          3200,
          "new on the server, not ranked yet: thorough and fairly fast");

  static final List<SimModel> MODELS = List.of(SWIFT, BALANCED, DEEP, NEWCOMER);

  /**
   * The demo's starting rankings: stale scores that overrate the sloppy model and underrate the
   * thorough one, so the benchmark has something to correct; the newcomer is missing.
   */
  static final String STARTING_RANKINGS = rankings();

  private SimulatedFleet() {}

  /** Starts the simulated server on a free loopback port. */
  static OllamaTestServer start() {
    // simulated time: the server reports the script's durations, so the optimizer (built with
    // serverReportedTimes) measures the same speeds on any machine, however loaded
    OllamaTestServer server =
        OllamaTestServer.create().version("0.0.0-simulated").scriptedTimings(true);
    for (SimModel m : MODELS) {
      server.model(
          ScriptedModel.builder(m.name())
              .family("simulated")
              .parameterSize(m.parameterSize())
              .quantization("SIMULATED")
              .responder(req -> SimulatedAnswers.answer(m.tier(), req))
              .coldLoad(m.coldLoad())
              .timeToFirstToken(m.timeToFirstToken())
              .tokensPerSecond(m.tokensPerSecond())
              .parallel(2)
              .build());
    }
    return server.start();
  }

  private static String rankings() {
    String[] tasks = {
      "self_assessment",
      "skill_decomposition",
      "domain_relationship",
      "cover_letter",
      "job_requirements",
      "job_extraction"
    };
    StringBuilder sb = new StringBuilder("{\n");
    for (int i = 0; i < tasks.length; i++) {
      sb.append("  \"").append(tasks[i]).append("\": [\n");
      sb.append("    {\"model\": \"")
          .append(SWIFT.name())
          .append("\", \"quality_score\": 0.88, \"speed_score\": 0.9},\n");
      sb.append("    {\"model\": \"")
          .append(BALANCED.name())
          .append("\", \"quality_score\": 0.8, \"speed_score\": 0.7},\n");
      sb.append("    {\"model\": \"")
          .append(DEEP.name())
          .append("\", \"quality_score\": 0.78, \"speed_score\": 0.3}\n");
      sb.append("  ]").append(i < tasks.length - 1 ? "," : "").append('\n');
    }
    return sb.append("}\n").toString();
  }
}
