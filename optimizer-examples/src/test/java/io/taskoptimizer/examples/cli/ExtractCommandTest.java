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

class ExtractCommandTest {

  static final String EXTRACTION =
      """
      TITLE: Senior Java Backend Engineer
      COMPANY: Northwind Logistics
      LOCATION: Berlin (hybrid)
      RESPONSIBILITIES:
      - Design, build and operate Java 17 microservices for invoice settlement on Kubernetes
      - Model payment events with Apache Kafka
      REQUIREMENTS:
      - At least 5 years of experience with Java and Spring Boot
      - Solid knowledge of SQL and PostgreSQL
      CONTACT: Jana Becker, jobs@northwind.example.com
      """;

  static final String OTHER =
      """
      TITLE: Data Engineer
      LOCATION: Köln
      RESPONSIBILITIES:
      - Build data pipelines with Python and Apache Spark
      REQUIREMENTS:
      - 3 years of Python and SQL
      CONTACT: karriere@rheinblick.example.de
      """;

  // job_extraction (weights 0.7/0.3) ranks gemma3:1b (0.850), llama3.2 (0.840), phi3:3.8b (0.794)
  private final OllamaTestServer ollama = OllamaTestServer.create();

  @TempDir Path dir;

  private Path config;
  private Path postings;
  private Path output;

