package io.taskoptimizer.core.internal.learning;

/**
 * The constants of the posterior (documented with the formulas in optimizer-core/README.md).
 *
 * @param halfLife observations of the task after which evidence counts half
 * @param explorationBudget share of calls that may explore, 0..1
 * @param qualityFloor never explore a model whose quality upper bound is below this
 */
public record LearningParams(int halfLife, double explorationBudget, double qualityFloor) {

  /** Pseudo-observations of a file score (ranked model): a weak prior. */
  public static final double RANKED_PRIOR_WEIGHT = 1.0;

  /** Pseudo-observations of the neutral prior of a served but unranked model: very uncertain. */
  public static final double NEW_MODEL_PRIOR_WEIGHT = 0.3;

  /** Quality and speed assumed for a model without a ranking entry. */
  public static final double NEUTRAL_SCORE = 0.5;

  /** Prior standard deviation of one quality rating (assessor noise). */
  public static final double QUALITY_NOISE = 0.15;

  /** Prior standard deviation of one warm log-latency. */
  public static final double LATENCY_NOISE = 0.5;

  /** Weight that keeps an arm's estimate defined once all its evidence has been forgotten. */
  public static final double EPSILON_WEIGHT = 0.02;

  /** Largest posterior standard deviation of quality. */
  public static final double MAX_QUALITY_SD = 0.35;

  /** Largest posterior standard deviation of speed. */
  public static final double MAX_SPEED_SD = 0.5;

  /** Latency observations (discounted) after which a model calibrates the speed scale. */
  public static final double CALIBRATION_WEIGHT = 3.0;

  /** Residuals of a warm log-latency are clipped to this many standard deviations. */
  public static final double CLIP_SIGMAS = 3.0;

  /** Smallest standard deviation of log-latency used for clipping (a factor of about 1.28). */
  public static final double MIN_CLIP_SD = 0.25;

  /** A load time at least this long (seconds) counts as a cold load. */
  public static final double COLD_LOAD_SECONDS = 0.25;

  /** How many explorations can be saved up in the budget. */
  public static final double MAX_SAVED_EXPLORATIONS = 2.0;

  /** {@return the per-observation discount factor {@code 2^(-1/halfLife)}} */
  public double gamma() {
    return Math.pow(2.0, -1.0 / halfLife);
  }
}
