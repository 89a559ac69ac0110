package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.core.RankingUpdate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints a {@link RankingUpdate} as tables (one per changed task) or as JSON. */
final class RankingDiff {

  private RankingDiff() {}

  static void print(PrintWriter out, Style style, RankingUpdate u, String indent) {
    if (!u.hasChanges()) {
      out.println(indent + "No ranking changes: the feedback holds no new evidence.");
    }
    Set<TaskType> tasks = new LinkedHashSet<>();
    u.changes().forEach(c -> tasks.add(c.task()));
    for (TaskType task : tasks) {
      out.println(indent + style.bold(task.id()));
      Table t = new Table("move", "model", "rank", "quality", "speed").rightAlign(2);
      List<String> reasons = new ArrayList<>();
      for (RankingChange c : u.changes(task)) {
        t.row(
            move(c, style),
            c.model(),
            c.rankBefore() == 0
                ? "#" + c.rankAfter()
                : "#" + c.rankBefore() + " -> #" + c.rankAfter(),
            c.before()
                .map(b -> change(b.quality(), c.after().quality()))
                .orElse(Style.score(c.after().quality())),
            c.before()
                .map(b -> change(b.speed(), c.after().speed()))
                .orElse(Style.score(c.after().speed())));
        if (c.kind() != RankingChange.Kind.MOVED) {
          reasons.add(c.model() + ": " + c.reason());
        }
      }
      t.print(out, indent + "  ", style);
      if (!reasons.isEmpty()) {
        out.println(indent + "  why:");
        reasons.forEach(r -> out.println(indent + "    " + r));
      }
      out.println();
    }
    if (!u.newModels().isEmpty()) {
      out.println(
          indent + "New models (added with a neutral prior): " + String.join(", ", u.newModels()));
    }
    if (!u.modelsNeedingBenchmark().isEmpty()) {
      out.println(
          indent
              + "Need benchmarking ('taskopt benchmark --models "
              + String.join(",", u.modelsNeedingBenchmark())
              + "'): "
              + String.join(", ", u.modelsNeedingBenchmark()));
    }
    if (!u.unavailableModels().isEmpty()) {
      out.println(
          indent
              + "Not served now (kept in the rankings): "
              + String.join(", ", u.unavailableModels()));
    }
    for (String note : u.notes()) {
      out.println(indent + "Note: " + note);
    }
  }

  private static String move(RankingChange c, Style style) {
    if (c.kind() == RankingChange.Kind.ADDED) {
      return style.yellow("new");
    }
    int up = c.placesUp();
    return up > 0 ? style.green("up " + up) : up < 0 ? style.red("down " + -up) : "same";
  }

  private static String change(double before, double after) {
    return Math.abs(before - after) < 5e-4
        ? Style.score(after)
        : String.format(Locale.ROOT, "%.2f -> %.2f", before, after);
  }

  static Map<String, Object> json(RankingUpdate u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", u.time().toString());
    m.put("written", u.written());
    m.put("availability_checked", u.availabilityKnown());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (RankingChange c : u.changes()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("task", c.task().id());
      e.put("model", c.model());
      e.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      e.put("rank_before", c.rankBefore() == 0 ? null : c.rankBefore());
      e.put("rank_after", c.rankAfter());
      e.put("quality_before", c.before().map(b -> (Object) b.quality()).orElse(null));
      e.put("quality_after", c.after().quality());
      e.put("speed_before", c.before().map(b -> (Object) b.speed()).orElse(null));
      e.put("speed_after", c.after().speed());
      e.put("reason", c.reason());
      changes.add(e);
    }
    m.put("changes", changes);
    m.put("new_models", u.newModels());
    m.put("unavailable_models", u.unavailableModels());
    m.put("models_needing_benchmark", u.modelsNeedingBenchmark());
    m.put("notes", u.notes());
    return m;
  }
}
