package io.taskoptimizer.examples.cli;

import io.taskoptimizer.core.RankingUpdate;
import io.taskoptimizer.core.RankingUpdater;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs the ranking updater once and prints the diff (what the cron job calls). */
@Command(
    name = "update-rankings",
    mixinStandardHelpOptions = true,
    header = "Updates the rankings from the recorded feedback and prints the diff.",
    description =
        "Turns the recorded feedback into new rankings, adds models Ollama serves that no ranking lists (flagged for benchmarking) and reports ranked models it no longer serves, then prints who moved up or down and why. Writes model_rankings.json atomically; running it twice on the same feedback changes nothing the second time. Without Ollama it still re-scores from the feedback but cannot detect new or missing models. This is what setup-auto-rankings schedules.")
final class UpdateRankingsCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Option(names = "--dry-run", description = "Show what would change without writing anything.")
  private boolean dryRun;

  @Override
  public Integer call() {
    try (Workspace ws = Workspace.open(root, false)) {
      boolean known = ws.checkAvailability();
      RankingUpdater updater = RankingUpdater.builder(ws.optimizer()).build();
      RankingUpdate update = dryRun ? updater.preview() : updater.update();
      PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
      if (root.json()) {
        Map<String, Object> json = RankingDiff.json(update);
        json.put("dry_run", dryRun);
        if (!known) {
          json.put("note", unreachableNote(ws));
        }
        Json.print(out, json);
        return ExitCodes.OK;
      }
      Style style = Style.of(root.terminal());
      out.println(
          (dryRun ? "Ranking update preview" : "Ranking update")
              + " for "
              + ws.optimizer().configDirectory().resolve(Workspace.RANKINGS_FILE)
              + ": "
              + (update.hasChanges()
                  ? update.changes().size()
                      + " change"
                      + (update.changes().size() == 1 ? "" : "s")
                      + (update.written()
                          ? " (written)"
                          : dryRun ? " (dry run, nothing written)" : " (not written)")
                  : "no changes"));
      out.println();
      RankingDiff.print(out, style, update, "");
      if (!known) {
        out.println(unreachableNote(ws));
      }
      return ExitCodes.OK;
    }
  }

  private static String unreachableNote(Workspace ws) {
    return "Ollama is not reachable at "
        + ws.ollamaUrl()
        + ", so new and missing models were not checked"
        + " (start it with 'ollama serve' or use --ollama URL / OLLAMA_HOST); scores were still updated"
        + " from the recorded feedback.";
  }
}
