package io.taskoptimizer.spi;

import io.taskoptimizer.api.PriorityWeights;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chooses the model for the next call of a task from the current estimates: the exploration /
 * exploitation trade-off of model selection. The optimizer asks the policy on every call that
 * does not name a model ({@code TaskOptimizer.nextModelFor}); the built-in policies are in
 * {@code io.taskoptimizer.core.SelectionPolicies} (Thompson sampling is the default).
 *
 * <p>The optimizer applies its guardrails around any policy: only available models are offered;
 * a pick below the leader's estimate (an <em>exploration</em>) is allowed only within the
 * exploration budget and only for a model whose quality is not confidently below the quality
 * floor; otherwise the leader (best estimate) is used instead.
 *
 * <p>Contract: {@link #choose} runs on the caller's thread for every call, so it must be fast
 * (well under a microsecond for 15 arms; no I/O, no locking, ideally no allocation), must not
 * throw, and must take all randomness from the given generator so that a seeded optimizer is
 * reproducible. Implementations must be thread-safe (they are usually stateless).
 */
public interface SelectionPolicy {

  /**
   * Chooses one arm.
   *
   * @param arms the available candidates, never empty, ordered by {@link ArmEstimate#utility()}
   *     (best estimate first, so index 0 is the leader)
   * @param weights the task's quality/speed weights (already folded into each arm's utility)
   * @param random the source of randomness (seeded when the optimizer was given one)
   * @return the index of the chosen arm in {@code arms}; an index out of range is treated as 0
   */
  int choose(List<ArmEstimate> arms, PriorityWeights weights, RandomGenerator random);

  /** A short name for logs and selection reasons, e.g. {@code thompson}. */
  default String name() {
    return getClass().getSimpleName();
  }
}
