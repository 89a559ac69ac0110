package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.judge.Judge;
import io.taskoptimizer.judge.Rating;
import io.taskoptimizer.spi.ArmEstimate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The current rankings per task (original: {@code rerun_self_assessment.py --list-rankings}). */
@Command(
    name = "rankings",
    mixinStandardHelpOptions = true,
    header = "Shows the rankings per task with quality, speed, score and availability.",
    description =
        "Shows the current rankings per task: quality, speed, weighted score and whether Ollama serves the model now, then what the optimizer has learned about each candidate (estimates with their uncertainty and the evidence behind them). The model marked * is the best estimate. Works without Ollama (availability is then shown as '?').")
final class RankingsCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--task",
      paramLabel = "TASK",
      description = "Only this task (e.g. self_assessment).")
  @Nullable
  private String task;

  @Override
  public Integer call() {
    try (Workspace ws = Workspace.open(root, true)) {
      TaskOptimizer optimizer = ws.optimizer();
      boolean known = ws.checkAvailability();
      List<TaskType> tasks =
          task != null ? List.of(ws.task(task)) : new ArrayList<>(optimizer.rankings().keySet());
      List<Map<String, Object>> jsonTasks = new ArrayList<>();
      PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
      Style style = Style.of(root.terminal());
      Map<TaskType, List<Rating>> pairwise = Judge.readRatings(optimizer.configDirectory());
      if (!root.json()) {
        out.println(
            "Rankings from "
                + ws.optimizer().configDirectory().resolve(Workspace.RANKINGS_FILE)
                + (known ? "; availability from Ollama at " + ws.ollamaUrl() : ""));
        if (ws.provider() instanceof io.taskoptimizer.ollama.OllamaCluster cluster) {
          out.println(HostsCommand.summary(cluster));
        }
      }
      for (TaskType t : tasks) {
        PriorityWeights w = optimizer.weights(t);
        List<RankedModel> ranked = new ArrayList<>(optimizer.rankings(t));
        ranked.sort(
            Comparator.comparingDouble((RankedModel m) -> m.weightedScore(w))
                .reversed()
                .thenComparing(Comparator.comparingDouble(RankedModel::quality).reversed())
                .thenComparing(RankedModel::model));
        Optional<String> best = best(optimizer, t);
        if (root.json()) {
          Map<String, Object> j = json(ws, t, w, ranked, best);
          j.put(
              "pairwise_ratings", CompareCommand.ratingsJson(pairwise.getOrDefault(t, List.of())));
          jsonTasks.add(j);
          continue;
        }
        style.heading(
            out,
            t.id()
                + "  (weights: quality "
                + Style.score(w.quality())
                + ", speed "
                + Style.score(w.speed())
                + ")");
        if (ranked.isEmpty()) {
          out.println("  no models ranked for this task");
          continue;
        }
        Table table =
            new Table("", "#", "model", "quality", "speed", "weighted", "available")
                .rightAlign(1, 3, 4, 5);
        int rank = 1;
        for (RankedModel m : ranked) {
          boolean chosen = best.isPresent() && best.get().equals(m.model());
          table.row(
              chosen ? "*" : "",
              rank++,
              m.model(),
              Style.score(m.quality()),
              Style.score(m.speed()),
              Style.score3(m.weightedScore(w)),
              availability(ws, m.model(), style));
        }
        table.print(out, "  ", style);
        printEstimates(out, style, optimizer, t, best);
        CompareCommand.printRatings(out, pairwise.getOrDefault(t, List.of()), "  ");
      }
      if (root.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config_dir", optimizer.configDirectory().toString());
        json.put("ollama_url", ws.ollamaUrl().toString());
        json.put("availability_checked", known);
        if (!known) {
          json.put("note", Ollama.availabilityNote(ws.ollamaUrl()));
        }
        json.put("tasks", jsonTasks);
        Json.print(out, json);
      } else {
        out.println();
        out.println(
            known
                ? "* = the best estimate (highest learned utility among available models)."
                : "* = the model the optimizer would pick. "
                    + Ollama.availabilityNote(ws.ollamaUrl()));
        out.println("Learned: posterior mean +- sd; fail = failure rate; evidence = recent runs");
        out.println("(recency-weighted) plus the rankings file's prior.");
      }
      return ExitCodes.OK;
    }
  }

  /** The learned posterior of every candidate, best estimate first. */
  static List<ArmEstimate> estimates(TaskOptimizer optimizer, TaskType t) {
    try {
      return optimizer.estimatesFor(t);
    } catch (NoAvailableModelException e) {
      return List.of();
    }
  }

  private static void printEstimates(
      PrintWriter out, Style style, TaskOptimizer optimizer, TaskType t, Optional<String> best) {
    List<ArmEstimate> estimates = estimates(optimizer, t);
    if (estimates.isEmpty()) {
      return;
    }
    out.println("  learned:");
    Table table =
        new Table("", "model", "quality", "speed", "fail", "utility", "evidence")
            .rightAlign(2, 3, 4, 5, 6);
    for (ArmEstimate e : estimates) {
      boolean chosen = best.isPresent() && best.get().equals(e.model());
      table.row(
          chosen ? "*" : "",
          e.model(),
          plusMinus(e.quality(), e.qualityStdDev()),
          plusMinus(e.speed(), e.speedStdDev()),
          Style.percent(e.failureRate()),
          Style.score3(e.utility()),
          String.format(Locale.ROOT, "%.1f", e.evidence()));
    }
    table.print(out, "  ", style);
  }

  static String plusMinus(double mean, double sd) {
    return Style.score(mean) + "+-" + Style.score(sd);
  }

  static Map<String, Object> estimateJson(ArmEstimate e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", e.model());
    m.put("quality", e.quality());
    m.put("quality_sd", e.qualityStdDev());
    m.put("failure_rate", e.failureRate());
    m.put("failure_rate_sd", e.failureStdDev());
    m.put("speed", e.speed());
    m.put("speed_sd", e.speedStdDev());
    m.put("utility", e.utility());
    m.put("utility_sd", e.utilityStdDev());
    m.put("evidence", e.evidence());
    return m;
  }

  private static Optional<String> best(TaskOptimizer optimizer, TaskType t) {
    try {
      return Optional.of(optimizer.selectionFor(t).model());
    } catch (NoAvailableModelException e) {
      return Optional.empty();
    }
  }

  private static String availability(Workspace ws, String model, Style style) {
    return ws.available(model).map(a -> a ? style.green("yes") : style.dim("no")).orElse("?");
  }

  private static Map<String, Object> json(
      Workspace ws,
      TaskType t,
      PriorityWeights w,
      List<RankedModel> ranked,
      Optional<String> best) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", t.id());
    m.put("weights", Map.of("quality", w.quality(), "speed", w.speed()));
    m.put("best_model", best.orElse(null));
    List<Map<String, Object>> models = new ArrayList<>();
    int rank = 1;
    for (RankedModel r : ranked) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("rank", rank++);
      e.put("model", r.model());
      e.put("quality_score", r.quality());
      e.put("speed_score", r.speed());
      e.put("weighted_score", r.weightedScore(w));
      e.put("available", ws.available(r.model()).orElse(null));
      models.add(e);
    }
    m.put("models", models);
    m.put(
        "estimates",
        estimates(ws.optimizer(), t).stream().map(RankingsCommand::estimateJson).toList());
    return m;
  }

  /** Used by {@link BestModelCommand} too. */
  static Map<String, Object> selectionJson(ModelSelection s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", s.task().id());
    m.put("model", s.model());
    m.put("provider", s.chosen().provider());
    m.put("quality_score", s.chosen().quality());
    m.put("speed_score", s.chosen().speed());
    m.put("weighted_score", s.chosen().weightedScore());
    m.put("weights", Map.of("quality", s.weights().quality(), "speed", s.weights().speed()));
    m.put("availability_checked", s.availabilityKnown());
    m.put("explanation", s.explanation());
    List<Map<String, Object>> runners = new ArrayList<>();
    s.runnersUp()
        .forEach(
            c -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("model", c.model());
              e.put("quality_score", c.quality());
              e.put("speed_score", c.speed());
              e.put("weighted_score", c.weightedScore());
              runners.add(e);
            });
    m.put("runners_up", runners);
    List<Map<String, Object>> skipped = new ArrayList<>();
    s.skipped()
        .forEach(
            k ->
                skipped.add(
                    Map.of("model", k.model(), "reason", Ollama.inOllamaWords(k.reason()))));
    m.put("skipped", skipped);
    return m;
  }
}
