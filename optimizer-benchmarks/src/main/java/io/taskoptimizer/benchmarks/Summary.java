package io.taskoptimizer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.consensus.SequenceMatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a JMH JSON result file (and optionally {@code difflib_bench.py}'s JSON) into the text
 * summary that {@code run.sh} writes: every figure of issue 7 beside its target, with the derived
 * ones (naive/optimized ratio, requests per second, consensus overhead, speed-up over CPython)
 * computed here so that they come from the same run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.taskoptimizer.benchmarks.Summary jmh.json
 * [difflib.json]}.
 */
public final class Summary {

  private static final String PKG = "io.taskoptimizer.benchmarks.";

  private final JsonNode jmh;
  private final Optional<JsonNode> difflib;
  private final List<String[]> rows = new ArrayList<>();

  private Summary(JsonNode jmh, Optional<JsonNode> difflib) {
    this.jmh = jmh;
    this.difflib = difflib;
  }

  /**
   * Prints the summary of {@code args[0]} (JMH JSON) and optional {@code args[1]} (difflib JSON).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Summary <jmh-result.json> [difflib-result.json]");
      System.exit(2);
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode jmh = mapper.readTree(Files.readAllBytes(Path.of(args[0])));
    Optional<JsonNode> difflib = Optional.empty();
    if (args.length == 2 && Files.exists(Path.of(args[1]))) {
      difflib = Optional.of(mapper.readTree(Files.readAllBytes(Path.of(args[1]))));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new Summary(jmh, difflib).print(out);
  }

  private void print(PrintStream out) {
    selection();
    feedback();
    flush();
    sequenceMatcher();
    consensus();
    provider();
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    String header =
        String.format(
            "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s",
            "figure",
            "measured",
            "target",
            "verdict");
    out.println(header);
    out.println("-".repeat(header.length() + 8));
    for (String[] r : rows) {
      out.println(
          String.format(
                  "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s", (Object[]) r)
              .stripTrailing());
    }
  }

  // ------------------------------------------------------------------ sections

  private void selection() {
    Optional<JsonNode> one = result("SelectionBenchmark.bestModelFor");
    Optional<JsonNode> two = result("SelectionBenchmark.bestModelFor_2threads");
    Optional<JsonNode> naive = result("SelectionBenchmark.naiveReadAndParse");
    Optional<JsonNode> naive2 = result("SelectionBenchmark.naiveReadAndParse_2threads");
    one.ifPresent(
        r -> {
          row("bestModelFor, 1 thread", time(r), "< 50 ns", verdict(ns(r) < 50));
          alloc(r, "bestModelFor, 1 thread");
        });
    two.ifPresent(
        r -> {
          row(
              "bestModelFor, 2 threads (per call)",
              time(r) + "; " + perSecond(r) + " calls/s in all",
              "< 50 ns",
              verdict(ns(r) < 50));
          alloc(r, "bestModelFor, 2 threads");
        });
    naive.ifPresent(
        r -> {
          row("naive read+parse per call, 1 thread", time(r) + alloc(r), "(baseline)", "");
          one.ifPresent(
              o ->
                  row(
                      "  ratio naive / bestModelFor, 1 thread",
                      String.format(Locale.ROOT, "%,.0fx faster", ns(r) / ns(o)),
                      "",
                      ""));
        });
    naive2.ifPresent(
        r -> {
          row("naive read+parse per call, 2 threads", time(r) + alloc(r), "(baseline)", "");
          two.ifPresent(
              o ->
                  row(
                      "  ratio naive / bestModelFor, 2 threads",
                      String.format(Locale.ROOT, "%,.0fx faster", ns(r) / ns(o)),
                      "",
                      ""));
        });
  }

  private void feedback() {
    for (String[] b :
        new String[][] {
          {"record", "recordFeedback, 1 thread"},
          {"record_2threads", "recordFeedback, 2 threads"},
          {"recordWithQuality", "recordFeedback with quality, 1 thread"},
          {"recordWithQuality_2threads", "recordFeedback with quality, 2 threads"}
        }) {
      result("FeedbackBenchmark." + b[0])
          .ifPresent(
              r -> {
                double perSec = opsPerSecond(r);
                row(
                    b[1],
                    String.format(Locale.ROOT, "%,.1f M events/s", perSec / 1e6) + alloc(r),
                    "> 5 M/s",
                    verdict(perSec > 5e6));
              });
    }
  }

  private void flush() {
    result("FlushBenchmark.flush")
        .ifPresent(
            r ->
                row(
                    "flush of 6 tasks x 20 models (fsync incl.)",
                    time(r) + alloc(r),
                    "(reported)",
                    ""));
  }

  private void sequenceMatcher() {
    for (String pair : PostingPairs.NAMES) {
      Optional<JsonNode> r = result("SequenceMatcherBenchmark.ratio", pair);
      if (r.isEmpty()) {
        continue;
      }
      double javaNs = ns(r.get());
      PostingPairs.Pair p = PostingPairs.load(pair);
      double javaRatio = new SequenceMatcher(p.a(), p.b()).ratio();
      String label =
          "SequenceMatcher.ratio() "
              + pair
              + String.format(Locale.ROOT, " (ratio %.4f)", javaRatio);
      Optional<JsonNode> py =
          difflib.map(d -> d.path("pairs").path(pair)).filter(n -> !n.isMissingNode());
      if (py.isEmpty()) {
        row(label, time(r.get()), ">= 40x CPython", "CPython not measured");
        continue;
      }
      double pyNs = py.get().path("seconds_per_call").asDouble() * 1e9;
      double speedup = pyNs / javaNs;
      boolean same = py.get().path("ratio").asDouble() == javaRatio;
      row(
          label,
          time(r.get())
              + String.format(Locale.ROOT, " vs CPython %s = %.0fx", format(pyNs), speedup)
              + (same ? "" : " (RATIO DIFFERS FROM DIFFLIB!)"),
          ">= 40x CPython",
          verdict(speedup >= 40 && same));
    }
  }

  private void consensus() {
    for (String delivery : new String[] {"burst", "streamed"}) {
      consensus(delivery);
    }
  }

  private void consensus(String delivery) {
    int slower = Math.max(ConsensusFixture.LATENCY_1_MS, ConsensusFixture.LATENCY_2_MS);
    Optional<JsonNode> bare = result("ConsensusBaselineBenchmark.bareHttpCall", delivery);
    Optional<JsonNode> provider = result("ConsensusBaselineBenchmark.providerCall", delivery);
    Optional<JsonNode> execute = result("ConsensusBaselineBenchmark.optimizerExecute", delivery);
    String label = "agreeing 2-model consensus (" + delivery + "), wall - " + slower + " ms";
    result("ConsensusBenchmark.extract", "agree", delivery)
        .ifPresentOrElse(
            r -> {
              double ms = ns(r) / 1e6;
              row(
                  label,
                  String.format(Locale.ROOT, "%.2f ms (wall %.2f ms)", ms - slower, ms),
                  "< 5 ms",
                  verdict(ms - slower < 5));
              if (bare.isPresent() && provider.isPresent() && execute.isPresent()) {
                double b = ns(bare.get()) / 1e6;
                double p = ns(provider.get()) / 1e6;
                double e = ns(execute.get()) / 1e6;
                row(
                    "  loopback HTTP + test server (bare HttpClient call - " + slower + " ms)",
                    String.format(Locale.ROOT, "%.2f ms", b - slower),
                    "",
                    "");
                row(
                    "  + Ollama provider (provider call - bare call)",
                    String.format(Locale.ROOT, "%.2f ms", p - b),
                    "",
                    "");
                row(
                    "  + TaskOptimizer.execute (execute - provider call)",
                    String.format(Locale.ROOT, "%.2f ms", e - p),
                    "",
                    "");
                result("ConsensusBaselineBenchmark.assessOutput", delivery)
                    .ifPresent(
                        a ->
                            row(
                                "    of which the quality assessors on the 2 KB answer",
                                time(a),
                                "",
                                ""));
                row(
                    "  + the consensus itself (consensus - execute)",
                    String.format(Locale.ROOT, "%.2f ms", ms - e),
                    "",
                    "");
              }
            },
            () -> missing("ConsensusBenchmark.", label));
    int expected = slower + ConsensusFixture.LATENCY_3_MS;
    String label3 =
        "disagreeing consensus + 3rd model (" + delivery + "), wall - " + expected + " ms";
    result("ConsensusBenchmark.extract", "disagree", delivery)
        .ifPresentOrElse(
            r -> {
              double ms = ns(r) / 1e6;
              row(
                  label3,
                  String.format(Locale.ROOT, "%.2f ms (wall %.2f ms)", ms - expected, ms),
                  "(reported)",
                  "");
            },
            () -> missing("ConsensusBenchmark.", label3));
  }

  private void provider() {
    for (String words : new String[] {"64", "320"}) {
      for (String mode : new String[] {"Streaming", "NonStreaming"}) {
        for (String threads : new String[] {"", "_2threads"}) {
          String label =
              "Ollama provider, "
                  + words
                  + " tokens, "
                  + (mode.equals("Streaming") ? "streaming" : "non-streaming")
                  + ", "
                  + (threads.isEmpty() ? "1 thread" : "2 threads");
          Optional<JsonNode> r = result("OllamaProviderBenchmark.provider" + mode + threads, words);
          Optional<JsonNode> raw =
              result("OllamaProviderBenchmark.rawHttp" + mode + threads, words);
          if (r.isEmpty()) {
            missing("OllamaProviderBenchmark.", label);
            continue;
          }
          row(
              label,
              perSecond(r.get()) + " req/s (" + time(r.get()) + " per call)" + alloc(r.get()),
              "(reported)",
              verdictOf(r.get()));
          raw.ifPresent(
              b ->
                  row(
                      "  client overhead over a bare HttpClient",
                      format(ns(r.get()) - ns(b))
                          + " per request (bare: "
                          + perSecond(b)
                          + " req/s, "
                          + time(b)
                          + ")",
                      "(reported)",
                      ""));
        }
      }
    }
  }

  /** A row for a benchmark whose class ran but which has no result: it failed (see the log). */
  private void missing(String benchmarkClass, String label) {
    boolean classRan = false;
    for (JsonNode r : jmh) {
      classRan |= r.path("benchmark").asText().startsWith(PKG + benchmarkClass);
    }
    if (classRan) {
      row(
          label,
          "no result: the benchmark failed (see the .log) or was filtered out",
          "",
          "FAILED");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The result of the benchmark whose parameters include all the given values. */
  private Optional<JsonNode> result(String name, String... params) {
    for (JsonNode r : jmh) {
      if (!r.path("benchmark").asText().equals(PKG + name)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      r.path("params").forEach(v -> values.add(v.asText()));
      if (values.containsAll(List.of(params))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The primary score in nanoseconds per operation (per thread). */
  private static double ns(JsonNode r) {
    JsonNode m = r.path("primaryMetric");
    double score = m.path("score").asDouble();
    String unit = m.path("scoreUnit").asText();
    return switch (unit) {
      case "ns/op" -> score;
      case "us/op" -> score * 1e3;
      case "ms/op" -> score * 1e6;
      case "s/op" -> score * 1e9;
      case "ops/s" -> 1e9 / score * r.path("threads").asInt(1);
      default -> throw new IllegalArgumentException("Unsupported unit " + unit);
    };
  }

  private static double opsPerSecond(JsonNode r) {
    JsonNode m = r.path("primaryMetric");
    if (m.path("scoreUnit").asText().equals("ops/s")) {
      return m.path("score").asDouble();
    }
    return r.path("threads").asInt(1) * 1e9 / ns(r);
  }

  private static String perSecond(JsonNode r) {
    return String.format(Locale.ROOT, "%,.0f", opsPerSecond(r));
  }

  private static String verdictOf(JsonNode r) {
    return incomplete(r).isEmpty() ? "" : "FAILED";
  }

  /** A note when some measurement iterations failed (JMH then reports the others). */
  private static String incomplete(JsonNode r) {
    int samples = 0;
    for (JsonNode fork : r.path("primaryMetric").path("rawData")) {
      samples += fork.size();
    }
    int expected = r.path("measurementIterations").asInt() * r.path("forks").asInt();
    return samples < expected
        ? " [INCOMPLETE: "
            + samples
            + " of "
            + expected
            + " iterations, the others failed; see the .log]"
        : "";
  }

  private static String time(JsonNode r) {
    JsonNode m = r.path("primaryMetric");
    String err = "";
    double e = m.path("scoreError").asDouble(Double.NaN);
    if (Double.isFinite(e) && !m.path("scoreUnit").asText().equals("ops/s")) {
      err = " ± " + format(e * ns(r) / m.path("score").asDouble());
    }
    return format(ns(r)) + err + incomplete(r);
  }

  private static String format(double ns) {
    if (Math.abs(ns) >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    if (Math.abs(ns) >= 1e3) {
      return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ns", ns);
  }

  private static Optional<Double> allocation(JsonNode r) {
    JsonNode sec = r.path("secondaryMetrics");
    for (String key : new String[] {"gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"}) {
      JsonNode n = sec.path(key);
      if (!n.isMissingNode()) {
        return Optional.of(n.path("score").asDouble());
      }
    }
    return Optional.empty();
  }

  private static String alloc(JsonNode r) {
    return allocation(r)
        .map(
            b ->
                String.format(
                    Locale.ROOT,
                    ", %s B/op",
                    b < 10
                        ? String.format(Locale.ROOT, "%.3f", b)
                        : String.format(Locale.ROOT, "%,.0f", b)))
        .orElse("");
  }

  private void alloc(JsonNode r, String label) {
    Optional<Double> b = allocation(r);
    if (b.isPresent()) {
      // JMH's normalised allocation has sampling noise of a few thousandths of a byte
      row(
          "  " + label + ": allocation",
          String.format(Locale.ROOT, "%.3f B/call", b.get()),
          "0 B/call",
          verdict(b.get() < 0.5));
    } else {
      row("  " + label + ": allocation", "not measured (run with -prof gc)", "0 B/call", "");
    }
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private void row(String figure, String measured, String target, String verdict) {
    rows.add(new String[] {figure, measured, target, verdict});
  }
}
