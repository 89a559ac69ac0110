package io.taskoptimizer.core.internal.availability;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.spi.ModelProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Caches what each provider serves, in a Caffeine {@link LoadingCache} keyed by provider id.
 *
 * <p>Loads run on the thread that asks (a direct executor): the background refresh task of the
 * optimizer calls {@link #refreshAll()} on its scheduler thread, so once the first answers are in,
 * callers never wait for a provider. Caffeine deduplicates concurrent loads of one provider: a
 * caller that needs the very first answer ({@link #ensureLoaded()}) while the background task is
 * already asking simply waits for that answer instead of asking again.
 *
 * <p>A provider that cannot be asked is cached as <em>down</em> (its models count as unavailable)
 * rather than failing the load; the change between up and down is logged once per outage: WARN when
 * it goes down, INFO when it comes back, DEBUG otherwise.
 */
public final class AvailabilityTracker {

  private final List<ModelProvider> providers;
  private final Map<String, ModelProvider> byId = new LinkedHashMap<>();
  private final LoadingCache<String, Listing> cache;
  private final ConcurrentHashMap<String, Listing> latest = new ConcurrentHashMap<>();
  private volatile boolean everUp;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Logger log;

  /**
   * @param providers the providers, in order of preference
   * @param refreshInterval how often the optimizer refreshes (for messages)
   * @param clock the optimizer's clock (timestamps of answers)
   * @param log where outages are reported
   */
  public AvailabilityTracker(
      List<ModelProvider> providers, Duration refreshInterval, Clock clock, Logger log) {
    this.providers = List.copyOf(providers);
    for (ModelProvider p : this.providers) {
      byId.put(p.id(), p);
    }
    this.refreshInterval = refreshInterval;
    this.clock = clock;
    this.log = log;
    this.cache = Caffeine.newBuilder().executor(Runnable::run).build(this::load);
  }

  /** {@return the providers, in order of preference} */
  public List<ModelProvider> providers() {
    return providers;
  }

  /** {@return whether any provider has answered at least once since start} */
  public boolean everUp() {
    return everUp;
  }

  /** {@return whether every provider has answered (or failed to answer) at least once} */
  public boolean loaded() {
    return latest.size() == byId.size();
  }

  /** Asks every provider that was never asked, waiting for answers already being fetched. */
  public void ensureLoaded() {
    for (String id : byId.keySet()) {
      // the cache loads and keeps the answer; readers find it there, this loop only waits for it
      var unused = cache.get(id);
    }
  }

  /** Asks every provider again now and waits for the answers. */
  public void refreshAll() {
    List<CompletableFuture<Listing>> pending = new ArrayList<>();
    for (String id : byId.keySet()) {
      pending.add(cache.refresh(id));
    }
    for (CompletableFuture<Listing> f : pending) {
      f.join(); // never fails: load() turns every error into a "down" listing
    }
  }

  /**
   * Asks one provider again now and waits for its answer; unknown ids are ignored.
   *
   * @param providerId the provider's id
   */
  public void refresh(String providerId) {
    if (byId.containsKey(providerId)) {
      cache
          .refresh(providerId)
          .join(); // never fails: load() turns every error into a "down" listing
    }
  }

  /** {@return the latest answer of every provider asked so far, in provider order} */
  public List<Listing> listings() {
    List<Listing> out = new ArrayList<>(byId.size());
    for (String id : byId.keySet()) {
      Listing l = latest.get(id);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * The latest answer of one provider.
   *
   * @param providerId the provider's id
   * @return its latest answer, or empty if it was never asked (or the id is unknown)
   */
  public Optional<Listing> listing(String providerId) {
    return Optional.ofNullable(latest.get(providerId));
  }

  private Listing load(String id) {
    ModelProvider provider = Objects.requireNonNull(byId.get(id), "provider " + id);
    Listing listing;
    try {
      List<ModelDescriptor> models = provider.listModels();
      listing = new Listing(id, true, models, Optional.empty(), clock.instant());
      everUp = true;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      listing = new Listing(id, false, List.of(), Optional.of(why), clock.instant());
    }
    Listing previous = latest.put(id, listing);
    report(previous, listing);
    return listing;
  }

  private void report(Listing previous, Listing now) {
    boolean wasUp = previous != null && previous.up();
    boolean wasDown = previous != null && !previous.up();
    if (!now.up() && !wasDown) {
      // the provider's own message says what to do (e.g. how to start Ollama): no advice of ours
      log.warn(
          "Model provider '{}' cannot be asked for its models ({}); its models count as"
              + " unavailable until it answers again (checked every {}s)",
          now.providerId(),
          now.error().orElse("?"),
          refreshInterval.toSeconds());
    } else if (now.up() && wasDown) {
      log.info(
          "Model provider '{}' answers again and serves {} models",
          now.providerId(),
          now.models().size());
    } else if (now.up() && !wasUp) {
      log.debug("Model provider '{}' serves {} models", now.providerId(), now.models().size());
    } else {
      log.debug(
          "Model provider '{}' refreshed: {}",
          now.providerId(),
          now.up() ? now.models().size() + " models" : "still down");
    }
  }
}
