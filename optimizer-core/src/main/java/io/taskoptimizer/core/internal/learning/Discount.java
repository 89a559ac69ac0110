package io.taskoptimizer.core.internal.learning;

/**
 * {@code gamma^k} for whole {@code k >= 0}: a table for small {@code k}, {@link Math#pow} beyond.
 */
final class Discount {

  private static final int TABLE = 1024;

  private final double gamma;
  private final double[] powers = new double[TABLE];

  Discount(double gamma) {
    this.gamma = gamma;
    double p = 1.0;
    for (int i = 0; i < TABLE; i++) {
      powers[i] = p;
      p *= gamma;
    }
  }

  double pow(long k) {
    if (k <= 0) {
      return 1.0;
    }
    return k < TABLE ? powers[(int) k] : Math.pow(gamma, (double) k);
  }
}
