package io.taskoptimizer.core;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a ranking update's diff: a model of one task that was added, re-scored or moved.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param task the task
 * @param model the model name as written in the rankings
 * @param kind what happened
 * @param before the entry before the update; empty when the model was added
 * @param after the entry after the update
 * @param rankBefore 1-based position before the update; 0 when the model was added
 * @param rankAfter 1-based position after the update
 * @param reason why, in words (the evidence and formula inputs for a re-score)
 */
public record RankingChange(
    TaskType task,
    String model,
    Kind kind,
    Optional<RankedModel> before,
    RankedModel after,
    int rankBefore,
    int rankAfter,
    String reason) {

  /**
   * What happened to a model's entry.
   *
   * <p>An enum, so immutable and thread-safe.
   */
  public enum Kind {
    /** The model was not ranked for the task and now is. */
    ADDED,
    /** The model's scores changed because of new evidence. */
    RESCORED,
    /** The scores are unchanged, but the position changed because other entries changed. */
    MOVED
  }

  /**
   * Validates the components.
   *
   * @param task the task; must not be null
   * @param model the model name as written in the rankings; must not be null
   * @param kind what happened; must not be null
   * @param before the entry before the update, or empty when the model was added; must not be null
   * @param after the entry after the update; must not be null
   * @param rankBefore 1-based position before the update; 0 when the model was added
   * @param rankAfter 1-based position after the update; at least 1
   * @param reason why, in words; must not be null
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if {@code rankBefore} is negative or {@code rankAfter} is
   *     below 1
   */
  public RankingChange {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(reason, "reason");
    if (rankBefore < 0 || rankAfter < 1) {
      throw new IllegalArgumentException(
          "ranks must be positive (rankBefore 0 = not ranked), got "
              + rankBefore
              + " and "
              + rankAfter);
    }
  }

  /** {@return how many places the model moved up (negative: down; 0 for added models)} */
  public int placesUp() {
    return rankBefore == 0 ? 0 : rankBefore - rankAfter;
  }

  /**
   * {@return one line for humans, e.g. {@code "up 2 llama3.2:latest #3 -> #1 quality 0.900 -> 0.912
   * ..."}}
   */
  public String describe() {
    String move;
    if (kind == Kind.ADDED) {
      move = "new   ";
    } else if (placesUp() > 0) {
      move = "up " + placesUp() + "  ";
    } else if (placesUp() < 0) {
      move = "down " + -placesUp();
    } else {
      move = "stay  ";
    }
    String ranks = rankBefore == 0 ? "     #" + rankAfter : "#" + rankBefore + " -> #" + rankAfter;
    String scores =
        before
            .map(
                b ->
                    String.format(
                        Locale.ROOT,
                        "quality %.3f -> %.3f, speed %.3f -> %.3f",
                        b.quality(),
                        after.quality(),
                        b.speed(),
                        after.speed()))
            .orElse(
                String.format(
                    Locale.ROOT, "quality %.3f, speed %.3f", after.quality(), after.speed()));
    return String.format(
        Locale.ROOT, "%-6s %-28s %-10s %s: %s", move, model, ranks, scores, reason);
  }
}
