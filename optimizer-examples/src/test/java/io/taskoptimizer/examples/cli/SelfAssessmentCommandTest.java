package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfAssessmentCommandTest {

  static final String NARRATIVE =
      """
      Strengths:
      - Java and Spring Boot: seven years, most recently moving a billing engine to Kafka event streams.
      - PostgreSQL and SQL: I designed the ledger schema at Parcelway and tuned its isolation levels.
      - Kubernetes, Docker and Terraform: I run our services on Kubernetes and manage staging with Terraform.
      - Mentoring: I mentored three junior engineers.

      Gaps:
      - German is at B2; I would take an intensive course to reach C1 within a year.

      Conclusion: 8/10. My payments and event-streaming background matches the role closely.
      """;

  private final OllamaTestServer ollama =
      OllamaTestServer.create()
          .models(
              ScriptedModel.builder("gemma3:1b").reply(NARRATIVE).build(),
              ScriptedModel.builder("llama3.2")
                  .reply("Strengths: Java.\n\nConclusion: 6/10.")
                  .build());

  @TempDir Path dir;

  private Path config;
  private Path postings;

  @BeforeEach
  void setUp() {
    ollama.start();
    config = Fixtures.exampleConfig(dir);
    postings = Fixtures.examplePostings(dir);
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private Cli.Result run(String... extra) {
    String[] base = {
      "self-assessment",
      "--config",
      config.toString(),
      "--postings",
      postings.toString(),
      "--ollama",
      ollama.baseUrl().toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Cli.run(all);
  }

  @Test
  void writesTheNarrativeWithTheBestModelScoresItAndRecordsFeedback() throws IOException {
    Cli.Result r = run("--job", "1001", "--best-model");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "Self-assessment for job 1001: Senior Java Backend Engineer (f/m/x), Northwind Logistics, Berlin")
        .contains("Profile: the bundled sample profile")
        .contains("Model:   gemma3:1b  (self_assessment: chose gemma3:1b")
        .contains("Conclusion: 8/10")
        .contains("quality:")
        .contains("feedback:       recorded in");
    RecordedRequest chat = ollama.requests("/api/chat").get(0);
    assertThat(chat.model()).contains("gemma3:1b");
    assertThat(chat.promptText())
        .contains("Northwind Logistics")
        .contains("Alex Morgan")
        .contains("Conclusion");
    JsonNode feedback =
        Fixtures.json(Files.readString(config.resolve("model_performance_feedback.json")));
    assertThat(feedback.at("/self_assessment/gemma3:1b/executions").asInt()).isEqualTo(1);
    assertThat(feedback.at("/self_assessment/gemma3:1b/successes").asInt()).isEqualTo(1);
    assertThat(feedback.at("/self_assessment/gemma3:1b/quality_ratings")).hasSize(1);
  }

  @Test
  void usesTheModelGivenWithModelAndTheProfileGivenWithProfile() throws IOException {
    Path profile = dir.resolve("me.md");
    Files.writeString(profile, "Jordan Lee, Go developer with Kubernetes experience.");

    Cli.Result r = run("--job", "1003", "--model", "llama3.2", "--profile", profile.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("Model:   llama3.2  (chosen with --model)")
        .contains("Profile: " + profile);
    assertThat(ollama.requests("/api/chat").get(0).promptText()).contains("Jordan Lee");
  }

  @Test
  void jsonOutputIsValidAndCarriesTextQualityAndFeedback() {
    Cli.Result r = run("--job", "1001", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("job_id").asText()).isEqualTo("1001");
    assertThat(json.get("model").asText()).isEqualTo("gemma3:1b");
    assertThat(json.get("self_assessment").asText()).isEqualTo(NARRATIVE);
    assertThat(json.at("/quality/score").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.at("/feedback/executions").asInt()).isEqualTo(1);
    assertThat(json.at("/selection/model").asText()).isEqualTo("gemma3:1b");
  }

  @Test
  void savesTheNarrativeWhenAsked() throws IOException {
    Path out = dir.resolve("out/assessment.md");

    Cli.Result r = run("--job", "1001", "--save", out.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(out)).isEqualTo(NARRATIVE);
  }

  @Test
  void unknownJobIdIsAnInputErrorAndNoModelRuns() {
    Cli.Result r = run("--job", "4242");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("4242")
        .contains("job4242.json");
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void brokenPostingIsAnInputErrorAndIsNeverSentToAModel() {
    Cli.Result r = run("--job", "1004");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("1004")
        .contains("not sent to any model");
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void modelThatOllamaDoesNotServeIsAUsageErrorListingTheServedOnes() {
    Cli.Result r = run("--job", "1001", "--model", "mistral");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("'mistral'")
        .contains("ollama pull mistral")
        .contains("gemma3:1b, llama3.2:latest");
  }

  @Test
  void bestModelAndModelTogetherIsAUsageError() {
    Cli.Result r = run("--job", "1001", "--best-model", "--model", "llama3.2");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("mutually exclusive");
  }

  @Test
  void ollamaDownFailsWithTheUrlAndHowToStartIt() {
    String down = Fixtures.closedPortUrl();

    Cli.Result r =
        Cli.run(
            "self-assessment",
            "--job",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            down);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.OLLAMA_UNREACHABLE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("Ollama is not reachable at " + down)
        .contains("ollama serve")
        .contains("OLLAMA_HOST");
  }

  @Test
  void modelFailureIsARuntimeErrorAndIsRecordedAsAFailure() throws IOException {
    ollama.enqueueFault(
        "gemma3:1b", io.taskoptimizer.testserver.Fault.httpError(500, "model runner crashed"));

    Cli.Result r = run("--job", "1001");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err().lines()).singleElement().asString().startsWith("taskopt: error: ");
    JsonNode feedback =
        Fixtures.json(Files.readString(config.resolve("model_performance_feedback.json")));
    assertThat(feedback.at("/self_assessment/gemma3:1b/failures").asInt()).isEqualTo(1);
  }

  @Test
  void aPasswordInTheOllamaUrlIsNeverPrinted() {
    String down = Fixtures.closedPortUrl().replace("http://", "http://alex:s3cret@");

    Cli.Result flag =
        Cli.run(
            "self-assessment",
            "--job",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            down);
    Cli.Result env =
        Cli.run(
            java.util.Map.of("OLLAMA_HOST", down),
            "self-assessment",
            "--job",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--verbose");

    assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(ExitCodes.OLLAMA_UNREACHABLE);
    assertThat(flag.err())
        .contains("http://***@127.0.0.1:")
        .doesNotContain("s3cret")
        .doesNotContain("alex");
    assertThat(env.exitCode()).as(env.toString()).isEqualTo(ExitCodes.OLLAMA_UNREACHABLE);
    assertThat(env.err().lines().findFirst().orElseThrow()).contains("http://***@127.0.0.1:");
    assertThat(env.err()).doesNotContain("s3cret");
  }

  @Test
  void theApiKeyFromTheEnvironmentIsSentAsABearerTokenAndNeverPrinted() {
    Cli.Result r =
        Cli.run(
            java.util.Map.of("OLLAMA_API_KEY", "sk-test-4711"),
            "self-assessment",
            "--job",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            ollama.baseUrl().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(ollama.requests("/api/chat").get(0).header("Authorization"))
        .hasValue("Bearer sk-test-4711");
    assertThat(r.out() + r.err()).doesNotContain("sk-test-4711");
  }

  @Test
  void aModelThatKeepsSendingTokensIsStoppedByTimeout() {
    try (OllamaTestServer endless =
        OllamaTestServer.create()
            .models(
                ScriptedModel.builder("gemma3:1b")
                    .reply("word ".repeat(100_000))
                    .tokensPerSecond(50)
                    .build())
            .start()) {
      Cli.Result r =
          Cli.run(
              "self-assessment",
              "--job",
              "1001",
              "--config",
              config.toString(),
              "--postings",
              postings.toString(),
              "--ollama",
              endless.baseUrl().toString(),
              "--timeout",
              "1s");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
      assertThat(r.err().lines())
          .singleElement()
          .asString()
          .contains("did not finish within 1")
          .contains("--timeout DURATION")
          .doesNotContain("firstByteTimeout");
    }
  }

  @Test
  void timeoutMustBeAPositiveDuration() {
    Cli.Result words = run("--job", "1001", "--timeout", "soon");
    Cli.Result zero = run("--job", "1001", "--timeout", "0s");

    assertThat(words.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(words.err()).contains("'soon' is not a duration");
    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(new TaskoptCommand.DurationConverter().convert("PT90S")).hasSeconds(90);
    assertThat(new TaskoptCommand.DurationConverter().convert("5m")).hasMinutes(5);
  }

  @Test
  void feedbackThatCannotBeSavedIsReportedWithItsOwnExitCodeAndTheAnswerIsKept()
      throws IOException {
    // a directory where the feedback lock file belongs: the answer works, saving feedback cannot
    Files.createDirectory(config.resolve(".model_performance_feedback.json.lock"));
    Path saved = dir.resolve("assessment.md");

    Cli.Result r = run("--job", "1001", "--save", saved.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FEEDBACK_NOT_SAVED);
    assertThat(r.out())
        .contains("Conclusion: 8/10")
        .contains("feedback:       NOT saved")
        .doesNotContain("recorded in");
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("The self-assessment is complete (saved to " + saved + ")")
        .contains(
            "feedback could not be saved to "
                + config.toRealPath().resolve("model_performance_feedback.json"));
    assertThat(Files.readString(saved)).isEqualTo(NARRATIVE);
  }

  @Test
  void jsonSaysWhenFeedbackWasNotSaved() throws IOException {
    Files.createDirectory(config.resolve(".model_performance_feedback.json.lock"));

    Cli.Result r = run("--job", "1001", "--json");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FEEDBACK_NOT_SAVED);
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.at("/feedback/saved").asBoolean(true)).isFalse();
    assertThat(json.get("self_assessment").asText()).isEqualTo(NARRATIVE);
  }

  @Test
  void aStreamThatFailsLeavesNoPartialAnswerOnAPipe() {
    ollama.enqueueFault(
        "gemma3:1b", io.taskoptimizer.testserver.Fault.errorLineAfterTokens(5, "runner crashed"));

    Cli.Result r = run("--job", "1001");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.out())
        .contains("Model:   gemma3:1b")
        .doesNotContain("Strengths")
        .doesNotContain("seven years");
  }

  @Test
  void aStreamThatFailsIsMarkedIncompleteOnATerminal() {
    ollama.enqueueFault(
        "gemma3:1b", io.taskoptimizer.testserver.Fault.errorLineAfterTokens(5, "runner crashed"));
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    Terminal terminal =
        new Terminal(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            java.util.Map.of(),
            false,
            true);

    int code =
        Main.run(
            terminal,
            "self-assessment",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            ollama.baseUrl().toString(),
            "--job",
            "1001");

    assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.RUNTIME);
    assertThat(out.toString())
        .contains("Strengths")
        .contains("[incomplete: the answer above was cut off");
  }
}
