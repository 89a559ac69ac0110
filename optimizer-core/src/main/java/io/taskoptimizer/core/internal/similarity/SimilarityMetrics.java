package io.taskoptimizer.core.internal.similarity;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.core.internal.ServiceDiscovery;
import io.taskoptimizer.spi.SimilarityMetric;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the {@link SimilarityMetric} plugins on the class path (or module path), with the same
 * rules as every other plugin: a metric that cannot be loaded is logged and skipped, two metrics
 * with the same name are a {@link ConfigurationException}, and names starting with {@code
 * optimizer-} are reserved. {@code optimizer-consensus} ships {@code sequence-matcher}.
 *
 * <p>Internal: exported only to {@code io.taskoptimizer.consensus}, which looks its metric up by
 * name. Stateless and thread-safe.
 */
public final class SimilarityMetrics {

  private SimilarityMetrics() {}

  /** {@return every metric found, in discovery order (thread context class loader first)} */
  public static List<SimilarityMetric> discover() {
    return ServiceDiscovery.discover(
            SimilarityMetric.class,
            ServiceDiscovery.defaultLoaders(),
            SimilarityMetric::id,
            SimilarityMetric::version)
        .stream()
        .map(ServiceDiscovery.Found::instance)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The discovered metric with this name.
   *
   * @param name the metric's id
   * @return the first metric discovered with that id
   * @throws ConfigurationException if none has it; the message lists the names that were found
   */
  public static SimilarityMetric named(String name) {
    Objects.requireNonNull(name, "name");
    List<SimilarityMetric> all = discover();
    for (SimilarityMetric m : all) {
      if (m.id().equals(name)) {
        return m;
      }
    }
    throw new ConfigurationException(
        "No similarity metric named '"
            + name
            + "' was found; found: "
            + all.stream().map(SimilarityMetric::id).collect(Collectors.toList())
            + ". Add the jar that"
            + " provides it (sequence-matcher is in io.taskoptimizer:optimizer-consensus) or register your"
            + " own in META-INF/services/"
            + SimilarityMetric.class.getName()
            + ".");
  }
}
