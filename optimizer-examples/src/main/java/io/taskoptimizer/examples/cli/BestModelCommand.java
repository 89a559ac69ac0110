package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The model the optimizer picks for a task, and why. */
@Command(
    name = "best-model",
    mixinStandardHelpOptions = true,
    header = "Shows the model the optimizer picks for a task, and why.",
    description =
        "Shows the model the optimizer picks for TASK and why: the best estimate with its weighted score, the runners-up and the ranked models skipped because Ollama does not serve them, then the selection policy's pick for the next call and whether it would explore. Works without Ollama (every ranked model is then assumed available).")
final class BestModelCommand implements Callable<Integer> {

  private static final int RUNNERS_UP_SHOWN = 5;

  @ParentCommand private TaskoptCommand root;

  @Parameters(
      index = "0",
      paramLabel = "TASK",
      description =
          "Task id: self_assessment, skill_decomposition, domain_relationship, cover_letter,"
              + " job_requirements, job_extraction, or a custom task of the rankings file.")
  private String taskId;

  @Override
  public Integer call() {
    try (Workspace ws = Workspace.open(root, true)) {
      TaskType task = ws.task(taskId);
      boolean known = ws.checkAvailability();
      ModelSelection s = ws.optimizer().selectionFor(task);
      ModelSelection next = ws.optimizer().nextSelectionFor(task);
      PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
      if (root.json()) {
        Map<String, Object> json = RankingsCommand.selectionJson(s);
        Map<String, Object> nextJson = new LinkedHashMap<>();
        nextJson.put("model", next.model());
        nextJson.put("exploration", next.exploration());
        nextJson.put("reason", next.reason());
        json.put("next_pick", nextJson);
        json.put(
            "estimates",
            RankingsCommand.estimates(ws.optimizer(), task).stream()
                .map(RankingsCommand::estimateJson)
                .toList());
        if (!known) {
          json.put("note", Ollama.availabilityNote(ws.ollamaUrl()));
        }
        Json.print(out, json);
        return ExitCodes.OK;
      }
      print(out, Style.of(root.terminal()), s);
      printNext(out, next);
      if (!known) {
        out.println();
        out.println(Ollama.availabilityNote(ws.ollamaUrl()));
      }
      return ExitCodes.OK;
    }
  }

  /** The policy's pick for the next call, and whether it would explore. */
  static void printNext(PrintWriter out, ModelSelection next) {
    out.println();
    out.println(
        "Next call: "
            + next.model()
            + (next.exploration() ? " (would explore)" : " (best estimate)"));
    if (!next.reason().equals(ModelSelection.BEST_ESTIMATE)) {
      for (String line : wrap(next.reason(), 76)) {
        out.println("  " + line);
      }
    }
  }

  /** Word-wraps text to lines of at most {@code width} characters. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    // spaces at the end separate no word (as split without a limit dropped them)
    for (String word : text.replaceFirst(" +\\z", "").split(" ", -1)) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  static void print(PrintWriter out, Style style, ModelSelection s) {
    ScoredCandidate c = s.chosen();
    out.println(
        "Best model for " + s.task().id() + ": " + style.bold(c.model()) + " (best estimate)");
    out.println(
        "  weighted score "
            + Style.score3(c.weightedScore())
            + " = "
            + Style.score(s.weights().quality())
            + " x quality "
            + Style.score(c.quality())
            + " + "
            + Style.score(s.weights().speed())
            + " x speed "
            + Style.score(c.speed()));
    List<ScoredCandidate> runners = s.runnersUp();
    if (!runners.isEmpty()) {
      out.println();
      out.println("Runners-up:");
      Table t = new Table("model", "quality", "speed", "weighted").rightAlign(1, 2, 3);
      runners.stream()
          .limit(RUNNERS_UP_SHOWN)
          .forEach(
              r ->
                  t.row(
                      r.model(),
                      Style.score(r.quality()),
                      Style.score(r.speed()),
                      Style.score3(r.weightedScore())));
      t.print(out, "  ", style);
      if (runners.size() > RUNNERS_UP_SHOWN) {
        out.println(
            "  ... and "
                + (runners.size() - RUNNERS_UP_SHOWN)
                + " more ('taskopt rankings --task "
                + s.task().id()
                + "' lists all)");
      }
    }
    if (!s.skipped().isEmpty()) {
      out.println();
      out.println("Skipped (ranked but not available):");
      for (SkippedModel k : s.skipped()) {
        out.println("  " + k.model() + ": " + Ollama.inOllamaWords(k.reason()));
      }
    }
  }
}
