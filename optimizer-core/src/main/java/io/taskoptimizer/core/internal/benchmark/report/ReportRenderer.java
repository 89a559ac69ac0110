package io.taskoptimizer.core.internal.benchmark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.core.RankingUpdate;
import io.taskoptimizer.core.benchmark.BenchmarkReports;
import io.taskoptimizer.core.benchmark.BenchmarkResult;
import io.taskoptimizer.core.benchmark.BenchmarkRun;
import io.taskoptimizer.core.benchmark.ModelWarmUp;
import io.taskoptimizer.core.benchmark.TaskModelResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a {@link BenchmarkResult} as JSON, Markdown and self-contained XHTML with SVG charts.
 * Internal: callers use {@link BenchmarkReports}, which documents the JSON schema and writes the
 * files.
 */
public final class ReportRenderer {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportRenderer() {}

  // ------------------------------------------------------------------ JSON

  /**
   * The JSON report (see {@link BenchmarkReports} for the schema).
   *
   * @param r the benchmark result; must not be null
   * @return the report as indented JSON
   */
  public static String json(BenchmarkResult r) {
    Objects.requireNonNull(r, "r");
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", BenchmarkReports.SCHEMA_VERSION);
    root.put("generator", "task-optimizer");
    root.put("started_at", r.startedAt().toString());
    root.put("finished_at", r.finishedAt().toString());
    root.put("duration_seconds", seconds(r.duration()));
    root.put("cancelled", r.cancelled());
    root.put("repeats", r.repeats());
    root.put("max_concurrent_per_provider", r.maxConcurrentRequests());
    ArrayNode models = root.putArray("models");
    r.models().forEach(models::add);
    ArrayNode tasks = root.putArray("tasks");
    r.tasks().forEach(t -> tasks.add(t.id()));
    ArrayNode skipped = root.putArray("skipped_models");
    for (SkippedModel s : r.skipped()) {
      skipped.addObject().put("model", s.model()).put("reason", s.reason());
    }
    ArrayNode warmUps = root.putArray("warm_ups");
    for (ModelWarmUp w : r.warmUps()) {
      ObjectNode n = warmUps.addObject().put("model", w.model()).put("provider", w.provider());
      putSeconds(n, "load_seconds", w.loadTime());
      n.put("wall_seconds", seconds(w.wallTime()));
      n.put("error", w.error().orElse(null));
    }
    ArrayNode results = root.putArray("results");
    for (TaskType task : r.tasks()) {
      ObjectNode t = results.addObject();
      t.put("task", task.id());
      PriorityWeights pw = weights(r, task);
      t.putObject("weights").put("quality", pw.quality()).put("speed", pw.speed());
      List<TaskModelResult> rows = r.results(task);
      List<TaskModelResult> front = paretoFront(rows);
      ArrayNode ms = t.putArray("models");
      for (TaskModelResult m : rows) {
        ObjectNode n = ms.addObject();
        n.put("rank", m.rank());
        n.put("model", m.model());
        n.put("provider", m.provider());
        n.put("runs", m.runs());
        n.put("successes", m.successes());
        n.put("success_rate", m.successRate());
        if (m.quality().isPresent()) {
          n.put("quality", m.quality().getAsDouble());
        } else {
          n.putNull("quality");
        }
        n.put("speed", m.speed());
        n.put("weighted_score", m.weightedScore());
        n.put("pareto_optimal", front.contains(m));
        if (m.latencyMedian().isPresent()) {
          ObjectNode l = n.putObject("latency_seconds");
          putSeconds(l, "median", m.latencyMedian());
          putSeconds(l, "p95", m.latencyP95());
          putSeconds(l, "min", m.latencyMin());
          putSeconds(l, "max", m.latencyMax());
          putSeconds(l, "stddev", m.latencyStdDev());
        } else {
          n.putNull("latency_seconds");
        }
      }
    }
    ArrayNode runs = root.putArray("runs");
    for (BenchmarkRun run : r.runs()) {
      ObjectNode n = runs.addObject();
      n.put("task", run.task().id());
      n.put("model", run.model());
      n.put("sample", run.sampleId());
      n.put("repeat", run.repeat());
      n.put("success", run.success());
      putSeconds(n, "latency_seconds", run.latency());
      putSeconds(n, "time_to_first_token_seconds", run.timeToFirstToken());
      if (run.quality().isPresent()) {
        n.put("quality", run.quality().getAsDouble());
      } else {
        n.putNull("quality");
      }
      n.put("truncated", run.truncated());
      if (run.completionTokens().isPresent()) {
        n.put("completion_tokens", run.completionTokens().getAsInt());
      } else {
        n.putNull("completion_tokens");
      }
      n.put("error", run.error().orElse(null));
    }
    if (r.rankingUpdate().isPresent()) {
      RankingUpdate u = r.rankingUpdate().get();
      ObjectNode n = root.putObject("ranking_update");
      n.put("written", u.written());
      ArrayNode nm = n.putArray("new_models");
      u.newModels().forEach(nm::add);
      ArrayNode um = n.putArray("unavailable_models");
      u.unavailableModels().forEach(um::add);
      ArrayNode bm = n.putArray("models_needing_benchmark");
      u.modelsNeedingBenchmark().forEach(bm::add);
      ArrayNode notes = n.putArray("notes");
      u.notes().forEach(notes::add);
      ArrayNode changes = n.putArray("changes");
      for (RankingChange c : u.changes()) {
        ObjectNode cn = changes.addObject();
        cn.put("task", c.task().id());
        cn.put("model", c.model());
        cn.put("kind", c.kind().name());
        if (c.rankBefore() > 0) {
          cn.put("rank_before", c.rankBefore());
        } else {
          cn.putNull("rank_before");
        }
        cn.put("rank_after", c.rankAfter());
        if (c.before().isPresent()) {
          cn.put("quality_before", c.before().get().quality());
        } else {
          cn.putNull("quality_before");
        }
        cn.put("quality_after", c.after().quality());
        if (c.before().isPresent()) {
          cn.put("speed_before", c.before().get().speed());
        } else {
          cn.putNull("speed_before");
        }
        cn.put("speed_after", c.after().speed());
        cn.put("reason", c.reason());
      }
    } else {
      root.putNull("ranking_update");
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be serialised", e);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void putSeconds(ObjectNode n, String field, Optional<Duration> d) {
    if (d.isPresent()) {
      n.put(field, seconds(d.get()));
    } else {
      n.putNull(field);
    }
  }

  private static PriorityWeights weights(BenchmarkResult r, TaskType task) {
    PriorityWeights w = r.weights().get(task);
    return w != null ? w : task.defaultWeights();
  }

  /**
   * The models of a task that no other model beats on both quality and speed (at least as good on
   * both, better on one), by speed ascending. Models without a quality score are left out.
   */
  static List<TaskModelResult> paretoFront(List<TaskModelResult> rows) {
    List<TaskModelResult> scored =
        rows.stream().filter(m -> m.quality().isPresent() && m.successes() > 0).toList();
    List<TaskModelResult> front = new ArrayList<>();
    for (TaskModelResult a : scored) {
      boolean dominated = false;
      for (TaskModelResult b : scored) {
        double qa = a.quality().getAsDouble();
        double qb = b.quality().getAsDouble();
        // comparing a row with itself is harmless: the strict part (qb > qa || faster) fails
        if (qb >= qa && b.speed() >= a.speed() && (qb > qa || b.speed() > a.speed())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a);
      }
    }
    front.sort(Comparator.comparingDouble(TaskModelResult::speed));
    return front;
  }

  // -------------------------------------------------------------- Markdown

  /**
   * The Markdown report: a summary, a table per task, warm-ups, skipped models and the ranking
   * update.
   *
   * @param r the benchmark result; must not be null
   * @return the report as Markdown
   */
  public static String markdown(BenchmarkResult r) {
    Objects.requireNonNull(r, "r");
    StringBuilder sb = new StringBuilder();
    sb.append("# Benchmark ").append(r.startedAt()).append("\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%d model(s), %d task(s), %d run(s), %d repeat(s) per sample, took %s%s.%n",
            r.models().size(),
            r.tasks().size(),
            r.runs().size(),
            r.repeats(),
            human(r.duration()),
            r.cancelled() ? "; **cancelled** before all runs finished" : ""));
    for (TaskType task : r.tasks()) {
      PriorityWeights w = weights(r, task);
      sb.append(
          String.format(
              Locale.ROOT,
              "%n## %s%n%nWeights: quality %.2f, speed %.2f. Speed is relative to the"
                  + " fastest median latency of the task.%n%n",
              md(task.id()),
              w.quality(),
              w.speed()));
      sb.append(
          "| Rank | Model | Quality | Speed | Latency median | Latency p95 | Success rate | Weighted score |\n");
      sb.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
      List<TaskModelResult> rows = r.results(task);
      if (rows.isEmpty()) {
        sb.append("| - | *no runs* | | | | | | |\n");
      }
      for (TaskModelResult m : rows) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %.3f | %s | %s | %.0f%% (%d/%d) | %.3f |%n",
                m.rank(),
                md(m.model()),
                m.quality().isPresent()
                    ? String.format(Locale.ROOT, "%.3f", m.quality().getAsDouble())
                    : "n/a",
                m.speed(),
                m.latencyMedian().map(ReportRenderer::human).orElse("n/a"),
                m.latencyP95().map(ReportRenderer::human).orElse("n/a"),
                m.successRate() * 100,
                m.successes(),
                m.runs(),
                m.weightedScore()));
      }
    }
    if (!r.warmUps().isEmpty()) {
      sb.append(
          "\n## Warm-up (load time, excluded from latency)\n\n| Model | Provider | Load time | Error |\n|---|---|---:|---|\n");
      for (ModelWarmUp w : r.warmUps()) {
        sb.append("| ")
            .append(md(w.model()))
            .append(" | ")
            .append(md(w.provider()))
            .append(" | ")
            .append(human(w.effectiveLoadTime()))
            .append(" | ")
            .append(md(w.error().orElse("")))
            .append(" |\n");
      }
    }
    if (!r.skipped().isEmpty()) {
      sb.append("\n## Skipped models\n\n");
      for (SkippedModel s : r.skipped()) {
        sb.append("- ").append(md(s.model())).append(": ").append(md(s.reason())).append('\n');
      }
    }
    List<BenchmarkRun> failures = r.runs().stream().filter(x -> !x.success()).toList();
    if (!failures.isEmpty()) {
      sb.append("\n## Failed runs\n\n");
      for (BenchmarkRun f : failures) {
        sb.append("- ")
            .append(md(f.task().id()))
            .append(" / ")
            .append(md(f.model()))
            .append(" / ")
            .append(md(f.sampleId()))
            .append(" #")
            .append(f.repeat())
            .append(": ")
            .append(md(f.error().orElse("failed")))
            .append('\n');
      }
    }
    r.rankingUpdate()
        .ifPresent(
            u ->
                sb.append("\n## Ranking update\n\n```\n")
                    .append(u.summary().replace("```", "'''"))
                    .append("\n```\n"));
    return sb.toString();
  }

  /** Escapes Markdown table and emphasis characters and flattens line breaks. */
  private static String md(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '|', '*', '_', '`', '[', ']', '<', '>', '\\', '#' -> sb.append('\\').append(c);
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String human(Duration d) {
    double s = seconds(d);
    return s < 1
        ? String.format(Locale.ROOT, "%.0f ms", s * 1000)
        : String.format(Locale.ROOT, "%.2f s", s);
  }

  // ------------------------------------------------------------------ HTML

  private static final int W = 520;
  private static final int H = 380;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  /**
   * The HTML report: one section per task with an SVG scatter chart (x: speed, y: quality, the
   * Pareto front drawn as a line through highlighted points) and the results table; then warm-ups,
   * skipped models and the ranking update. Self-contained XHTML; every text is escaped.
   *
   * @param r the benchmark result; must not be null
   * @return the report as an XHTML document
   */
  public static String html(BenchmarkResult r) {
    Objects.requireNonNull(r, "r");
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>Task Optimizer benchmark ")
        .append(esc(r.startedAt().toString()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}\n")
        .append(
            "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em}")
        .append("td.n{text-align:right}th{background:#f3f3f3}\n")
        .append("tr.pareto td{background:#fff4e5}\n.chart text{fill:#333}\n")
        .append("</style>\n</head>\n<body>\n");
    sb.append("<h1>Task Optimizer benchmark</h1>\n<p>Started ")
        .append(esc(r.startedAt().toString()))
        .append(", took ")
        .append(esc(human(r.duration())))
        .append(". ")
        .append(r.models().size())
        .append(" model(s), ")
        .append(r.tasks().size())
        .append(" task(s), ")
        .append(r.runs().size())
        .append(" run(s), ")
        .append(r.repeats())
        .append(" repeat(s) per sample.")
        .append(r.cancelled() ? " <strong>Cancelled</strong> before all runs finished." : "")
        .append("</p>\n");
    for (TaskType task : r.tasks()) {
      List<TaskModelResult> rows = r.results(task);
      List<TaskModelResult> front = paretoFront(rows);
      PriorityWeights w = weights(r, task);
      sb.append("<section>\n<h2>")
          .append(esc(task.id()))
          .append("</h2>\n<p>")
          .append(
              esc(
                  String.format(
                      Locale.ROOT, "Weights: quality %.2f, speed %.2f.", w.quality(), w.speed())))
          .append(
              " Highlighted models are on the Pareto front: no other model is both better and faster.</p>\n");
      chart(sb, task, rows, front);
      sb.append(
              "<table>\n<tr><th>Rank</th><th>Model</th><th>Quality</th><th>Speed</th><th>Latency median</th>")
          .append("<th>Latency p95</th><th>Success rate</th><th>Weighted score</th></tr>\n");
      for (TaskModelResult m : rows) {
        sb.append(front.contains(m) ? "<tr class=\"pareto\">" : "<tr>")
            .append("<td class=\"n\">")
            .append(m.rank())
            .append("</td><td>")
            .append(esc(m.model()))
            .append("</td>")
            .append("<td class=\"n\">")
            .append(
                m.quality().isPresent()
                    ? String.format(Locale.ROOT, "%.3f", m.quality().getAsDouble())
                    : "n/a")
            .append("</td>")
            .append("<td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.3f", m.speed()))
            .append("</td>")
            .append("<td class=\"n\">")
            .append(esc(m.latencyMedian().map(ReportRenderer::human).orElse("n/a")))
            .append("</td><td class=\"n\">")
            .append(esc(m.latencyP95().map(ReportRenderer::human).orElse("n/a")))
            .append("</td><td class=\"n\">")
            .append(
                String.format(
                    Locale.ROOT, "%.0f%% (%d/%d)", m.successRate() * 100, m.successes(), m.runs()))
            .append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.3f", m.weightedScore()))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n</section>\n");
    }
    if (!r.warmUps().isEmpty()) {
      sb.append("<h2>Warm-up</h2>\n<p>Load time, excluded from the latency figures.</p>\n<table>\n")
          .append("<tr><th>Model</th><th>Provider</th><th>Load time</th><th>Error</th></tr>\n");
      for (ModelWarmUp wu : r.warmUps()) {
        sb.append("<tr><td>")
            .append(esc(wu.model()))
            .append("</td><td>")
            .append(esc(wu.provider()))
            .append("</td><td class=\"n\">")
            .append(esc(human(wu.effectiveLoadTime())))
            .append("</td><td>")
            .append(esc(wu.error().orElse("")))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    if (!r.skipped().isEmpty()) {
      sb.append("<h2>Skipped models</h2>\n<ul>\n");
      for (SkippedModel s : r.skipped()) {
        sb.append("<li>")
            .append(esc(s.model()))
            .append(": ")
            .append(esc(s.reason()))
            .append("</li>\n");
      }
      sb.append("</ul>\n");
    }
    r.rankingUpdate()
        .ifPresent(
            u ->
                sb.append("<h2>Ranking update</h2>\n<pre>")
                    .append(esc(u.summary()))
                    .append("</pre>\n"));
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  private static void chart(
      StringBuilder sb, TaskType task, List<TaskModelResult> rows, List<TaskModelResult> front) {
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    sb.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" font-family=\"sans-serif\" font-size=\"11\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc("Quality against speed for " + task.id()))
        .append("\">\n");
    sb.append("<title>").append(esc("Quality against speed: " + task.id())).append("</title>\n");
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      int x = LEFT + (int) Math.round(v * pw);
      int y = TOP + ph - (int) Math.round(v * ph);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" stroke=\"#e5e5e5\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
              x,
              TOP,
              x,
              TOP + ph));
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" stroke=\"#e5e5e5\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
              LEFT,
              y,
              LEFT + pw,
              y));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n",
              x,
              TOP + ph + 16,
              v));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2f</text>%n",
              LEFT - 6,
              y + 4,
              v));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" stroke=\"#555555\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
            LEFT,
            TOP + ph,
            LEFT + pw,
            TOP + ph));
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" stroke=\"#555555\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
            LEFT,
            TOP,
            LEFT,
            TOP + ph));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">speed (relative to the"
                + " fastest)</text>%n",
            LEFT + pw / 2,
            H - 10));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14"
                + " %d)\">quality</text>%n",
            TOP + ph / 2,
            TOP + ph / 2));
    if (front.size() > 1) {
      sb.append(
          "<polyline class=\"frontline\" fill=\"none\" stroke=\"#e8710a\" stroke-width=\"2\" points=\"");
      for (TaskModelResult m : front) {
        sb.append(
            String.format(
                Locale.ROOT, "%.1f,%.1f ", px(m.speed(), pw), py(m.quality().getAsDouble(), ph)));
      }
      sb.setLength(sb.length() - 1);
      sb.append("\"/>\n");
    }
    for (TaskModelResult m : rows) {
      if (m.quality().isEmpty() || m.successes() == 0) {
        continue;
      }
      double x = px(m.speed(), pw);
      double y = py(m.quality().getAsDouble(), ph);
      boolean onFront = front.contains(m);
      sb.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"%s\" fill=\"%s\" stroke=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\">",
              onFront ? "front" : "pt",
              onFront ? "#e8710a" : "#4a78b5",
              onFront ? "#7a3b00" : "none",
              x,
              y,
              onFront ? 6 : 5));
      sb.append("<title>")
          .append(
              esc(
                  String.format(
                      Locale.ROOT,
                      "%s: quality %.3f, speed %.3f, rank %d%s",
                      m.model(),
                      m.quality().getAsDouble(),
                      m.speed(),
                      m.rank(),
                      onFront ? ", Pareto-optimal" : "")))
          .append("</title></circle>\n");
      boolean leftSide = x > LEFT + pw * 0.7;
      sb.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
                  leftSide ? x - 8 : x + 8,
                  y - 6,
                  leftSide ? "end" : "start"))
          .append(esc(m.model()))
          .append("</text>\n");
    }
    sb.append("</svg>\n");
  }

  private static double px(double speed, int pw) {
    return LEFT + clamp(speed) * pw;
  }

  private static double py(double quality, int ph) {
    return TOP + ph - clamp(quality) * ph;
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  /** Escapes text for HTML/XML content and attributes; drops characters XML cannot carry. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
