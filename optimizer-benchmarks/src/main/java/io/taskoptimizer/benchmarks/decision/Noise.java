package io.taskoptimizer.benchmarks.decision;

import java.util.SplittableRandom;

/**
 * Common random numbers: every draw a call can need, fixed in advance per model and step, so that
 * model {@code i} called at step {@code t} behaves the same under every policy. Differences between
 * policies then come from their choices, not from luck.
 */
final class Noise {

  final double[][] quality;
  final double[][] latency;
  final double[][] failure;
  final double[][] coldLoad;
  final double[][] stall;

  Noise(Scenario s, long seed) {
    int n = s.models().size();
    int calls = s.calls();
    quality = new double[n][calls];
    latency = new double[n][calls];
    failure = new double[n][calls];
    coldLoad = new double[n][calls];
    stall = new double[n][calls];
    for (int i = 0; i < n; i++) {
      // one stream per (seed, scenario, model): adding a model never shifts another's draws
      SplittableRandom r =
          new SplittableRandom(
              seed * 1_000_003L + s.name().hashCode() * 31L + s.models().get(i).name().hashCode());
      for (int t = 0; t < calls; t++) {
        quality[i][t] = gaussian(r);
        latency[i][t] = gaussian(r);
        failure[i][t] = r.nextDouble();
        coldLoad[i][t] = r.nextDouble();
        stall[i][t] = r.nextDouble();
      }
    }
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
