package io.taskoptimizer.core.internal.ranking;

import io.taskoptimizer.spi.StoredFeedback;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the ranking updater remembers between runs, kept beside the rankings in {@value
 * RankingStateFile#NAME} so that {@code model_rankings.json} keeps its original format: when it
 * last ran, which models it discovered (and whether they still need benchmarking), which ranked
 * models went missing and since when, and per task and model the prior it shrinks toward plus the
 * feedback it has already used.
 *
 * @param lastUpdate when an update last wrote this state
 * @param discovered models found served but unranked, by normalised name
 * @param unavailable ranked models no provider served, by normalised name, with when that was first
 *     seen
 * @param evidence per task id, per normalised model name: the prior and the evidence used
 */
public record RankingState(
    Optional<Instant> lastUpdate,
    Map<String, Discovered> discovered,
    Map<String, Instant> unavailable,
    Map<String, Map<String, Evidence>> evidence) {

  /**
   * Copies into sorted, unmodifiable maps, so the file's content is deterministic.
   *
   * @param lastUpdate when an update last wrote this state, or empty; must not be null
   * @param discovered models found served but unranked, by normalised name (copied)
   * @param unavailable ranked models no provider served, by normalised name (copied)
   * @param evidence per task id, per normalised model name: the prior and the evidence used
   *     (copied)
   * @throws NullPointerException if a component is null
   */
  public RankingState {
    Objects.requireNonNull(lastUpdate, "lastUpdate");
    discovered = Collections.unmodifiableMap(new TreeMap<>(discovered));
    unavailable = Collections.unmodifiableMap(new TreeMap<>(unavailable));
    TreeMap<String, Map<String, Evidence>> ev = new TreeMap<>();
    evidence.forEach(
        (task, models) -> ev.put(task, Collections.unmodifiableMap(new TreeMap<>(models))));
    evidence = Collections.unmodifiableMap(ev);
  }

  /** {@return the state before any update ran} */
  public static RankingState empty() {
    return new RankingState(Optional.empty(), Map.of(), Map.of(), Map.of());
  }

  /**
   * The evidence record of a task's model.
   *
   * @param taskId the task id
   * @param normalizedModel the model name, normalised
   * @return the record, or empty if the updater has not scored that model for that task
   */
  public Optional<Evidence> evidence(String taskId, String normalizedModel) {
    return Optional.ofNullable(evidence.getOrDefault(taskId, Map.of()).get(normalizedModel));
  }

  /**
   * A model the updater added because a provider served it while no ranking listed it.
   *
   * @param model the name as the provider reported it
   * @param provider the provider that served it
   * @param firstSeen when it was first found
   * @param addedTo the tasks it was added to
   * @param needsBenchmark the tasks it still has no quality rating for (empty: benchmarked)
   */
  public record Discovered(
      String model,
      String provider,
      Instant firstSeen,
      List<String> addedTo,
      List<String> needsBenchmark) {

    /**
     * Validates and copies.
     *
     * @param model the name as the provider reported it; must not be null
     * @param provider the provider that served it; must not be null
     * @param firstSeen when it was first found; must not be null
     * @param addedTo the tasks it was added to (copied)
     * @param needsBenchmark the tasks it still has no quality rating for (copied)
     * @throws NullPointerException if a component is null
     */
    public Discovered {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(firstSeen, "firstSeen");
      addedTo = List.copyOf(addedTo);
      needsBenchmark = List.copyOf(needsBenchmark);
    }
  }

  /**
   * How a task's model was last scored.
   *
   * @param priorQuality the quality the posterior shrinks toward (the score before any evidence)
   * @param priorSpeed the speed the posterior shrinks toward
   * @param writtenQuality the quality the updater last wrote (a different value in the file means
   *     someone edited it, and the edit becomes the new prior)
   * @param writtenSpeed the speed the updater last wrote
   * @param used the feedback the written scores were computed from
   */
  public record Evidence(
      double priorQuality,
      double priorSpeed,
      double writtenQuality,
      double writtenSpeed,
      Fingerprint used) {

    /**
     * Validates.
     *
     * @param priorQuality the quality the posterior shrinks toward
     * @param priorSpeed the speed the posterior shrinks toward
     * @param writtenQuality the quality the updater last wrote
     * @param writtenSpeed the speed the updater last wrote
     * @param used the feedback the written scores were computed from; must not be null
     * @throws NullPointerException if {@code used} is null
     */
    public Evidence {
      Objects.requireNonNull(used, "used");
    }
  }

  /**
   * A summary of a model's feedback that changes whenever anything is recorded for it, so "no new
   * evidence" can be told exactly.
   *
   * @param executions executions recorded
   * @param failures failed executions
   * @param totalTime summed seconds
   * @param ratings quality ratings held
   * @param ratingsSum their sum
   */
  public record Fingerprint(
      long executions, long failures, double totalTime, int ratings, double ratingsSum) {

    /**
     * The fingerprint of a model's feedback.
     *
     * @param f the model's feedback
     * @return its fingerprint
     */
    public static Fingerprint of(StoredFeedback f) {
      double sum = 0;
      for (double q : f.qualityRatings()) {
        sum += q;
      }
      return new Fingerprint(
          f.executions(), f.failures(), f.totalTimeSeconds(), f.qualityRatings().size(), sum);
    }
  }
}
