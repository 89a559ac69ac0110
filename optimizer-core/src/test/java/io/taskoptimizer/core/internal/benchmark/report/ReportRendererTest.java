package io.taskoptimizer.core.internal.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.core.RankingUpdate;
import io.taskoptimizer.core.benchmark.BenchmarkReports;
import io.taskoptimizer.core.benchmark.BenchmarkResult;
import io.taskoptimizer.core.benchmark.BenchmarkRun;
import io.taskoptimizer.core.benchmark.ModelWarmUp;
import io.taskoptimizer.core.benchmark.TaskModelResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The reports' content, and writing them through {@link BenchmarkReports}. */
public class ReportRendererTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;
  private static final TaskType DR = TaskType.DOMAIN_RELATIONSHIP;
  private static final String EVIL = "evil<script>alert(\"x&y\")</script>|*`'";
  private static final Instant START = Instant.parse("2025-06-01T03:00:00Z");

  @TempDir Path dir;

  private static TaskModelResult row(
      TaskType task,
      String model,
      double quality,
      double speed,
      double weighted,
      int rank,
      int runs,
      int successes) {
    Optional<Duration> l = Optional.of(Duration.ofMillis(Math.round(100 / Math.max(speed, 0.01))));
    return new TaskModelResult(
        task,
        model,
        "ollama",
        runs,
        successes,
        OptionalDouble.of(quality),
        l,
        l,
        l,
        l,
        Optional.of(Duration.ofMillis(5)),
        speed,
        weighted,
        rank);
  }

  static BenchmarkResult sample(boolean withUpdate) {
    List<TaskModelResult> results = new ArrayList<>();
    // self_assessment: a trade-off, so the front has two models; the third is dominated
    results.add(row(SA, "ace:7b", 0.9, 0.5, 0.74, 1, 2, 2));
    results.add(row(SA, EVIL, 0.6, 1.0, 0.76, 2, 2, 2));
    results.add(row(SA, "poor:1b", 0.3, 0.4, 0.34, 3, 2, 1));
    results.add(row(DR, "ace:7b", 0.95, 1.0, 0.95, 1, 2, 2));
    results.add(row(DR, EVIL, 0.2, 0.3, 0.2, 2, 2, 2));
    List<BenchmarkRun> runs =
        List.of(
            new BenchmarkRun(
                SA,
                "ace:7b",
                "self_assessment/x",
                1,
                true,
                Optional.of(Duration.ofMillis(200)),
                Optional.of(Duration.ofMillis(20)),
                OptionalDouble.of(0.9),
                false,
                OptionalInt.of(120),
                Optional.empty()),
            new BenchmarkRun(
                SA,
                "poor:1b",
                "self_assessment/x",
                2,
                false,
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                false,
                OptionalInt.empty(),
                Optional.of("ProviderTimeoutException: <timed out>")));
    Map<TaskType, PriorityWeights> weights = new LinkedHashMap<>();
    weights.put(SA, SA.defaultWeights());
    weights.put(DR, DR.defaultWeights());
    Optional<RankingUpdate> update =
        withUpdate
            ? Optional.of(
                new RankingUpdate(
                    START.plusSeconds(60),
                    true,
                    true,
                    List.of(
                        new RankingChange(
                            SA,
                            "ace:7b",
                            RankingChange.Kind.RESCORED,
                            Optional.of(new RankedModel("ace:7b", 0.5, 0.5)),
                            new RankedModel("ace:7b", 0.7, 0.6),
                            2,
                            1,
                            "quality from 2 rating(s)")),
                    List.of(),
                    List.of("gone:1b"),
                    List.of(),
                    List.of("a note with <angle> brackets")))
            : Optional.empty();
    return new BenchmarkResult(
        START,
        START.plusSeconds(61),
        false,
        2,
        1,
        List.of("ace:7b", EVIL, "poor:1b"),
        List.of(SA, DR),
        List.of(new SkippedModel("missing:1b", "not served by any provider")),
        List.of(
            new ModelWarmUp(
                "ace:7b",
                "ollama",
                Optional.of(Duration.ofMillis(1500)),
                Duration.ofMillis(1600),
                Optional.empty())),
        runs,
        results,
        weights,
        update);
  }

  @Test
  void writesJsonWithAStableDocumentedSchema() throws Exception {
    JsonNode root = new ObjectMapper().readTree(BenchmarkReports.json(sample(true)));

    assertThat(root.get("schema_version").asInt()).isEqualTo(BenchmarkReports.SCHEMA_VERSION);
    assertThat(root.get("duration_seconds").asDouble()).isEqualTo(61.0);
    assertThat(root.get("tasks"))
        .extracting(JsonNode::asText)
        .containsExactly("self_assessment", "domain_relationship");
    JsonNode sa = root.get("results").get(0);
    assertThat(sa.get("weights").get("quality").asDouble()).isEqualTo(0.6);
    assertThat(sa.get("models"))
        .extracting(m -> m.get("model").asText())
        .containsExactly("ace:7b", EVIL, "poor:1b");
    assertThat(sa.get("models"))
        .extracting(m -> m.get("pareto_optimal").asBoolean())
        .containsExactly(true, true, false);
    assertThat(sa.get("models").get(0).get("latency_seconds").get("median").asDouble())
        .isEqualTo(0.2);
    assertThat(root.get("runs").get(1).get("error").asText()).contains("timed out");
    assertThat(root.get("runs").get(1).get("latency_seconds").isNull()).isTrue();
    assertThat(root.get("warm_ups").get(0).get("load_seconds").asDouble()).isEqualTo(1.5);
    assertThat(root.get("skipped_models").get(0).get("model").asText()).isEqualTo("missing:1b");
    JsonNode change = root.get("ranking_update").get("changes").get(0);
    assertThat(change.get("kind").asText()).isEqualTo("RESCORED");
    assertThat(change.get("rank_before").asInt()).isEqualTo(2);
    assertThat(
            new ObjectMapper()
                .readTree(BenchmarkReports.json(sample(false)))
                .get("ranking_update")
                .isNull())
        .isTrue();
  }

  @Test
  void writesAMarkdownTablePerTask() {
    String md = ReportRenderer.markdown(sample(true));

    assertThat(md).contains("## self\\_assessment", "## domain\\_relationship");
    assertThat(md.split("\n"))
        .filteredOn(
            l ->
                l.startsWith(
                    "| Rank | Model | Quality | Speed | Latency median"
                        + " | Latency p95 | Success rate | Weighted score |"))
        .hasSize(2);
    assertThat(md)
        .contains("| 1 | ace:7b | 0.900 | 0.500 | 200 ms | 200 ms | 100% (2/2) | 0.740 |");
    assertThat(md)
        .contains("| 3 | poor:1b | 0.300 | 0.400 | 250 ms | 250 ms | 50% (1/2) | 0.340 |");
    // a model name cannot break the table
    assertThat(md).contains("evil\\<script\\>alert(\"x&y\")\\</script\\>\\|\\*\\`'");
    assertThat(md)
        .contains(
            "## Warm-up",
            "1.50 s",
            "## Skipped models",
            "missing:1b",
            "## Failed runs",
            "## Ranking update");
  }

  @Test
  void writesSelfContainedXhtmlWithOneChartPerTaskAndEverythingEscaped() throws Exception {
    String html = ReportRenderer.html(sample(true));

    Document doc = parseXml(html);
    NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    assertThat(svgs.getLength()).isEqualTo(2);
    assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    assertThat(html).doesNotContain("<script>", "src=", "href=", "@import", "url(");
    assertThat(html).contains("evil&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;");
    // the Pareto front of self_assessment: two highlighted points and a line through them
    NodeList circles =
        ((org.w3c.dom.Element) svgs.item(0))
            .getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
    int front = 0;
    for (int i = 0; i < circles.getLength(); i++) {
      if ("front".equals(((org.w3c.dom.Element) circles.item(i)).getAttribute("class"))) {
        front++;
      }
    }
    assertThat(circles.getLength()).isEqualTo(3);
    assertThat(front).isEqualTo(2);
    assertThat(
            ((org.w3c.dom.Element) svgs.item(0))
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline")
                .getLength())
        .isEqualTo(1);
    assertThat(html).contains("a note with &lt;angle&gt; brackets");
  }

  @Test
  void dropsCharactersXmlCannotCarry() throws Exception {
    assertThat(ReportRenderer.esc("a\u0000b\uD800c\uD83D\uDE00"))
        .isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
  }

  @Test
  void findsTheParetoFrontAmongScoredModels() {
    List<TaskModelResult> rows =
        List.of(
            row(SA, "a", 0.9, 0.2, 0, 1, 1, 1),
            row(SA, "b", 0.5, 0.9, 0, 2, 1, 1),
            row(SA, "c", 0.4, 0.8, 0, 3, 1, 1),
            row(SA, "d", 0.9, 0.2, 0, 4, 1, 1));

    assertThat(ReportRenderer.paretoFront(rows))
        .extracting(TaskModelResult::model)
        .containsExactly("a", "d", "b");
  }

  @Test
  void writesTheThreeFilesNamedAfterTheStartTime() throws Exception {
    BenchmarkReports.Written w = BenchmarkReports.write(sample(true), dir.resolve("reports"));

    assertThat(w.json()).hasFileName("benchmark-20250601-030000.json").exists();
    assertThat(w.markdown()).hasFileName("benchmark-20250601-030000.md").exists();
    assertThat(w.html()).hasFileName("benchmark-20250601-030000.html").exists();
    assertThat(Files.readString(w.json())).isEqualTo(BenchmarkReports.json(sample(true)));
    try (var files = Files.list(dir.resolve("reports"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(3)
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThatThrownBy(() -> BenchmarkReports.write(sample(true), dir, "../escape"))
        .isInstanceOf(IllegalArgumentException.class);
    java.nio.file.Path plain = Files.writeString(dir.resolve("written-normally.txt"), "x");
    assertThat(Files.getPosixFilePermissions(w.json()))
        .as("reports follow the umask, like any file")
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  /** Parses XHTML as XML, so a test can check that a report is well-formed. */
  public static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