  @BeforeEach
  void setUp() {
    config = Fixtures.exampleConfig(dir);
    postings = Fixtures.examplePostings(dir);
    output = dir.resolve("extractions");
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private Cli.Result run(String... extra) {
    String[] base = {
      "extract",
      "--config",
      config.toString(),
      "--postings",
      postings.toString(),
      "--output",
      output.toString(),
      "--ollama",
      ollama.baseUrl().toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Cli.run(all);
  }

  private void agreeingFleet() {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", EXTRACTION),
            ScriptedModel.of("llama3.2", EXTRACTION),
            ScriptedModel.of("phi3:3.8b", EXTRACTION))
        .start();
  }

  @Test
  void twoAgreeingModelsReachConsensusAndTheResultIsSaved() throws IOException {
    agreeingFleet();

    Cli.Result r = run("1001");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("Job 1001: Senior Java Backend Engineer (f/m/x)")
        .contains("Consensus reached")
        .contains("gemma3:1b vs llama3.2:latest")
        .contains("1.000  yes")
        .contains("Requirements:")
        .contains("- Solid knowledge of SQL and PostgreSQL")
        .contains("Saved to " + output.resolve("job1001_extraction.json"));
    JsonNode saved = Fixtures.json(Files.readString(output.resolve("job1001_extraction.json")));
    assertThat(saved.get("job_id").asText()).isEqualTo("1001");
    Path plain = Files.writeString(dir.resolve("written-normally.txt"), "x");
    assertThat(Files.getPosixFilePermissions(output.resolve("job1001_extraction.json")))
        .as("the extraction follows the umask, like any file")
        .isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(saved.get("consensus_reached").asBoolean()).isTrue();
    assertThat(saved.get("extraction_model").asText()).isEqualTo("gemma3:1b");
    assertThat(saved.get("requirements")).hasSize(2);
    assertThat(ollama.requests("/api/chat")).hasSize(2);
  }

  @Test
  void disagreementBringsInTheThirdModelAndIsReported() {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", OTHER),
            ScriptedModel.of("llama3.2", EXTRACTION),
            ScriptedModel.of("phi3:3.8b", OTHER))
        .start();

    Cli.Result r = run("1001", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode result = Fixtures.json(r.out()).get(0);
    assertThat(result.get("consensus_reached").asBoolean()).isTrue();
    assertThat(result.get("agreeing_models").get(0).asText()).isEqualTo("gemma3:1b");
    assertThat(result.get("agreeing_models").get(1).asText()).isEqualTo("phi3:3.8b");
    assertThat(result.get("extraction_model").asText()).isEqualTo("gemma3:1b");
    assertThat(result.get("similarities"))
        .anySatisfy(
            c -> {
              assertThat(c.get("models").get(1).asText()).isEqualTo("phi3:3.8b");
              assertThat(c.get("agree").asBoolean()).isTrue();
            });
    assertThat(result.get("saved_to").asText()).endsWith("job1001_extraction.json");
  }

  @Test
  void aFallbackThatIsNotAnExtractionFailsAndKeepsTheOutputs() throws IOException {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", "Sure! Here is the extraction you asked for."),
            ScriptedModel.of("llama3.2", "I cannot access external websites, sorry."),
            ScriptedModel.of("phi3:3.8b", "As an AI model I would need more context to help."))
        .start();

    Cli.Result r = run("1001");
    Cli.Result json = run("1001", "--json");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.out()).contains("Extraction failed").contains("is not usable");
    assertThat(r.err())
        .contains(
            "Job 1001: no two models agreed and the fallback extraction of gemma3:1b is not usable")
        .contains("names no responsibilities and no requirements")
        .contains("kept in");
    JsonNode saved = Fixtures.json(Files.readString(output.resolve("job1001_extraction.json")));
    assertThat(saved.get("candidates")).hasSize(3);
    assertThat(json.exitCode()).isEqualTo(ExitCodes.RUNTIME);
    JsonNode results =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readTree(json.out());
    assertThat(results.get(0).get("usable").asBoolean())
        .as("one JSON document, the results")
        .isFalse();
  }

  @Test
  void brokenPostingIsAnInputErrorAndNoModelRuns() {
    agreeingFleet();

    Cli.Result r = run("1004");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("1004")
        .contains("not sent to any model");
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void unknownJobIdIsAnInputError() {
    agreeingFleet();

    Cli.Result r = run("777");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().lines()).singleElement().asString().contains("No posting with id 777");
  }

  @Test
  void allExtractsEveryUsablePostingAndReportsTheBrokenOne() {
    agreeingFleet();

    Cli.Result r = run("--all");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.out())
        .contains("skipped job 1004")
        .contains("Job 1001:")
        .contains("Job 1002:")
        .contains("Job 1003:")
        .contains("Job 1005:");
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("1 of 5 postings could not be extracted (job 1004)");
    assertThat(output.resolve("job1005_extraction.json")).exists();
    assertThat(output.resolve("job1004_extraction.json")).doesNotExist();
  }

  @Test
  void allWarnsAboutTwoPostingsThatShareOneDescription() throws IOException {
    agreeingFleet();
    String copy =
        Files.readString(postings.resolve("job1001.json"))
            .replace("\"1001\"", "\"1006\"")
            .replace("Senior Java Backend Engineer (f/m/x)", "Payroll Specialist (f/m/x)");
    Files.writeString(postings.resolve("job1006.json"), copy);

    Cli.Result r = run("--all");

    assertThat(r.out()).contains("warning: Postings 1001 and 1006 have different titles");
  }

  @Test
  void aJobIdInsideThePostingCannotChooseWhereAllWrites() throws IOException {
    agreeingFleet();
    Files.writeString(
        postings.resolve("job1001.json"),
        Files.readString(postings.resolve("job1001.json"))
            .replace("\"job_id\": \"1001\"", "\"job_id\": \"/../../escaped\""));

    Cli.Result r = run("--all");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.out())
        .contains("Invalid job id '/../../escaped'")
        .contains("job1002_extraction.json");
    assertThat(dir.getParent().resolve("escaped_extraction.json")).doesNotExist();
    assertThat(dir.resolve("escaped_extraction.json")).doesNotExist();
    try (var files = Files.list(output)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(n -> n.matches("job100[0-9]_extraction.json"));
    }
  }

  @Test
  void theIdGivenOnTheCommandLineNamesTheResultNotTheIdInsideThePosting() throws IOException {
    agreeingFleet();
    Files.writeString(
        postings.resolve("job1001.json"),
        Files.readString(postings.resolve("job1001.json"))
            .replace("\"job_id\": \"1001\"", "\"job_id\": \"../../escaped\""));

    Cli.Result r = run("1001");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(output.resolve("job1001_extraction.json")).exists();
    assertThat(dir.resolve("escaped_extraction.json")).doesNotExist();
  }

  @Test
  void aJobIdWithANulOrAPathIsAnInputError() {
    agreeingFleet();

    Cli.Result nul = run("10\u00001");
    Cli.Result path = run("../1001");

    assertThat(nul.exitCode()).as(nul.toString()).isEqualTo(ExitCodes.INPUT);
    assertThat(nul.err().lines())
        .singleElement()
        .asString()
        .contains("Invalid job id '10^@1'")
        .contains("letters, digits");
    assertThat(path.exitCode()).as(path.toString()).isEqualTo(ExitCodes.INPUT);
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void anUnknownModelInModelsIsAUsageError() {
    agreeingFleet();

    Cli.Result r = run("1001", "--models", "gemma3:1b,nosuch:7b");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("'nosuch:7b'")
        .contains("gemma3:1b");
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void noConsensusIsSaidOnce() {
    ollama
        .models(
            ScriptedModel.of("gemma3:1b", OTHER),
            ScriptedModel.of("llama3.2", EXTRACTION),
            ScriptedModel.of(
                "phi3:3.8b", "TITLE: Gardener\nLOCATION: Lisbon\nREQUIREMENTS:\n- Plants\n"))
        .start();

    Cli.Result r = run("1001");

    assertThat(r.out())
        .as(r.toString())
        .contains("No consensus: no two outputs agree")
        .doesNotContain("No consensus: No consensus");
  }

  @Test
  void idsAndAllTogetherIsAUsageError() {
    Cli.Result r = Cli.run("extract", "1001", "--all");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("not both");
  }

  @Test
  void ollamaDownFailsWithTheUrl() {
    String down = Fixtures.closedPortUrl();

    Cli.Result r =
        Cli.run(
            "extract",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            postings.toString(),
            "--ollama",
            down);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.OLLAMA_UNREACHABLE);
    assertThat(r.err().lines()).singleElement().asString().contains(down).contains("ollama serve");
  }

  @Test
  void missingPostingsDirectoryTellsHowToCreateOne() {
    Cli.Result r =
        Cli.run(
            "extract",
            "1001",
            "--config",
            config.toString(),
            "--postings",
            dir.resolve("none").toString(),
            "--ollama",
            Fixtures.closedPortUrl());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("No postings directory")
        .contains("--postings");
  }
}
