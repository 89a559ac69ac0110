package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkListener;
import io.taskoptimizer.core.benchmark.BenchmarkPlan;
import io.taskoptimizer.core.benchmark.BenchmarkProgress;
import io.taskoptimizer.core.benchmark.BenchmarkResult;
import io.taskoptimizer.core.benchmark.BenchmarkRun;
import io.taskoptimizer.core.benchmark.ModelWarmUp;
import io.taskoptimizer.core.benchmark.TaskModelResult;
import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Shows a benchmark: a live progress bar while it runs, then a table per task. */
final class BenchmarkPrinter {

  private BenchmarkPrinter() {}

  /** A listener that drives a progress bar on {@code out}, fitted to an 80-column terminal. */
  static BenchmarkListener progress(PrintWriter out, boolean ansi, String label) {
    return progress(out, ansi, Terminal.DEFAULT_COLUMNS, label);
  }

  /**
   * A listener that drives a progress bar on {@code out}; no line is wider than {@code columns}.
   */
  static BenchmarkListener progress(PrintWriter out, boolean ansi, int columns, String label) {
    return new BenchmarkListener() {
      private @Nullable ProgressBar bar;

      @Override
      public void onStart(BenchmarkPlan plan) {
        out.println(
            "Benchmarking "
                + plan.models().size()
                + " model"
                + (plan.models().size() == 1 ? "" : "s")
                + " x "
                + plan.tasks().size()
                + " task"
                + (plan.tasks().size() == 1 ? "" : "s")
                + ", "
                + plan.repeats()
                + " repeat"
                + (plan.repeats() == 1 ? "" : "s")
                + ": "
                + plan.totalRuns()
                + " generations");
        for (SkippedModel s : plan.skipped()) {
          TextWidth.wrap(
                  "  skipping " + s.model() + ": " + Ollama.inOllamaWords(s.reason()), columns)
              .forEach(out::println);
        }
        out.flush();
        bar = new ProgressBar(out, ansi, label, plan.totalRuns(), columns);
      }

      @Override
      public void onWarmUp(ModelWarmUp w) {
        if (bar != null && !ansi) {
          out.println(
              "  warm-up "
                  + w.model()
                  + ": "
                  + w.error()
                      .map(e -> "failed: " + e)
                      .orElse("loaded in " + Style.duration(w.loadTime().orElse(w.wallTime()))));
        }
      }

      @Override
      public void onRun(BenchmarkRun run, BenchmarkProgress p) {
        if (bar == null) {
          return;
        }
        bar.total(p.total());
        String detail =
            run.model()
                + " "
                + run.sampleId()
                + " #"
                + run.repeat()
                + " "
                + (run.success()
                    ? run.latency().map(Style::duration).orElse("")
                        + run.quality().stream()
                            .mapToObj(q -> String.format(Locale.ROOT, " quality %.2f", q))
                            .findFirst()
                            .orElse("")
                    : "FAILED " + run.error().orElse(""));
        bar.update(p.completed(), detail);
      }

      @Override
      public void onFinish(BenchmarkResult result) {
        if (bar != null) {
          int failed = (int) result.runs().stream().filter(r -> !r.success()).count();
          bar.finish(
              (result.cancelled() ? "cancelled after " : "")
                  + result.runs().size()
                  + " generations"
                  + (failed > 0 ? ", " + failed + " failed" : "")
                  + " in "
                  + Style.duration(result.duration()));
        }
      }
    };
  }

  /** The per-task result tables and the warm-up (load) times. */
  static void results(PrintWriter out, Style style, BenchmarkResult r) {
    if (!r.warmUps().isEmpty()) {
      out.println();
      out.println(style.bold("Load times (warm-up, excluded from latency)"));
      Table t = new Table("model", "load", "status").rightAlign(1);
      for (ModelWarmUp w : r.warmUps()) {
        t.row(
            w.model(),
            Style.duration(w.loadTime().orElse(w.wallTime())),
            w.error().map(e -> "failed: " + e).orElse("ok"));
      }
      t.print(out, "  ", style);
    }
    for (TaskType task : r.tasks()) {
      PriorityWeights w = r.weights().get(task);
      out.println();
      out.println(
          style.bold(task.id())
              + (w == null
                  ? ""
                  : "  (weights: quality "
                      + Style.score(w.quality())
                      + ", speed "
                      + Style.score(w.speed())
                      + ")"));
      Table t =
          new Table("#", "model", "quality", "speed", "median", "p95", "success", "weighted")
              .rightAlign(0, 2, 3, 4, 5, 6, 7);
      for (TaskModelResult m : r.results(task)) {
        t.row(
            m.rank(),
            m.model(),
            m.quality().isPresent() ? Style.score(m.quality().getAsDouble()) : "-",
            Style.score(m.speed()),
            m.latencyMedian().map(Style::duration).orElse("-"),
            m.latencyP95().map(Style::duration).orElse("-"),
            Style.percent(m.successRate()),
            Style.score3(m.weightedScore()));
      }
      t.print(out, "  ", style);
    }
  }
}
