package io.taskoptimizer.spi;

import java.util.Optional;

/**
 * Measures how alike two texts are, from 0 (nothing in common) to 1 (identical). Used by consensus
 * verification to decide whether two model outputs agree.
 *
 * <p><b>Registration.</b> List the class in {@code
 * META-INF/services/io.taskoptimizer.spi.SimilarityMetric} (and {@code provides} in {@code
 * module-info.java}); it must be public with a public no-arg constructor. Implementations are
 * thread-safe and symmetric where the metric allows it.
 */
public interface SimilarityMetric {

  /**
   * A stable id, unique among metrics (e.g. {@code sequence-matcher}); consensus options select a
   * metric by it.
   *
   * @return the metric's id
   */
  String id();

  /**
   * The similarity of {@code a} and {@code b}.
   *
   * @param a a text
   * @param b another text
   * @return the similarity in [0, 1], higher for more similar texts
   */
  double similarity(String a, String b);

  /**
   * The version of this plugin's code, for discovery logs and {@code taskopt doctor}: the same
   * meaning on every SPI. The default reads the {@code Implementation-Version} of the jar that
   * holds the implementation class (else its module version); empty when unknown, e.g. when run
   * from a class directory. Override it only to report a version the jar does not carry.
   *
   * @return the plugin's version, or empty when unknown
   */
  default Optional<String> version() {
    return PluginVersion.of(getClass());
  }
}
