package io.taskoptimizer.spi;

import java.util.Objects;

/**
 * What the optimizer currently believes about one candidate model (an "arm") of one task: the
 * posterior mean and standard deviation of each signal, all on the 0..1 score scale, plus how much
 * evidence stands behind them. A {@link SelectionPolicy} chooses among these.
 *
 * <p>The utility of an arm is {@code wq * quality * (1 - failureRate) + ws * speed} (weights of the
 * task); {@link #utility()} is its posterior mean and {@link #utilityStdDev()} its posterior
 * standard deviation (first-order propagation of the three uncertainties), both precomputed for the
 * task's weights so that a policy needs no arithmetic beyond one draw per arm.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model name as the provider or the rankings name it
 * @param quality posterior mean of the assessor score, 0..1
 * @param qualityStdDev posterior standard deviation of that mean
 * @param failureRate posterior mean probability that a call fails (error or blank output)
 * @param failureStdDev posterior standard deviation of the failure rate
 * @param speed posterior mean speed score, 0..1, on the task's one speed scale (see the core
 *     README: {@code min(1, referenceLatency / warmLatency)})
 * @param speedStdDev posterior standard deviation of the speed score
 * @param utility posterior mean utility under the task's weights
 * @param utilityStdDev posterior standard deviation of the utility
 * @param evidence effective (recency-discounted) number of observations behind the estimate, prior
 *     pseudo-observations included
 */
public record ArmEstimate(
    String model,
    double quality,
    double qualityStdDev,
    double failureRate,
    double failureStdDev,
    double speed,
    double speedStdDev,
    double utility,
    double utilityStdDev,
    double evidence) {

  /**
   * Validates the components.
   *
   * @param model the model name; must not be null
   * @param quality the estimated quality
   * @param qualityStdDev its standard deviation; must not be negative or NaN
   * @param failureRate the estimated failure rate
   * @param failureStdDev its standard deviation; must not be negative or NaN
   * @param speed the estimated speed score
   * @param speedStdDev its standard deviation; must not be negative or NaN
   * @param utility the estimated weighted utility
   * @param utilityStdDev its standard deviation; must not be negative or NaN
   * @param evidence how much evidence the estimate rests on; must not be negative or NaN
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if a standard deviation or {@code evidence} is negative or NaN
   */
  public ArmEstimate {
    Objects.requireNonNull(model, "model");
    if (!(qualityStdDev >= 0)
        || !(failureStdDev >= 0)
        || !(speedStdDev >= 0)
        || !(utilityStdDev >= 0)
        || !(evidence >= 0)) {
      throw new IllegalArgumentException(
          "standard deviations and evidence of '" + model + "' must be >= 0 and not NaN");
    }
  }

  /**
   * An optimistic bound on the utility: {@code utility + z * utilityStdDev}.
   *
   * @param z how many standard deviations to add; a negative value gives a pessimistic bound
   * @return the bound
   */
  public double upperBound(double z) {
    return utility + z * utilityStdDev;
  }
}
