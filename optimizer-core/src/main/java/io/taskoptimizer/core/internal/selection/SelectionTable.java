package io.taskoptimizer.core.internal.selection;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.learning.Candidates;
import io.taskoptimizer.core.internal.learning.Learner;
import io.taskoptimizer.core.internal.learning.LearningParams;
import io.taskoptimizer.core.internal.learning.TaskLearner;
import io.taskoptimizer.spi.ArmEstimate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The candidate models of every ranked task, rebuilt whenever rankings, weights or availability
 * change and published through a volatile field; the estimates behind the choices come from the
 * {@link Learner}, which recomputes a task's immutable snapshot only after new feedback. So {@link
 * #bestModel(TaskType)} is one hash lookup plus a snapshot check: no I/O, no parsing, no
 * allocation.
 *
 * <p>Candidates are the ranked models that an available provider serves (names compared normalised,
 * so {@code llama3.2} matches {@code llama3.2:latest}), with their file scores as the prior,
 * followed by the served text-generation models that the task's ranking does not list (with an
 * uncertain neutral prior). When availability is unknown, every ranked model is a candidate and no
 * unranked one is. The best estimate is the candidate with the highest posterior mean utility
 * (compared at a resolution of 1e-9), then higher quality, then name; without evidence that is
 * exactly {@code wq * quality + ws * speed} of the file.
 */
public final class SelectionTable {

  private final Map<TaskType, Entry> byTask;
  private final AvailabilityView availability;
  private final boolean complete;
  private final Learner learner;

  private SelectionTable(
      Map<TaskType, Entry> byTask,
      AvailabilityView availability,
      boolean complete,
      Learner learner) {
    this.byTask = byTask;
    this.availability = availability;
    this.complete = complete;
    this.learner = learner;
  }

  /** The candidates of one task. {@code candidates} is null when none is available. */
  private static final class Entry {
    final @Nullable Candidates candidates;
    final TaskLearner learner;
    final List<String> ranked;

    Entry(@Nullable Candidates candidates, TaskLearner learner, List<String> ranked) {
      this.candidates = candidates;
      this.learner = learner;
      this.ranked = ranked;
    }

    /** The candidates of an entry that {@code entry(task)} returned, which has them. */
    Candidates available() {
      return Objects.requireNonNull(candidates, "entry() returns only entries with candidates");
    }
  }

  /**
   * Computes the candidates.
   *
   * @param rankings the ranked models of every task, best first
   * @param weights the priority weights of a task
   * @param availability which provider serves which model now
   * @param complete whether every provider had been asked when {@code availability} was taken
   * @param learner the learner whose estimates drive the choices
   * @return the table of every ranked task
   */
  public static SelectionTable build(
      Map<TaskType, List<RankedModel>> rankings,
      Function<TaskType, PriorityWeights> weights,
      AvailabilityView availability,
      boolean complete,
      Learner learner) {
    Map<TaskType, Entry> byTask = new HashMap<>();
    for (Map.Entry<TaskType, List<RankedModel>> e : rankings.entrySet()) {
      byTask.put(
          e.getKey(),
          candidates(
              e.getKey(),
              e.getValue(),
              weights.apply(e.getKey()),
              availability,
              learner.task(e.getKey())));
    }
    return new SelectionTable(byTask, availability, complete, learner);
  }

  /** {@return whether every provider had been asked when this table was computed} */
  public boolean complete() {
    return complete;
  }

