package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code taskopt store export|import DIR}: copies between a shared store and the original files.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    header =
        "Copies rankings and feedback between the shared store (--store URL) and a directory of files.",
    description =
        "export writes model_rankings.json and model_performance_feedback.json (the original formats)"
            + " from the store into DIR; import loads them from DIR into the store, in one transaction; importing"
            + " twice gives the same state. The ranking updater's memory (model_discovery.json) and the learned selection state (model_selection_state.json) are copied too.",
    subcommands = {StoreCommand.Export.class, StoreCommand.Import.class})
final class StoreCommand implements Callable<Integer> {

  /** State documents copied along with the two files. */
  static final List<String> DOCUMENTS =
      List.of("model_discovery.json", "model_selection_state.json");

  @ParentCommand private TaskoptCommand root;

  @Override
  public Integer call() {
    throw CliException.usage(
        "Missing subcommand: 'taskopt --store URL store export DIR' or '... store import DIR'");
  }

  static String requireUrl(TaskoptCommand root) {
    return root.storeUrl()
        .orElseThrow(
            () ->
                CliException.usage(
                    "No store given: pass --store URL (e.g."
                        + " jdbc:postgresql://host:5432/db?user=u&password=p) or set TASKOPT_STORE"));
  }

  /** Store to files. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      header =
          "Writes model_rankings.json and model_performance_feedback.json from the store into DIR.")
  static final class Export implements Callable<Integer> {
    @ParentCommand private StoreCommand parent;

    @Parameters(
        paramLabel = "DIR",
        description =
            "Directory to write into (created if missing; other tasks and"
                + " models already in its files are kept).")
    private Path dir;

    @Override
    public Integer call() {
      TaskoptCommand root = parent.root;
      try (OptimizerStore db = Stores.open(requireUrl(root))) {
        OptimizerStore files = OptimizerStores.files(dir);
        Map<TaskType, List<RankedModel>> rankings = db.loadRankings().rankings();
        Map<String, Map<String, StoredFeedback>> feedback = db.loadFeedback();
        if (!rankings.isEmpty()) {
          files.replaceRankings(rankings);
        }
        if (!feedback.isEmpty()) {
          files.replaceFeedback(feedback);
        }
        for (String name : DOCUMENTS) {
          db.readDocument(name).ifPresent(content -> files.writeDocument(name, content));
        }
        report(root.terminal().out(), "Exported", db.location(), "to " + dir, rankings, feedback);
        return ExitCodes.OK;
      }
    }
  }

  /** Files to store. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header =
          "Loads model_rankings.json and model_performance_feedback.json from DIR into the store.")
  static final class Import implements Callable<Integer> {
    @ParentCommand private StoreCommand parent;

    @Parameters(
        paramLabel = "DIR",
        description =
            "Directory holding model_rankings.json and/or" + " model_performance_feedback.json.")
    private Path dir;

    @Override
    public Integer call() {
      TaskoptCommand root = parent.root;
      if (!Files.isDirectory(dir)) {
        throw CliException.config("No directory at " + dir.toAbsolutePath().normalize());
      }
      OptimizerStore files = OptimizerStores.files(dir);
      Map<TaskType, List<RankedModel>> rankings = files.loadRankings().rankings();
      Map<String, Map<String, StoredFeedback>> feedback = files.loadFeedback();
      if (rankings.isEmpty() && feedback.isEmpty()) {
        throw CliException.config(
            "Neither model_rankings.json nor model_performance_feedback.json in "
                + dir.toAbsolutePath().normalize()
                + " has data to import");
      }
      try (OptimizerStore db = Stores.open(requireUrl(root))) {
        // one transaction in a transactional store: all or nothing
        db.inRankingTransaction(
            () -> {
              if (!rankings.isEmpty()) {
                db.replaceRankings(rankings);
              }
              if (!feedback.isEmpty()) {
                db.replaceFeedback(feedback);
              }
              for (String name : DOCUMENTS) {
                Optional<String> content = files.readDocument(name);
                content.ifPresent(c -> db.writeDocument(name, c));
              }
              return null;
            });
        report(root.terminal().out(), "Imported", db.location(), "from " + dir, rankings, feedback);
        return ExitCodes.OK;
      }
    }
  }

  private static void report(
      PrintWriter out,
      String verb,
      String store,
      String where,
      Map<TaskType, List<RankedModel>> rankings,
      Map<String, Map<String, StoredFeedback>> feedback) {
    int models = feedback.values().stream().mapToInt(Map::size).sum();
    out.println(
        verb
            + " the rankings of "
            + rankings.size()
            + " task"
            + (rankings.size() == 1 ? "" : "s")
            + " and the feedback of "
            + models
            + " model"
            + (models == 1 ? "" : "s")
            + " (store "
            + store
            + ") "
            + where);
    out.flush();
  }
}
