package io.taskoptimizer.spi;

/**
 * Measures how alike two texts are, from 0 (nothing in common) to 1 (identical). Used by consensus
 * verification to decide whether two model outputs agree.
 *
 * <p><b>Registration.</b> List the class in
 * {@code META-INF/services/io.taskoptimizer.spi.SimilarityMetric} (and {@code provides} in
 * {@code module-info.java}); it must be public with a public no-arg constructor. Implementations
 * are thread-safe and symmetric where the metric allows it.
 */
public interface SimilarityMetric {

  /** A stable name, unique among metrics (e.g. {@code sequence-matcher}). */
  String name();

  /** The similarity of {@code a} and {@code b}, in 0..1. */
  double similarity(String a, String b);
}
