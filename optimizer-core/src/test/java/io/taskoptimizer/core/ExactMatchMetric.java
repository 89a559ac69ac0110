package io.taskoptimizer.core;

import io.taskoptimizer.spi.SimilarityMetric;

/** A similarity metric registered for ServiceLoader in the test resources: 1 when equal, else 0. */
public final class ExactMatchMetric implements SimilarityMetric {

  /** For ServiceLoader. */
  public ExactMatchMetric() {}

  @Override
  public String id() {
    return "test-exact";
  }

  @Override
  public double similarity(String a, String b) {
    return a.equals(b) ? 1.0 : 0.0;
  }
}
