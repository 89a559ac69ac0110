package io.taskoptimizer.core.internal.learning;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.SkippedModel;
import io.taskoptimizer.api.TaskType;
import java.util.List;

/**
 * The models a task may use now, fixed whenever rankings or availability change: the available
 * ranked models with their file scores (the prior), then the available models that no ranking of
 * the task lists (uncertain prior). Compared by identity: a new object means a new candidate set.
 *
 * @param task the task
 * @param weights the task's weights
 * @param arms the candidates, ranked ones first in file order
 * @param skipped ranked models that are not available, with the reason
 * @param ranked names of every ranked model of the task (for error messages)
 * @param availabilityKnown whether a provider has answered
 */
public record Candidates(
    TaskType task,
    PriorityWeights weights,
    List<Candidate> arms,
    List<SkippedModel> skipped,
    List<String> ranked,
    boolean availabilityKnown) {

  /**
   * Copies the lists.
   *
   * @param task the task
   * @param weights the task's weights
   * @param arms the candidates, ranked ones first in file order (copied)
   * @param skipped ranked models that are not available, with the reason (copied)
   * @param ranked names of every ranked model of the task (copied)
   * @param availabilityKnown whether a provider has answered
   */
  public Candidates {
    arms = List.copyOf(arms);
    skipped = List.copyOf(skipped);
    ranked = List.copyOf(ranked);
  }

  /**
   * One candidate.
   *
   * @param model the name as ranked (or as served, for unranked models)
   * @param key the normalised name
   * @param provider the provider serving it (the fallback provider when availability is unknown)
   * @param priorQuality the file's quality score (0.5 for an unranked model)
   * @param priorSpeed the file's speed score (0.5 for an unranked model)
   * @param ranked whether the task's ranking lists it (a ranked prior is firmer)
   */
  public record Candidate(
      String model,
      String key,
      String provider,
      double priorQuality,
      double priorSpeed,
      boolean ranked) {}

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