  private static Entry candidates(
      TaskType task,
      List<RankedModel> ranking,
      PriorityWeights w,
      AvailabilityView availability,
      TaskLearner learner) {
    List<Candidates.Candidate> arms = new ArrayList<>();
    List<SkippedModel> skipped = new ArrayList<>();
    List<String> ranked = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RankedModel m : ranking) {
      ranked.add(m.model());
      String key = ModelNames.normalize(m.model());
      String provider;
      if (!availability.known()) {
        provider = availability.fallbackProvider();
      } else {
        provider = availability.providerOf(key).orElse(null);
        if (provider == null) {
          skipped.add(
              new SkippedModel(
                  m.model(),
                  availability.downProviders().isEmpty()
                      ? "not served by any provider"
                      : "not served by any reachable provider (down: "
                          + String.join(", ", availability.downProviders())
                          + ")"));
          continue;
        }
      }
      if (seen.add(key)) {
        arms.add(new Candidates.Candidate(m.model(), key, provider, m.quality(), m.speed(), true));
      }
    }
    if (availability.known()) {
      for (ModelDescriptor d : availability.available()) {
        boolean textModel = d.capabilities().isEmpty() || d.capabilities().contains("completion");
        if (textModel && seen.add(d.normalizedName())) {
          arms.add(
              new Candidates.Candidate(
                  d.name(),
                  d.normalizedName(),
                  availability.providerOf(d.normalizedName()).orElse(d.provider()),
                  LearningParams.NEUTRAL_SCORE,
                  LearningParams.NEUTRAL_SCORE,
                  false));
        }
      }
    }
    if (arms.isEmpty()) {
      return new Entry(null, learner, List.copyOf(ranked));
    }
    return new Entry(
        new Candidates(task, w, arms, skipped, ranked, availability.known()),
        learner,
        List.copyOf(ranked));
  }

  /**
   * The best estimate of a task (exploit only).
   *
   * @param task the task
   * @return the model name
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public String bestModel(TaskType task) {
    Entry e = byTask.get(task);
    if (e != null && e.candidates != null) {
      return learner.best(e.learner, e.candidates);
    }
    throw noneAvailable(task, e);
  }

  /**
   * The best estimate of a task with its evidence.
   *
   * @param task the task
   * @return the selection of the best estimate
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public ModelSelection selection(TaskType task) {
    return learner.selection(entry(task).learner, entry(task).available());
  }

  /**
   * The selection policy's pick for the next call of a task.
   *
   * @param task the task
   * @param allowExploration whether the policy may pick a model other than the best estimate
   * @return the model name to call
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public String nextModel(TaskType task, boolean allowExploration) {
    Entry e = byTask.get(task);
    if (e != null && e.candidates != null) {
      return learner.next(e.learner, e.candidates, allowExploration);
    }
    throw noneAvailable(task, e);
  }

  /**
   * The selection policy's pick for the next call of a task, with the reason.
   *
   * @param task the task
   * @param allowExploration whether the policy may pick a model other than the best estimate
   * @return the pick with its evidence and the reason it was chosen
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public ModelSelection nextSelection(TaskType task, boolean allowExploration) {
    Entry e = entry(task);
    return learner.nextSelection(e.learner, e.available(), allowExploration);
  }

  /**
   * The estimates of the task's candidates, best first.
   *
   * @param task the task
   * @return one estimate per candidate, best first
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public List<ArmEstimate> estimates(TaskType task) {
    Entry e = entry(task);
    return learner.estimates(e.learner, e.available());
  }

  /**
   * The learned estimates of every task's candidates that have evidence, by normalised name:
   * {quality * (1 - failure rate), speed, executions, cold loads}; tasks without available
   * candidates are left out.
   *
   * @return a fresh map by task of the four values per normalised name
   */
  public Map<TaskType, Map<String, double[]>> learned() {
    Map<TaskType, Map<String, double[]>> out = new HashMap<>();
    byTask.forEach(
        (task, e) -> {
          if (e.candidates != null) {
            out.put(task, learner.learned(e.learner, e.candidates));
          }
        });
    return out;
  }

  /**
   * Discounted executions and cold loads of the task's candidates, aligned with {@link #estimates}.
   *
   * @param task the task
   * @return two fresh arrays: executions, then cold loads
   * @throws NoAvailableModelException if no candidate of the task is available
   */
  public double[][] evidence(TaskType task) {
    Entry e = entry(task);
    return learner.evidence(e.learner, e.available());
  }

  private Entry entry(TaskType task) {
    Entry e = byTask.get(task);
    if (e != null && e.candidates != null) {
      return e;
    }
    throw noneAvailable(task, e);
  }

  /** {@return the availability this table was computed from} */
  public AvailabilityView availability() {
    return availability;
  }

  private NoAvailableModelException noneAvailable(TaskType task, @Nullable Entry e) {
    return new NoAvailableModelException(
        task,
        e == null ? List.of() : e.ranked,
        availability.availableNames(),
        availability.known());
  }
}
