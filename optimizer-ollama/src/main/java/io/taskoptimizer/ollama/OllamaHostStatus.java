package io.taskoptimizer.ollama;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link OllamaCluster} knows about one of its hosts, for status displays.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param name the host's name
 * @param baseUrl the address without credentials
 * @param weight the routing weight
 * @param slots generations the host runs at once
 * @param inFlight generations running on it now
 * @param queued calls waiting for one of its slots
 * @param reachable whether its last listing answered (false also before the first listing)
 * @param models the models it served at the last listing, normalised ({@code name:tag})
 * @param loadedModels the models loaded in memory, from {@code /api/ps} and recent calls
 * @param circuit {@code closed} (in use), {@code open} (cooling down after repeated failures) or
 *     {@code half-open} (the cooldown ended; the next call is a probe)
 * @param consecutiveFailures failed calls in a row
 * @param cooldownUntil when an open circuit lets a probe through
 * @param latency learned warm latency per model (recency-weighted)
 */
public record OllamaHostStatus(
    String name,
    String baseUrl,
    int weight,
    int slots,
    int inFlight,
    int queued,
    boolean reachable,
    List<String> models,
    List<String> loadedModels,
    String circuit,
    int consecutiveFailures,
    Optional<Instant> cooldownUntil,
    Map<String, Duration> latency) {

  /**
   * Validates the components and copies the lists and the latency map.
   *
   * @param name the host's name; must not be null
   * @param baseUrl the address without credentials; must not be null
   * @param weight the routing weight
   * @param slots generations the host runs at once
   * @param inFlight generations running on it now
   * @param queued calls waiting for one of its slots
   * @param reachable whether its last listing answered
   * @param models the models it served at the last listing (copied); must not be null nor contain
   *     null
   * @param loadedModels the models loaded in memory (copied); must not be null nor contain null
   * @param circuit {@code closed}, {@code open} or {@code half-open}; must not be null
   * @param consecutiveFailures failed calls in a row
   * @param cooldownUntil when an open circuit lets a probe through, or empty; must not be null
   * @param latency learned warm latency per model (copied, sorted by model); must not be null nor
   *     contain null keys
   * @throws NullPointerException if a component, or an element of {@code models} or {@code
   *     loadedModels}, is null
   */
  public OllamaHostStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    models = List.copyOf(models);
    loadedModels = List.copyOf(loadedModels);
    Objects.requireNonNull(circuit, "circuit");
    Objects.requireNonNull(cooldownUntil, "cooldownUntil");
    latency = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(latency));
  }
}
