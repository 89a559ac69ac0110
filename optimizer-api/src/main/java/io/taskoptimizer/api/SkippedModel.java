package io.taskoptimizer.api;

import java.util.Objects;

/**
 * A ranked model that selection passed over, and why (e.g. "not served by any provider").
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param model the model name as ranked
 * @param reason a human-readable reason
 */
public record SkippedModel(String model, String reason) {

  /**
   * Validates the components.
   *
   * @param model the model name as ranked; must not be null
   * @param reason a human-readable reason; must not be null
   * @throws NullPointerException if {@code model} or {@code reason} is null
   */
  public SkippedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reason, "reason");
  }
}
