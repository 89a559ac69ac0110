package io.taskoptimizer.core.internal.learning;

/**
 * Recency-discounted sufficient statistics of one model on one task: for quality ratings and for
 * warm log-latencies the weight, weighted sum and weighted sum of squares; discounted success and
 * failure counts; and cold loads. Every value is "as of" one observation count of the task (the
 * owner tracks which); {@link #scale} discounts them all at once. Not thread-safe: the owning
 * {@link TaskLearner} guards it.
 */
final class ArmStats {

  double qualityWeight;
  double qualitySum;
  double qualitySquares;
  double latencyWeight;
  double latencySum;
  double latencySquares;
  double successes;
  double failures;
  double coldLoads;
  double loadSeconds;

  ArmStats() {}

  ArmStats(ArmStats o) {
    addScaled(o, 1.0);
  }

  /** Multiplies every statistic by {@code f} (a discount factor). */
  void scale(double f) {
    qualityWeight *= f;
    qualitySum *= f;
    qualitySquares *= f;
    latencyWeight *= f;
    latencySum *= f;
    latencySquares *= f;
    successes *= f;
    failures *= f;
    coldLoads *= f;
    loadSeconds *= f;
  }

  /** Adds {@code f} times {@code o}. */
  void addScaled(ArmStats o, double f) {
    qualityWeight += f * o.qualityWeight;
    qualitySum += f * o.qualitySum;
    qualitySquares += f * o.qualitySquares;
    latencyWeight += f * o.latencyWeight;
    latencySum += f * o.latencySum;
    latencySquares += f * o.latencySquares;
    successes += f * o.successes;
    failures += f * o.failures;
    coldLoads += f * o.coldLoads;
    loadSeconds += f * o.loadSeconds;
  }

  /** Executions behind the statistics (discounted). */
  double executions() {
    return successes + failures;
  }

  boolean isEmpty() {
    return executions() == 0 && qualityWeight == 0 && latencyWeight == 0 && coldLoads == 0;
  }

  /** Clears values that are only floating-point residue (after a subtraction). */
  void clampResidue() {
    if (qualityWeight < 1e-9) {
      qualityWeight = 0;
      qualitySum = 0;
      qualitySquares = 0;
    }
    if (latencyWeight < 1e-9) {
      latencyWeight = 0;
      latencySum = 0;
      latencySquares = 0;
    }
    successes = Math.max(0, successes);
    failures = Math.max(0, failures);
    coldLoads = Math.max(0, coldLoads);
    loadSeconds = Math.max(0, loadSeconds);
  }
}
