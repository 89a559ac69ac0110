package io.taskoptimizer.core.benchmark;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The warm-up of one model before its runs: loading it, so that latency figures exclude the load.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model
 * @param provider the id of the provider serving it
 * @param loadTime the load time the provider reported, if it reports one
 * @param wallTime the wall time of the warm-up call
 * @param error why the warm-up failed (the model's runs were then skipped)
 */
public record ModelWarmUp(
    String model,
    String provider,
    Optional<Duration> loadTime,
    Duration wallTime,
    Optional<String> error) {

  /**
   * Validates the components.
   *
   * @param model the model; must not be null
   * @param provider the id of the provider serving it; must not be null
   * @param loadTime the load time the provider reported, or empty; must not be null
   * @param wallTime the wall time of the warm-up call; must not be null
   * @param error why the warm-up failed, or empty when it succeeded; must not be null
   * @throws NullPointerException if a component is null
   */
  public ModelWarmUp {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(loadTime, "loadTime");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(error, "error");
  }

  /** {@return the load time to report: the provider's figure, else the warm-up call's wall time} */
  public Duration effectiveLoadTime() {
    return loadTime.orElse(wallTime);
  }
}
