package io.taskoptimizer.core.internal.availability;

import io.taskoptimizer.api.ModelDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of one provider to {@code listModels()}: the models, or why it could not be asked.
 *
 * @param providerId the provider
 * @param up whether the provider answered
 * @param models the models it serves (empty when down)
 * @param error why it could not be asked (empty when up)
 * @param at when the answer was obtained (from the optimizer's clock)
 */
public record Listing(
    String providerId,
    boolean up,
    List<ModelDescriptor> models,
    Optional<String> error,
    Instant at) {

  /**
   * Validates and copies.
   *
   * @param providerId the provider; must not be null
   * @param up whether the provider answered
   * @param models the models it serves (copied; empty when down)
   * @param error why it could not be asked (empty when up); must not be null
   * @param at when the answer was obtained; must not be null
   * @throws NullPointerException if a component is null
   */
  public Listing {
    Objects.requireNonNull(providerId, "providerId");
    models = List.copyOf(models);
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }
}
