package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.consensus.JobPostings;
import io.taskoptimizer.core.RankingUpdater;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.core.benchmark.BenchmarkListener;
import io.taskoptimizer.core.benchmark.BenchmarkReports;
import io.taskoptimizer.core.benchmark.BenchmarkResult;
import io.taskoptimizer.core.benchmark.BenchmarkRunner;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The whole pipeline end to end against simulated models: no Ollama needed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Runs the whole pipeline on simulated models: no Ollama needed.",
    description =
        "Runs the whole pipeline end to end with no Ollama needed: starts a simulated Ollama server inside this JVM with four scripted models (their speed and answer quality differ), benchmarks them, updates the rankings, picks the best model per task and runs a consensus extraction of a bundled sample posting. Works in a temporary directory: it never reads or writes your config/ (--config is ignored). Takes a few seconds.")
final class DemoCommand implements Callable<Integer> {

  private static final int STEPS = 6;

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--keep",
      description =
          "Keep the temporary directory (config, reports, extraction) and print its path.")
  private boolean keep;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "1",
      description = "Benchmark repeats per sample (default: ${DEFAULT-VALUE}).")
  private int repeats;

  // Both are set first thing in call(), the command's only entry point; every other method runs
  // inside it.
  @SuppressWarnings("NullAway.Init")
  private PrintWriter out;

  @SuppressWarnings("NullAway.Init")
  private Style style;

  private boolean json;

  @Override
  public Integer call() throws IOException {
    if (repeats < 1 || repeats > 10) {
      throw CliException.usage("--repeats must be between 1 and 10 for the demo, got " + repeats);
    }
    json = root.json();
    out = json ? root.terminal().out() : root.terminal().text();
    style = Style.of(root.terminal());
    long start = System.nanoTime();
    Path dir = Files.createTempDirectory("taskopt-demo-");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("simulated", true);
    report.put(
        "note",
        "All models are simulated by an in-process Ollama test server; no real language model ran.");
    report.put("work_dir", dir.toString());
    try (OllamaTestServer server = SimulatedFleet.start()) {
      Path config = dir.resolve("config");
      Files.createDirectories(config);
      Files.writeString(
          config.resolve(Workspace.RANKINGS_FILE),
          SimulatedFleet.STARTING_RANKINGS,
          StandardCharsets.UTF_8);
      Files.writeString(
          config.resolve("model_performance_feedback.json"), "{}\n", StandardCharsets.UTF_8);
      Path postings = dir.resolve("postings");
      Bundled.copyPostings(postings);
      report.put("simulated_server", server.baseUrl().toString());
      try (OllamaProvider provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
          TaskOptimizer optimizer =
              TaskOptimizer.builder()
                  .configDirectory(config)
                  .addProvider(provider)
                  .autoDetectProviders(false)
                  .serverReportedTimes(
                      true) // the simulated server's scripted times, not this machine's
                  .build()) {
        optimizer.refreshAvailability();
        intro(server, dir);
        fleet(report);
        Map<TaskType, Optional<ModelSelection>> before = selections(optimizer);
        startingRankings(before, report);
        BenchmarkResult result = benchmark(optimizer, dir, report);
        rankingUpdate(result, report);
        bestModels(optimizer, before, report);
        extraction(optimizer, postings, dir, report);
      }
    } finally {
      if (!keep) {
        deleteRecursively(dir);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report.put("duration_seconds", seconds);
    report.put("kept", keep);
    if (json) {
      Json.print(out, report);
      return ExitCodes.OK;
    }
    out.println();
    out.println(
        style.bold(String.format(java.util.Locale.ROOT, "Demo finished in %.1f s.", seconds))
            + " Every model above was simulated; no real language model ran.");
    out.println(
        keep
            ? "The demo's files are in "
                + dir
                + " (try 'taskopt rankings --config "
                + dir.resolve("config")
                + "')."
            : "Its temporary directory was deleted (use --keep to look at the config, reports and extraction).");
    out.println(
        "Next: 'taskopt init' creates config/, postings/ and a sample profile here; with Ollama running,"
            + " 'taskopt benchmark' does the same with your real models.");
    return ExitCodes.OK;
  }

  private void step(int n, String title) {
    if (!json) {
      style.heading(out, "Step " + n + " of " + STEPS + ": " + title);
    }
  }

  private void intro(OllamaTestServer server, Path dir) {
    if (json) {
      return;
    }
    out.println(style.bold("Task Optimizer demo with SIMULATED models (no Ollama needed)"));
    out.println(
        "Everything below runs against a simulated Ollama server inside this JVM at "
            + server.baseUrl()
            + "."
            + " Its models are scripted: their speed and the quality of their answers are made up to show how the"
            + " optimizer measures, learns and chooses. No real language model is called.");
    out.println(
        "Working directory: "
            + dir
            + (keep ? " (kept)" : " (temporary; your config/ is not touched)"));
  }

  private void fleet(Map<String, Object> report) {
    step(1, "the simulated fleet");
    Table t =
        new Table("model (simulated)", "size", "words/s", "first token", "answers")
            .rightAlign(2, 3);
    List<Map<String, Object>> models = new java.util.ArrayList<>();
    for (SimulatedFleet.SimModel m : SimulatedFleet.MODELS) {
      t.row(
          m.name(),
          m.parameterSize(),
          String.format(java.util.Locale.ROOT, "%.0f", m.tokensPerSecond()),
          Style.duration(m.timeToFirstToken()),
          m.character());
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("model", m.name());
      e.put("care", m.tier().name().toLowerCase(java.util.Locale.ROOT));
      e.put("words_per_second", m.tokensPerSecond());
      e.put("description", m.character());
      models.add(e);
    }
    report.put("fleet", models);
    if (!json) {
      t.print(out, "  ", style);
    }
  }

  private static Map<TaskType, Optional<ModelSelection>> selections(TaskOptimizer optimizer) {
    Map<TaskType, Optional<ModelSelection>> m = new LinkedHashMap<>();
    for (TaskType t : TaskType.predefined()) {
      try {
        m.put(t, Optional.of(optimizer.selectionFor(t)));
      } catch (NoAvailableModelException e) {
        m.put(t, Optional.empty());
      }
    }
    return m;
  }

  private void startingRankings(
      Map<TaskType, Optional<ModelSelection>> before, Map<String, Object> report) {
    step(2, "the simulated fleet's starting rankings (stale)");
    Map<String, Object> picks = new LinkedHashMap<>();
    Table t = new Table("task", "picked now", "weighted", "weights q/s").rightAlign(2);
    before.forEach(
        (task, sel) -> {
          picks.put(task.id(), sel.map(ModelSelection::model).orElse(null));
          t.row(
              task.id(),
              sel.map(ModelSelection::model).orElse("-"),
              sel.map(s -> Style.score3(s.chosen().weightedScore())).orElse("-"),
              sel.map(
                      s ->
                          Style.score(s.weights().quality())
                              + "/"
                              + Style.score(s.weights().speed()))
                  .orElse("-"));
        });
    report.put("picks_before", picks);
    if (!json) {
      out.println(
          "The demo starts from rankings that overrate "
              + SimulatedFleet.SWIFT.name()
              + ", underrate "
              + SimulatedFleet.DEEP.name()
              + " and do not list "
              + SimulatedFleet.NEWCOMER.name()
              + " at all.");
      out.println("Weighted score = quality weight x quality + speed weight x speed, per task.");
      out.println();
      t.print(out, "  ", style);
    }
  }

  private BenchmarkResult benchmark(TaskOptimizer optimizer, Path dir, Map<String, Object> report)
      throws IOException {
    step(3, "benchmark the simulated models");
    if (!json) {
      out.println(
          "Every simulated model answers the built-in sample inputs of all six tasks (English and German);"
              + " the library's quality assessors score each answer and every call is recorded as feedback.");
      out.println();
    }
    BenchmarkListener listener =
        json
            ? BenchmarkListener.NONE
            : BenchmarkPrinter.progress(
                root.terminal().out(),
                root.terminal().ansi(),
                root.terminal().columns(),
                "benchmark");
    BenchmarkResult result =
        BenchmarkRunner.builder(optimizer)
            .repeats(repeats)
            .maxConcurrentRequests(2)
            // one benchmark is plenty of evidence in a demo; the library's default (5) is more
            // cautious
            .rankingUpdater(RankingUpdater.builder(optimizer).priorWeight(1.0).build())
            .listener(listener)
            .build()
            .run();
    BenchmarkReports.Written files = BenchmarkReports.write(result, dir.resolve("reports"));
    JsonNode benchmarkJson = Json.MAPPER.readTree(BenchmarkReports.json(result));
    report.put("benchmark", benchmarkJson);
    if (!json) {
      BenchmarkPrinter.results(out, style, result);
      if (keep) {
        out.println();
        out.println("Reports: " + files.markdown() + ", " + files.html() + ", " + files.json());
      }
    }
    if (result.runs().isEmpty()) {
      throw CliException.runtime(
          "The demo benchmark ran nothing; this is a bug in the demo, please report it");
    }
    return result;
  }

  private void rankingUpdate(BenchmarkResult result, Map<String, Object> report) {
    step(4, "update the rankings from the simulated feedback");
    var update =
        result
            .rankingUpdate()
            .orElseThrow(
                () ->
                    CliException.runtime(
                        "The benchmark made no ranking update; this is a bug in the demo, please report it"));
    report.put("ranking_update", RankingDiff.json(update));
    if (!json) {
      out.println(
          "The ranking updater turns the recorded feedback into new quality and speed scores (shrunk toward"
              + " the old ones), detects models the server serves that no ranking lists, and re-sorts each task.");
      out.println();
      RankingDiff.print(out, style, update, "  ");
    }
  }

  private void bestModels(
      TaskOptimizer optimizer,
      Map<TaskType, Optional<ModelSelection>> before,
      Map<String, Object> report) {
    step(5, "the best simulated model per task, before and after");
    Map<TaskType, Optional<ModelSelection>> after = selections(optimizer);
    Map<String, Object> picks = new LinkedHashMap<>();
    Table t = new Table("task", "before", "after", "weighted", "runner-up").rightAlign(3);
    after.forEach(
        (task, sel) -> {
          picks.put(task.id(), sel.map(ModelSelection::model).orElse(null));
          String was =
              Objects.requireNonNull(before.get(task), "selections cover every predefined task")
                  .map(ModelSelection::model)
                  .orElse("-");
          String now = sel.map(ModelSelection::model).orElse("-");
          t.row(
              task.id(),
              was,
              now.equals(was) ? now : style.bold(now),
              sel.map(s -> Style.score3(s.chosen().weightedScore())).orElse("-"),
              sel.flatMap(s -> s.runnersUp().stream().findFirst())
                  .map(r -> r.model() + " (" + Style.score3(r.weightedScore()) + ")")
                  .orElse("-"));
        });
    report.put("picks_after", picks);
    if (!json) {
      t.print(out, "  ", style);
      out.println();
      Objects.requireNonNull(
              after.get(TaskType.DOMAIN_RELATIONSHIP), "selections cover every predefined task")
          .ifPresent(s -> out.println("For example, " + s.explanation() + "."));
    }
  }

  private void extraction(
      TaskOptimizer optimizer, Path postings, Path dir, Map<String, Object> report) {
    step(6, "simulated consensus extraction of a sample posting");
    JobPosting posting = JobPostings.loadById(postings, Bundled.DEMO_JOB_ID);
    ConsensusExtractor extractor = ConsensusExtractor.builder(optimizer).build();
    if (!json) {
      List<String> models = extractor.selectModels();
      out.println(
          "The two best simulated models for job_extraction ("
              + String.join(" and ", models.subList(0, Math.min(2, models.size())))
              + ") extract sample posting "
              + posting.id()
              + " in parallel"
              + (models.size() > 2 ? ", with " + models.get(2) + " ready as the tie-breaker" : "")
              + "; if their answers are at least 75% similar (difflib ratio) that is consensus, otherwise a third model"
              + " decides.");
    }
    ConsensusResult result = extractor.extract(posting);
    Path file =
        dir.resolve("extractions")
            .resolve(
                "job" + Inputs.fileId(posting.id(), "the sample posting") + "_extraction.json");
    result.writeJson(file);
    report.put("extraction", result.toJsonMap());
    if (!json) {
      ExtractCommand.print(out, style, posting, result, keep ? file : null);
    }
    if (result.decision() == ConsensusResult.Decision.FAILED) {
      throw CliException.runtime(
          "The demo extraction failed: " + result.error().orElse(result.explanation()));
    }
  }

  private void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a leftover temporary directory is harmless; say where it is
      root.terminal()
          .err()
          .println("taskopt: note: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
