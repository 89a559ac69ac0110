package io.taskoptimizer.core.internal.learning;

/**
 * What the state file holds for one model of one task, as of the task's observation count.
 *
 * @param stats the discounted statistics
 * @param priorQuality the prior's quality (NaN: no prior recorded)
 * @param priorSpeed the prior's speed
 * @param priorWeight the prior's remaining pseudo-observations
 * @param calibration this model's estimate of the log reference latency (NaN: not calibrated)
 * @param calibrationRanked whether that estimate came from a ranked speed score
 * @param writtenQuality the quality score the ranking updater last wrote for it (NaN: none)
 * @param writtenSpeed the speed score the ranking updater last wrote
 */
record ArmRecord(
    ArmStats stats,
    double priorQuality,
    double priorSpeed,
    double priorWeight,
    double calibration,
    boolean calibrationRanked,
    double writtenQuality,
    double writtenSpeed) {

  boolean hasPrior() {
    return !Double.isNaN(priorQuality);
  }
}
