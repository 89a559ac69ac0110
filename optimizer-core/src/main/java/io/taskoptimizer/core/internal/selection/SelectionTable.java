package io.taskoptimizer.core.internal.selection;

import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The precomputed choice for every ranked task, rebuilt whenever rankings, weights or availability
 * change and published through a volatile field, so that {@link #bestModel(TaskType)} is one hash
 * lookup: no I/O, no parsing, no locking, no allocation.
 *
 * <p>Candidates are the ranked models that an available provider serves (names compared
 * normalised, so {@code llama3.2} matches {@code llama3.2:latest}), scored
 * {@code wq * quality + ws * speed}. The order is: higher score (compared at a resolution of 1e-9,
 * so that scores equal up to floating-point noise count as a tie), then higher quality, then model
 * name. When availability is unknown, every ranked model is a candidate.
 */
public final class SelectionTable {

  private static final Comparator<ScoredCandidate> ORDER = Comparator
      .comparingLong((ScoredCandidate c) -> -Math.round(c.weightedScore() * 1e9))
      .thenComparing(Comparator.comparingDouble(ScoredCandidate::quality).reversed())
      .thenComparing(ScoredCandidate::model);

  private final HashMap<TaskType, Entry> byTask;
  private final AvailabilityView availability;
  private final boolean complete;

  private SelectionTable(HashMap<TaskType, Entry> byTask, AvailabilityView availability, boolean complete) {
    this.byTask = byTask;
    this.availability = availability;
    this.complete = complete;
  }

  /** The choice of one task. {@code model} is null when no ranked model is available. */
  private static final class Entry {
    final String model;
    final ModelSelection selection;
    final List<String> ranked;

    Entry(String model, ModelSelection selection, List<String> ranked) {
      this.model = model;
      this.selection = selection;
      this.ranked = ranked;
    }
  }

  /**
   * Computes the choices.
   *
   * @param complete whether every provider had been asked when {@code availability} was taken
   */
  public static SelectionTable build(Map<TaskType, List<RankedModel>> rankings,
      Function<TaskType, PriorityWeights> weights, AvailabilityView availability, boolean complete) {
    HashMap<TaskType, Entry> byTask = new HashMap<>();
    for (Map.Entry<TaskType, List<RankedModel>> e : rankings.entrySet()) {
      byTask.put(e.getKey(), choose(e.getKey(), e.getValue(), weights.apply(e.getKey()), availability));
    }
    return new SelectionTable(byTask, availability, complete);
  }

  /** Whether every provider had been asked when this table was computed. */
  public boolean complete() {
    return complete;
  }

  private static Entry choose(TaskType task, List<RankedModel> ranking, PriorityWeights w,
      AvailabilityView availability) {
    List<ScoredCandidate> candidates = new ArrayList<>();
    List<SkippedModel> skipped = new ArrayList<>();
    List<String> ranked = new ArrayList<>();
    for (RankedModel m : ranking) {
      ranked.add(m.model());
      String provider;
      if (!availability.known()) {
        provider = availability.fallbackProvider();
      } else {
        provider = availability.providerOf(ModelNames.normalize(m.model())).orElse(null);
        if (provider == null) {
          skipped.add(new SkippedModel(m.model(), availability.downProviders().isEmpty()
              ? "not served by any provider"
              : "not served by any reachable provider (down: "
                  + String.join(", ", availability.downProviders()) + ")"));
          continue;
        }
      }
      candidates.add(new ScoredCandidate(m.model(), provider, m.quality(), m.speed(), m.weightedScore(w)));
    }
    if (candidates.isEmpty()) {
      return new Entry(null, null, List.copyOf(ranked));
    }
    candidates.sort(ORDER);
    ModelSelection selection = new ModelSelection(task, w, candidates.get(0), candidates, skipped,
        availability.known());
    return new Entry(selection.model(), selection, List.copyOf(ranked));
  }

  /**
   * The chosen model of a task.
   *
   * @throws NoAvailableModelException if no ranked model of the task is available
   */
  public String bestModel(TaskType task) {
    Entry e = byTask.get(task);
    if (e != null && e.model != null) {
      return e.model;
    }
    throw noneAvailable(task, e);
  }

  /**
   * The choice of a task with its evidence.
   *
   * @throws NoAvailableModelException if no ranked model of the task is available
   */
  public ModelSelection selection(TaskType task) {
    Entry e = byTask.get(task);
    if (e != null && e.selection != null) {
      return e.selection;
    }
    throw noneAvailable(task, e);
  }

  /** The availability this table was computed from. */
  public AvailabilityView availability() {
    return availability;
  }

  private NoAvailableModelException noneAvailable(TaskType task, Entry e) {
    return new NoAvailableModelException(task, e == null ? List.of() : e.ranked,
        availability.availableNames(), availability.known());
  }
}
