package io.taskoptimizer.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.core.internal.benchmark.report.ReportRendererTest;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The whole learning loop against the Ollama test server: three scripted models (one fast and good,
 * one medium, one slow and bad) run the built-in samples through the real Ollama provider, the
 * built-in assessors score them, the feedback updates the rankings, and the three reports are
 * written. The quality gaps are wide enough that a scheduling hiccup on a loaded machine (which can
 * only slow a model down) cannot reorder the models.
 */
class BenchmarkEndToEndTest {

  private static final List<TaskType> TASKS =
      List.of(TaskType.SKILL_DECOMPOSITION, TaskType.DOMAIN_RELATIONSHIP, TaskType.JOB_EXTRACTION);

  @TempDir Path dir;

  private OllamaTestServer server;
  private OllamaProvider provider;
  private TaskOptimizer optimizer;

  /** Answers of one quality level, by what the built-in sample asks for. */
  private static String answer(String level, RecordedRequest req) {
    String prompt = req.lastUserMessage().orElse("");
    boolean german =
        prompt.contains("Zerlege")
            || prompt.contains("Fachgebiete")
            || prompt.contains("Extrahiere");
    if (prompt.contains("Break the requirement") || prompt.contains("Zerlege")) {
      return switch (level) {
        case "ace" ->
            german
                ? "{\"skills\": [\"SQL\", \"Python\", \"Datenvisualisierung\", \"Statistik\", \"Vertriebskennzahlen\"]}"
                : "{\"skills\": [\"Event modelling\", \"Kafka messaging\", \"Idempotent consumers\", \"Schema evolution\","
                    + " \"Monitoring and alerting\"]}";
        case "mid" ->
            german
                ? "Hier ist die Liste:\n{\"skills\": [\"SQL\", \"SQL\", \"Excel\"]}"
                : "Here is the list:\n{\"skills\": [\"Kafka\", \"kafka\", \"Monitoring\"]}";
        default ->
            german
                ? "Gerne! SQL. Möchtest du mehr?"
                : "Sure! Here are some skills: Kafka. Let me know if you need more!";
      };
    }
    if (prompt.contains("relationship_score") || prompt.contains("Fachgebiete")) {
      return switch (level) {
        case "ace" ->
            german
                ? "{\"score\": 7, \"begruendung\": \"Machine Learning baut auf Statistik auf.\"}"
                : "{\"relationship_score\": 0.8, \"explanation\": \"Kubernetes runs the containers Docker builds.\"}";
        case "mid" ->
            german
                ? "{\"score\": 70, \"begruendung\": \"Eng verwandt.\"}"
                : "{\"relationship_score\": 8, \"explanation\": \"Closely related.\"}";
        default -> german ? "Sehr verwandt." : "They are quite related, I think.";
      };
    }
    if (prompt.contains("Extract the job title") || prompt.contains("Extrahiere")) {
      return switch (level) {
        case "ace" ->
            german
                ? "{\"title\": \"Data Analyst\", \"company\": \"Sonnenfeld Energie AG\", \"location\": \"Leipzig\","
                    + " \"requirements\": [\"Abgeschlossenes Studium der Statistik, Informatik oder Wirtschaftswissenschaften\","
                    + " \"Sehr gute Kenntnisse in SQL und Python\", \"Erfahrung mit Power BI\","
                    + " \"Sichere Deutschkenntnisse in Wort und Schrift\"]}"
                : "{\"title\": \"Senior Backend Engineer\", \"company\": \"Nordlicht Logistics GmbH\", \"location\": \"Hamburg\","
                    + " \"requirements\": [\"5+ years of experience with Java and Spring Boot\","
                    + " \"Solid knowledge of PostgreSQL, including query tuning\","
                    + " \"Experience with Kafka or another message broker\", \"Familiarity with Docker and Kubernetes\","
                    + " \"Fluent English; German is a plus\"]}";
        case "mid" ->
            german
                ? "{\"title\": \"Data Analyst\", \"location\": \"\", \"requirements\": [\"SQL\", \"Kubernetes\", \"JobRad\"]}"
                : "{\"title\": \"Senior Backend Engineer\", \"location\": \"\","
                    + " \"requirements\": [\"Java\", \"Rust and Terraform\", \"30 days of vacation\"]}";
        default ->
            german
                ? "Eine Stelle als Analyst."
                : "Here is the extraction: a backend job somewhere.";
      };
    }
    return "unexpected prompt";
  }

