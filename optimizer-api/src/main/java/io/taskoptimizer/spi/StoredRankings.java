package io.taskoptimizer.spi;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rankings as a store holds them.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param rankings per task, in stored order, each ranking best first as stored
 * @param ignoredKeys stored task keys that are not valid task ids (kept, not used)
 * @param version a token that changes whenever the stored rankings change, empty when nothing is
 *     stored; compared with {@link OptimizerStore#rankingsVersion()} to notice another process's
 *     change
 */
public record StoredRankings(
    Map<TaskType, List<RankedModel>> rankings, List<String> ignoredKeys, Optional<String> version) {

  /**
   * Copies the components, keeping the order of the tasks.
   *
   * @param rankings the ranked models of each task, best first (copied); must not be null nor
   *     contain null tasks or lists
   * @param ignoredKeys stored task keys that are not valid task ids (copied); must not be null nor
   *     contain null
   * @param version the stored version, or empty when nothing is stored; must not be null
   * @throws NullPointerException if a component, a task, a list or an element is null
   */
  public StoredRankings {
    Map<TaskType, List<RankedModel>> copy = new LinkedHashMap<>();
    rankings.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "task"), List.copyOf(v)));
    rankings = Collections.unmodifiableMap(copy);
    ignoredKeys = List.copyOf(ignoredKeys);
    Objects.requireNonNull(version, "version");
  }
}
