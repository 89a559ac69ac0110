package io.taskoptimizer.core;

import io.taskoptimizer.api.TaskType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a {@link RankingUpdater} run: the diff of the rankings, the models it found new or
 * missing, and whether it wrote anything.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param time when the update ran (the optimizer's clock)
 * @param written whether {@code model_rankings.json} was written (false for a preview, or when
 *     nothing changed)
 * @param availabilityKnown whether a provider answered; when not, new and missing models could not
 *     be detected
 * @param changes the changed entries, tasks in file order, each task's entries by new position
 * @param newModels models a provider serves that no ranking listed; they were added with the
 *     neutral prior
 * @param unavailableModels ranked models no provider serves now; they stay ranked
 * @param modelsNeedingBenchmark models flagged for benchmarking (new models without quality ratings
 *     on every task they were added to), including ones flagged by earlier runs
 * @param notes other findings for humans (feedback for unranked tasks, models skipped, ...)
 */
public record RankingUpdate(
    Instant time,
    boolean written,
    boolean availabilityKnown,
    List<RankingChange> changes,
    List<String> newModels,
    List<String> unavailableModels,
    List<String> modelsNeedingBenchmark,
    List<String> notes) {

  /**
   * Validates the components and copies the lists, so later changes to the arguments do not show.
   *
   * @param time when the update ran (the optimizer's clock); must not be null
   * @param written whether {@code model_rankings.json} was written
   * @param availabilityKnown whether a provider answered
   * @param changes the changed entries; must not be null or hold null
   * @param newModels models a provider serves that no ranking listed; must not be null or hold null
   * @param unavailableModels ranked models no provider serves now; must not be null or hold null
   * @param modelsNeedingBenchmark models flagged for benchmarking; must not be null or hold null
   * @param notes other findings for humans; must not be null or hold null
   * @throws NullPointerException if a component or an element of a list is null
   */
  public RankingUpdate {
    Objects.requireNonNull(time, "time");
    changes = List.copyOf(changes);
    newModels = List.copyOf(newModels);
    unavailableModels = List.copyOf(unavailableModels);
    modelsNeedingBenchmark = List.copyOf(modelsNeedingBenchmark);
    notes = List.copyOf(notes);
  }

  /** {@return whether any ranking entry changed} */
  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /**
   * The changes of one task, by new position.
   *
   * @param task the task; must not be null
   * @return the task's changes by new position; empty if none of its entries changed
   * @throws NullPointerException if {@code task} is null
   */
  public List<RankingChange> changes(TaskType task) {
    Objects.requireNonNull(task, "task");
    return changes.stream().filter(c -> c.task().equals(task)).toList();
  }

  /**
   * {@return the readable diff: a headline, then per task who moved up or down and why, then new,
   * unavailable and to-be-benchmarked models and notes (lines separated by {@code \n})}
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    long tasks = changes.stream().map(RankingChange::task).distinct().count();
    sb.append("Ranking update at ").append(time.truncatedTo(ChronoUnit.SECONDS)).append(": ");
    if (changes.isEmpty()) {
      sb.append("no changes");
    } else {
      sb.append(changes.size())
          .append(changes.size() == 1 ? " change" : " changes")
          .append(" in ")
          .append(tasks)
          .append(tasks == 1 ? " task" : " tasks");
    }
    sb.append(written ? " (written)" : changes.isEmpty() ? "" : " (not written)");
    Map<TaskType, StringBuilder> byTask = new LinkedHashMap<>();
    for (RankingChange c : changes) {
      byTask
          .computeIfAbsent(c.task(), t -> new StringBuilder())
          .append("\n  ")
          .append(c.describe());
    }
    byTask.forEach((task, lines) -> sb.append('\n').append(task.id()).append(':').append(lines));
    if (!newModels.isEmpty()) {
      sb.append("\nNew models (added with a neutral prior): ").append(String.join(", ", newModels));
    }
    if (!modelsNeedingBenchmark.isEmpty()) {
      sb.append("\nNeed benchmarking: ").append(String.join(", ", modelsNeedingBenchmark));
    }
    if (!unavailableModels.isEmpty()) {
      sb.append("\nUnavailable (kept in the rankings): ")
          .append(String.join(", ", unavailableModels));
    }
    if (!availabilityKnown) {
      sb.append(
          "\nAvailability unknown: no provider answered, so new and missing models were not checked");
    }
    for (String note : notes) {
      sb.append("\nNote: ").append(note);
    }
    return sb.toString();
  }
}