  @BeforeEach
  void start() throws Exception {
    server =
        OllamaTestServer.create()
            .model(
                ScriptedModel.builder("ace:7b")
                    .responder(r -> answer("ace", r))
                    .coldLoad(Duration.ofMillis(40))
                    .timeToFirstToken(Duration.ofMillis(5))
                    .build())
            .model(
                ScriptedModel.builder("mid:3b")
                    .responder(r -> answer("mid", r))
                    .coldLoad(Duration.ofMillis(20))
                    .timeToFirstToken(Duration.ofMillis(60))
                    .build())
            .model(
                ScriptedModel.builder("poor:1b")
                    .responder(r -> answer("poor", r))
                    .coldLoad(Duration.ofMillis(10))
                    .timeToFirstToken(Duration.ofMillis(150))
                    .build())
            .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    // all three start equal (and in the wrong order): only the benchmark's evidence can order them
    StringBuilder rankings = new StringBuilder("{");
    for (TaskType t : TASKS) {
      rankings.append(rankings.length() > 1 ? "," : "").append('"').append(t.id()).append("\": [");
      rankings.append("{\"model\": \"poor:1b\", \"quality_score\": 0.5, \"speed_score\": 0.5},");
      rankings.append("{\"model\": \"mid:3b\", \"quality_score\": 0.5, \"speed_score\": 0.5},");
      rankings.append("{\"model\": \"ace:7b\", \"quality_score\": 0.5, \"speed_score\": 0.5}]");
    }
    Files.writeString(dir.resolve("model_rankings.json"), rankings.append('}').toString());
    optimizer = TaskOptimizer.builder().configDirectory(dir).addProvider(provider).build();
  }

  @AfterEach
  void stop() {
    if (optimizer != null) {
      optimizer.close();
    }
    if (provider != null) {
      provider.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ranksThreeScriptedModelsByTheirMeasuredQualityAndSpeedAndWritesTheReports()
      throws Exception {
    BenchmarkResult result =
        BenchmarkRunner.builder(optimizer)
            .tasks(TASKS)
            .repeats(2)
            .updateRankings(true)
            .build()
            .run();

    // every model ran every built-in sample of the three tasks twice, one call at a time
    assertThat(result.cancelled()).isFalse();
    assertThat(result.models()).containsExactlyInAnyOrder("ace:7b", "mid:3b", "poor:1b");
    assertThat(result.runs()).hasSize(3 * 3 * 2 * 2).allMatch(BenchmarkRun::success);
    assertThat(server.maxActiveGenerations()).isEqualTo(1);
    assertThat(result.warmUps())
        .hasSize(3)
        .allSatisfy(
            w -> {
              assertThat(w.error()).isEmpty();
              assertThat(w.loadTime()).isPresent();
            });

    // the benchmark's own ranking and the updated rankings agree: ace, mid, poor on every task
    for (TaskType task : TASKS) {
      assertThat(result.results(task))
          .extracting(TaskModelResult::model)
          .as(task.id())
          .containsExactly("ace:7b", "mid:3b", "poor:1b");
      assertThat(optimizer.rankings(task))
          .extracting(RankedModel::model)
          .as(task.id())
          .containsExactly("ace:7b", "mid:3b", "poor:1b");
    }
    assertThat(
            result
                .result(TaskType.SKILL_DECOMPOSITION, "ace:7b")
                .orElseThrow()
                .quality()
                .getAsDouble())
        .isGreaterThan(0.9);
    assertThat(
            result
                .result(TaskType.SKILL_DECOMPOSITION, "poor:1b")
                .orElseThrow()
                .quality()
                .getAsDouble())
        .isLessThan(0.5);
    assertThat(result.rankingUpdate()).hasValueSatisfying(u -> assertThat(u.written()).isTrue());
    assertThat(optimizer.bestModelFor(TaskType.JOB_EXTRACTION)).isEqualTo("ace:7b");

    // the three reports
    BenchmarkReports.Written written = BenchmarkReports.write(result, dir.resolve("reports"));
    JsonNode json = new ObjectMapper().readTree(Files.readString(written.json()));
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("results"))
        .hasSize(3)
        .allSatisfy(
            t -> {
              assertThat(t.get("models")).hasSize(3);
              assertThat(t.get("models").get(0).get("model").asText()).isEqualTo("ace:7b");
              assertThat(t.get("models").get(0).get("latency_seconds").get("median").asDouble())
                  .isPositive();
            });
    assertThat(json.get("runs")).hasSize(36);

    String md = Files.readString(written.markdown());
    List<String> lines = Arrays.asList(md.split("\n"));
    assertThat(lines).filteredOn(l -> l.startsWith("| Rank | Model |")).hasSize(3);
    assertThat(lines)
        .filteredOn(l -> l.matches("\\| [1-3] \\| (ace:7b|mid:3b|poor:1b) \\|.*\\|"))
        .hasSize(9);

    Document html = ReportRendererTest.parseXml(Files.readString(written.html()));
    assertThat(html.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength())
        .isEqualTo(3);
  }
}
