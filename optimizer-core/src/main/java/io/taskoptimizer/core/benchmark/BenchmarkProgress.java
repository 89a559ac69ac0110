package io.taskoptimizer.core.benchmark;

/**
 * How far a benchmark has got.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param completed generations finished (successfully or not)
 * @param failed generations that failed
 * @param total generations planned
 */
public record BenchmarkProgress(int completed, int failed, int total) {

  /** {@return the finished share, 0..1 (1 when nothing was planned)} */
  public double fraction() {
    return total == 0 ? 1.0 : (double) completed / total;
  }
}
