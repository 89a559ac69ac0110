package io.taskoptimizer.core;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.SelectionPolicy;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The built-in {@link SelectionPolicy selection policies}. Pass one to {@link
 * TaskOptimizer.Builder#selectionPolicy}; {@link #thompsonSampling()} is the default. The
 * optimizer's guardrails (availability, exploration budget, quality floor) apply to all of them.
 *
 * <p>Static factories of stateless policies, so thread-safe.
 */
public final class SelectionPolicies {

  private static final SelectionPolicy THOMPSON = new Thompson();
  private static final SelectionPolicy GREEDY = new Greedy();
  private static final SelectionPolicy UCB = new Ucb(2.0);

  /** Thompson sampling skips an arm whose mean + this many sd is below the best draw so far. */
  private static final double PRUNE_SIGMAS = 4.0;

  private SelectionPolicies() {}

  /**
   * Thompson sampling (the default): draws a plausible utility for every arm from its posterior,
   * {@code utility + utilityStdDev * N(0, 1)}, and picks the highest draw. Arms whose estimates are
   * uncertain (new models, models not tried for a while) are tried now and then; exploration falls
   * off by itself as the posteriors narrow. One Gaussian draw per arm, except arms that could only
   * win with a draw more than 4 standard deviations above their mean (they are skipped, which keeps
   * the call cheap with many hopeless arms).
   *
   * @return the shared Thompson sampling policy
   */
  public static SelectionPolicy thompsonSampling() {
    return THOMPSON;
  }

  /**
   * {@return the greedy policy: always the best estimate, no exploration (the behaviour before
   * adaptive selection)}
   */
  public static SelectionPolicy greedy() {
    return GREEDY;
  }

  /**
   * With probability {@code epsilon} a uniformly random arm, otherwise the best estimate.
   *
   * @param epsilon the probability of exploring, 0..1
   * @return a new epsilon-greedy policy
   * @throws IllegalArgumentException if {@code epsilon} is outside 0..1
   */
  public static SelectionPolicy epsilonGreedy(double epsilon) {
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be between 0 and 1, got " + epsilon);
    }
    return new EpsilonGreedy(epsilon);
  }

  /**
   * Upper confidence bound: the arm with the highest {@code utility + 2 * utilityStdDev}
   * (deterministic; optimism in the face of uncertainty).
   *
   * @return the shared UCB policy
   */
  public static SelectionPolicy ucb() {
    return UCB;
  }

  private static final class Thompson implements SelectionPolicy {
    @Override
    public int choose(List<ArmEstimate> arms, PriorityWeights weights, RandomGenerator random) {
      int best = 0;
      double bestDraw = Double.NEGATIVE_INFINITY;
      for (int i = 0, n = arms.size(); i < n; i++) {
        ArmEstimate a = arms.get(i);
        double sd = a.utilityStdDev();
        if (a.utility() + PRUNE_SIGMAS * sd <= bestDraw) {
          continue; // cannot win unless its draw is beyond 4 sd (p < 4e-5): skip the draw
        }
        double draw = a.utility() + sd * random.nextGaussian();
        if (draw > bestDraw) {
          bestDraw = draw;
          best = i;
        }
      }
      return best;
    }

    @Override
    public String id() {
      return "thompson";
    }

    @Override
    public String toString() {
      return "SelectionPolicies.thompsonSampling()";
    }
  }

  private static final class Greedy implements SelectionPolicy {
    @Override
    public int choose(List<ArmEstimate> arms, PriorityWeights weights, RandomGenerator random) {
      return 0;
    }

    @Override
    public String id() {
      return "greedy";
    }

    @Override
    public String toString() {
      return "SelectionPolicies.greedy()";
    }
  }

  private static final class EpsilonGreedy implements SelectionPolicy {
    private final double epsilon;

    EpsilonGreedy(double epsilon) {
      this.epsilon = epsilon;
    }

    @Override
    public int choose(List<ArmEstimate> arms, PriorityWeights weights, RandomGenerator random) {
      if (arms.size() > 1 && random.nextDouble() < epsilon) {
        return random.nextInt(arms.size());
      }
      return 0;
    }

    @Override
    public String id() {
      return "epsilon-greedy";
    }

    @Override
    public String toString() {
      return "SelectionPolicies.epsilonGreedy(" + epsilon + ")";
    }
  }

  private static final class Ucb implements SelectionPolicy {
    private final double z;

    Ucb(double z) {
      this.z = z;
    }

    @Override
    public int choose(List<ArmEstimate> arms, PriorityWeights weights, RandomGenerator random) {
      int best = 0;
      double bestBound = Double.NEGATIVE_INFINITY;
      for (int i = 0, n = arms.size(); i < n; i++) {
        double bound = arms.get(i).upperBound(z);
        if (bound > bestBound) {
          bestBound = bound;
          best = i;
        }
      }
      return best;
    }

    @Override
    public String id() {
      return "ucb";
    }

    @Override
    public String toString() {
      return "SelectionPolicies.ucb()";
    }
  }
}
