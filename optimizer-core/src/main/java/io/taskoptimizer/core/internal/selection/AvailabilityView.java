package io.taskoptimizer.core.internal.selection;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.core.internal.availability.Listing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which models are available where, frozen at one moment.
 *
 * @param known whether at least one provider has answered since start; when false, every ranked
 *     model counts as available
 * @param available models of the providers that answered last time, provider order
 * @param servedBy normalised model name to the id of the first provider serving it
 * @param downProviders ids of providers whose last answer was a failure
 * @param fallbackProvider the provider to try when availability is unknown ({@code none} if none)
 */
public record AvailabilityView(
    boolean known,
    List<ModelDescriptor> available,
    Map<String, String> servedBy,
    List<String> downProviders,
    String fallbackProvider) {

  /**
   * Copies.
   *
   * @param known whether at least one provider has answered since start
   * @param available models of the providers that answered last time, provider order (copied)
   * @param servedBy normalised model name to the id of the first provider serving it (copied)
   * @param downProviders ids of providers whose last answer was a failure (copied)
   * @param fallbackProvider the provider to try when availability is unknown ({@code none} if none)
   */
  public AvailabilityView {
    available = List.copyOf(available);
    servedBy = Collections.unmodifiableMap(new HashMap<>(servedBy));
    downProviders = List.copyOf(downProviders);
  }

  /**
   * The view of the latest listings.
   *
   * @param providerIds all provider ids, in order of preference
   * @param listings the latest answers, in provider order
   * @param everUp whether any provider has answered at least once since start
   * @return the view
   */
  public static AvailabilityView of(
      List<String> providerIds, List<Listing> listings, boolean everUp) {
    List<ModelDescriptor> available = new ArrayList<>();
    Map<String, String> servedBy = new HashMap<>();
    List<String> down = new ArrayList<>();
    for (Listing l : listings) {
      if (!l.up()) {
        down.add(l.providerId());
        continue;
      }
      for (ModelDescriptor m : l.models()) {
        available.add(m);
        servedBy.putIfAbsent(m.normalizedName(), l.providerId());
      }
    }
    String fallback = providerIds.isEmpty() ? "none" : providerIds.get(0);
    return new AvailabilityView(everUp, available, servedBy, down, fallback);
  }

  /**
   * The provider serving a model.
   *
   * @param normalizedName the model name, normalised
   * @return the id of the first provider serving it, or empty if none is known to
   */
  public Optional<String> providerOf(String normalizedName) {
    return Optional.ofNullable(servedBy.get(normalizedName));
  }

  /** {@return the names of the available models, in provider order, for messages} */
  public List<String> availableNames() {
    List<String> names = new ArrayList<>(available.size());
    for (ModelDescriptor m : available) {
      names.add(m.name());
    }
    return names;
  }
}
