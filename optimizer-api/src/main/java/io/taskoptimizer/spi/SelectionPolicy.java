package io.taskoptimizer.spi;

import io.taskoptimizer.api.PriorityWeights;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses the model for the next call of a task from the current estimates: the exploration /
 * exploitation trade-off of model selection. The optimizer asks the policy on every call that does
 * not name a model ({@code TaskOptimizer.nextModelFor}); the built-in policies are in {@code
 * io.taskoptimizer.core.SelectionPolicies} (Thompson sampling is the default).
 *
 * <p>The optimizer applies its guardrails around any policy: only available models are offered; a
 * pick below the leader's estimate (an <em>exploration</em>) is allowed only within the exploration
 * budget and only for a model whose quality is not confidently below the quality floor; otherwise
 * the leader (best estimate) is used instead.
 *
 * <p>Contract: {@link #choose} runs on the caller's thread for every call, so it must be fast (well
 * under a microsecond for 15 arms; no I/O, no locking, ideally no allocation), must not throw, and
 * must take all randomness from the given generator so that a seeded optimizer is reproducible.
 * Implementations must be thread-safe (they are usually stateless).
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

  /**
   * A short stable id for logs and selection reasons, e.g. {@code thompson}. The default is the
   * implementation's simple class name.
   *
   * @return the policy's id
   */
  default String id() {
    return getClass().getSimpleName();
  }

  /**
   * The version of this plugin's code, for discovery logs and {@code taskopt doctor}: the same
   * meaning on every SPI. The default reads the {@code Implementation-Version} of the jar that
   * holds the implementation class (else its module version); empty when unknown, e.g. when run
   * from a class directory. Override it only to report a version the jar does not carry.
   *
   * @return the plugin's version, or empty when unknown
   */
  default Optional<String> version() {
    return PluginVersion.of(getClass());
  }
}
