package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkListener;
import io.taskoptimizer.core.benchmark.BenchmarkReports;
import io.taskoptimizer.core.benchmark.BenchmarkResult;
import io.taskoptimizer.core.benchmark.BenchmarkRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Benchmarks models on the tasks (original: {@code benchmark_models.py}). */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Benchmarks models on every task and writes JSON, Markdown and HTML reports.",
    description =
        "Runs every model on built-in sample inputs of every task (or the ones given), with a warm-up per model and repeats, scores each output, records the feedback, updates the rankings and writes JSON, Markdown and HTML reports. Shows a live progress bar; Ctrl-C stops it and keeps a partial report. Needs Ollama.")
final class BenchmarkCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--models",
      paramLabel = "MODEL",
      split = ",",
      description = "Models to benchmark (default: every model Ollama serves).")
  private List<String> models = List.of();

  @Option(
      names = "--tasks",
      paramLabel = "TASK",
      split = ",",
      description = "Tasks to benchmark (default: all six).")
  private List<String> tasks = List.of();

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "" + BenchmarkRunner.DEFAULT_REPEATS,
      description = "Runs of each sample per model (default: ${DEFAULT-VALUE}).")
  private int repeats;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Calls in flight at once (default: ${DEFAULT-VALUE}, Ollama's OLLAMA_NUM_PARALLEL default).")
  private int parallel;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      defaultValue = "reports",
      description = "Where to write the reports (default: ${DEFAULT-VALUE}/).")
  private Path report;

  @Option(
      names = "--no-update-rankings",
      description = "Record feedback but leave model_rankings.json as it is.")
  private boolean noUpdate;

  @Option(
      names = "--pairwise",
      description =
          "Compare models pairwise with a judge model instead,"
              + " where the pairwise ratings are least certain.")
  private boolean pairwise;

  @Option(
      names = "--comparisons",
      paramLabel = "N",
      defaultValue = "10",
      description = "With --pairwise: comparisons per task" + " (default: ${DEFAULT-VALUE}).")
  private int comparisons;

  @Override
  public Integer call() {
    if (pairwise) {
      if (comparisons < 1 || comparisons > 10_000) {
        throw CliException.usage("--comparisons must be between 1 and 10000");
      }
      try (Workspace ws = Workspace.open(root, false)) {
        List<TaskType> taskTypes = ws.tasks(tasks);
        ws.requireOllama();
        return PairwiseBenchmark.run(ws, root, taskTypes, models, comparisons);
      }
    }
    if (repeats < 1 || repeats > 1000) {
      throw CliException.usage("--repeats must be between 1 and 1000, got " + repeats);
    }
    if (parallel < 1 || parallel > 64) {
      throw CliException.usage("--parallel must be between 1 and 64, got " + parallel);
    }
    PrintWriter out = root.terminal().out();
    Style style = Style.of(root.terminal());
    try (Workspace ws = Workspace.open(root, false)) {
      List<TaskType> taskTypes = ws.tasks(tasks);
      ws.requireOllama();
      for (String m : models) {
        if (!ws.available(m).orElse(true)) {
          throw CliException.usage(
              "Model '"
                  + m
                  + "' is not served by Ollama at "
                  + ws.ollamaUrl()
                  + "; pull it with 'ollama pull "
                  + m
                  + "' or pick from: "
                  + served(ws));
        }
      }
      BenchmarkListener listener =
          root.json()
              ? (root.terminal().ansi()
                  ? BenchmarkPrinter.progress(
                      root.terminal().err(), true, root.terminal().columns(), "benchmark")
                  : BenchmarkListener.NONE)
              : BenchmarkPrinter.progress(
                  out, root.terminal().ansi(), root.terminal().columns(), "benchmark");
      BenchmarkRunner runner =
          BenchmarkRunner.builder(ws.optimizer())
              .models(models)
              .tasks(taskTypes)
              .repeats(repeats)
              .maxConcurrentRequests(parallel)
              .updateRankings(!noUpdate)
              .listener(listener)
              .build();
      CtrlC ctrlC = CtrlC.cancelling(runner);
      BenchmarkResult result;
      BenchmarkReports.Written files;
      try {
        result = runner.run();
        files = BenchmarkReports.write(result, report);
      } finally {
        ctrlC.release();
      }
      if (root.json()) {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(BenchmarkReports.json(result));
        ObjectNode paths = json.putObject("report_files");
        paths.put("json", files.json().toString());
        paths.put("markdown", files.markdown().toString());
        paths.put("html", files.html().toString());
        Json.print(out, json);
      } else {
        BenchmarkPrinter.results(out, style, result);
        result
            .rankingUpdate()
            .ifPresent(
                u -> {
                  out.println();
                  out.println(
                      style.bold("Ranking update")
                          + " ("
                          + (u.written()
                              ? "written to "
                                  + ws.optimizer()
                                      .configDirectory()
                                      .resolve(Workspace.RANKINGS_FILE)
                              : "nothing to change")
                          + ")");
                  RankingDiff.print(out, style, u, "  ");
                });
        out.println();
        out.println("Reports: " + files.markdown() + ", " + files.html() + ", " + files.json());
      }
      if (result.cancelled()) {
        throw CliException.runtime(
            "The benchmark was cancelled; the reports hold the runs that finished");
      }
      if (result.runs().isEmpty()) {
        throw CliException.runtime(
            "Nothing was benchmarked: no model could run (see the skipped models above)");
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      throw CliException.runtime("Cannot read the benchmark report back: " + e.getMessage(), e);
    }
  }

  /**
   * While registered, Ctrl-C (JVM shutdown) cancels the benchmark and waits up to 10 s for the
   * partial report to be written before the JVM exits.
   */
  private static final class CtrlC {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private final boolean registered;

    private CtrlC(BenchmarkRunner runner) {
      hook =
          new Thread(
              () -> {
                runner.cancel();
                try {
                  done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "taskopt-benchmark-cancel");
      boolean ok;
      try {
        Runtime.getRuntime().addShutdownHook(hook);
        ok = true;
      } catch (IllegalStateException | SecurityException e) {
        ok = false;
      }
      registered = ok;
    }

    static CtrlC cancelling(BenchmarkRunner runner) {
      return new CtrlC(runner);
    }

    void release() {
      if (registered) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and waits for the report; the latch below releases it
        }
      }
      done.countDown();
    }
  }

  private static String served(Workspace ws) {
    String s =
        ws.optimizer().availableModels().stream()
            .map(ModelDescriptor::name)
            .sorted()
            .collect(Collectors.joining(", "));
    return s.isEmpty() ? "(none)" : s;
  }
}
