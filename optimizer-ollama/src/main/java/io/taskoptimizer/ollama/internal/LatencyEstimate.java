package io.taskoptimizer.ollama.internal;

/**
 * A robust recency-weighted estimate of one model's warm latency on one host: an exponentially
 * weighted moving average (weight {@value #ALPHA} for the newest sample) in which, after the first
 * {@value #WARM_UP} samples, a sample is clipped to within a factor of {@value #CLIP} of the
 * estimate, so that one stall does not swing the routing. Thread-safe.
 */
public final class LatencyEstimate {

  static final double ALPHA = 0.25;
  static final int WARM_UP = 3;
  static final double CLIP = 4.0;

  private volatile double nanos = Double.NaN;
  private long samples;

  /**
   * Adds a warm latency.
   *
   * @param sampleNanos the latency in nanoseconds (negative values are ignored)
   */
  public synchronized void add(long sampleNanos) {
    if (sampleNanos < 0) {
      return;
    }
    double x = Math.max(1, sampleNanos);
    if (samples == 0) {
      nanos = x;
    } else {
      if (samples >= WARM_UP) {
        x = Math.min(Math.max(x, nanos / CLIP), nanos * CLIP);
      }
      double alpha = Math.max(ALPHA, 1.0 / (samples + 1));
      nanos += alpha * (x - nanos);
    }
    samples++;
  }

  /** {@return the estimate in nanoseconds, NaN before the first sample} */
  public double nanos() {
    return nanos;
  }

  /** {@return the number of samples seen} */
  public synchronized long samples() {
    return samples;
  }
}
