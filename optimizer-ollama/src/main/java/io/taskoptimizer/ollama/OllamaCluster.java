package io.taskoptimizer.ollama;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.IncompleteResponseException;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.ollama.internal.CircuitBreaker;
import io.taskoptimizer.ollama.internal.ExceptionMapper;
import io.taskoptimizer.ollama.internal.LatencyEstimate;
import io.taskoptimizer.ollama.internal.OllamaHost;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several Ollama servers behind one {@link ModelProvider}: each call goes to a host that serves the
 * model, preferring one where it is loaded and which has a free slot, then the one that has been
 * fastest for that model; a host that fails before anything was streamed is skipped and the call
 * goes to the next; a host that keeps failing cools down.
 *
 * <pre>{@code
 * try (OllamaCluster ollama = OllamaCluster.builder()
 *     .addHost(OllamaHostSpec.parse("code", "gpu=http://10.0.0.5:11434;parallel=2"))
 *     .addHost(OllamaHostSpec.of(URI.create("http://10.0.0.6:11434")))
 *     .build()) {
 *   GenerationResult r = ollama.generate(GenerationRequest.builder().model("llama3.2").user("Hi").build());
 * }
 * }</pre>
 *
 * <p><b>Routing</b> of a call for model M (the first rule that differs decides):
 *
 * <ol>
 *   <li>only hosts whose last listing has M and whose circuit is not open;
 *   <li>a host with a free slot before a full one (a full host queues the call);
 *   <li>among hosts with a free slot: M loaded ({@code /api/ps}, refreshed in the background, and
 *       marked after every successful call) before not loaded; among full hosts: fewest waiting
 *       calls per slot;
 *   <li>fewest calls in flight per slot;
 *   <li>lowest learned warm latency of M on that host (a host without a sample for M first, so that
 *       every host gets measured);
 *   <li>higher weight, then the order hosts were given.
 * </ol>
 *
 * <p><b>Failover.</b> A connection failure, a 503, a connect or first-byte timeout, a stream cut
 * before any text, or a 404 on one host makes the call try the next host that serves M (each host
 * at most once per call, within the call's overall timeout). It never retries once text reached the
 * caller's listener. Hosts are asked with {@code maxRetries(0)} so that a 503 moves on at once.
 *
 * <p><b>Health.</b> After {@code failureThreshold} host failures in a row a host's circuit opens
 * for {@code cooldown}, doubling with every further trip up to {@code maxCooldown}; then one call
 * probes it, and a success brings it back. Time comes from {@link Builder#clock}.
 *
 * <p><b>State.</b> Everything learned here (latency per model and host, loaded models, circuits) is
 * kept in memory only: it is relearned within a few calls, and a stale cooldown or "loaded" mark
 * from a previous run would be wrong.
 *
 * <p>Thread-safe. Closing the cluster closes the providers of its hosts.
 */
public final class OllamaCluster implements ModelProvider {

  private static final Logger log = LoggerFactory.getLogger(OllamaCluster.class);
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String id;
  private final List<Host> hosts;
  private final Clock clock;
  private final @Nullable Duration timeout;
  private final @Nullable ScheduledExecutorService refresher;

  private OllamaCluster(Builder b) {
    this.id = b.id;
    this.clock = b.clock;
    this.timeout = b.timeout;
    List<Host> list = new ArrayList<>();
    for (int i = 0; i < b.specs.size(); i++) {
      OllamaHostSpec spec = b.specs.get(i);
      ModelProvider p = b.providers.get(i);
      if (p == null) {
        OllamaProvider.Builder pb =
            OllamaProvider.builder().id(id).maxRetries(0).maxConcurrentRequests(spec.parallel());
        b.hostDefaults.accept(pb);
        p = pb.baseUrl(spec.baseUrl()).build();
      }
      list.add(
          new Host(
              i,
              spec,
              p,
              new CircuitBreaker(b.failureThreshold, b.cooldown, b.maxCooldown, clock)));
    }
    this.hosts = List.copyOf(list);
    if (b.refreshInterval.isZero()) {
      this.refresher = null;
    } else {
      int n = INSTANCES.incrementAndGet();
      this.refresher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "taskopt-ollama-cluster-" + n + "-refresh");
                t.setDaemon(true);
                return t;
              });
      long ms = b.refreshInterval.toMillis();
      // refreshQuietly logs its own failures; close() stops the task by shutting the executor down
      ScheduledFuture<?> unused =
          refresher.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** {@return a new builder; at least one host is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the provider id, {@code ollama} unless set otherwise} */
  @Override
  public String id() {
    return id;
  }

  /** {@return the hosts, in the order given (unmodifiable)} */
  public List<OllamaHostSpec> hostSpecs() {
    List<OllamaHostSpec> out = new ArrayList<>(hosts.size());
    for (Host h : hosts) {
      out.add(h.spec);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Asks every host for its models ({@code /api/tags}) and loaded models ({@code /api/ps}) now and
   * returns the union of the models, once per name. Hosts that do not answer are marked unreachable
   * and keep their last known models.
   *
   * @throws ProviderUnavailableException if no host answers
   */
  @Override
  public List<ModelDescriptor> listModels() {
    Map<String, ModelDescriptor> union = new LinkedHashMap<>();
    TaskOptimizerException last = null;
    boolean any = false;
    for (Host h : hosts) {
      try {
        for (ModelDescriptor d : h.refresh()) {
          union.putIfAbsent(d.name(), relabel(d));
        }
        any = true;
      } catch (TaskOptimizerException e) {
        last = e;
      }
    }
    if (!any) {
      String message =
          "None of the "
              + hosts.size()
              + " Ollama hosts answered ("
              + names()
              + "); last error: "
              + (last == null ? "none" : last.getMessage());
      throw last == null
          ? new ProviderUnavailableException(message)
          : new ProviderUnavailableException(message, last);
    }
    return List.copyOf(union.values());
  }

  private ModelDescriptor relabel(ModelDescriptor d) {
    if (d.provider().equals(id)) {
      return d;
    }
    ModelDescriptor.Builder b =
        ModelDescriptor.builder(d.name(), id).capabilities(d.capabilities());
    d.sizeBytes().ifPresent(b::sizeBytes);
    d.digest().ifPresent(b::digest);
    d.parameterSize().ifPresent(b::parameterSize);
    d.quantization().ifPresent(b::quantization);
    d.family().ifPresent(b::family);
    return b.build();
  }

  /** Refreshes every host's listing and loaded models now (what the background refresh does). */
  public void refresh() {
    for (Host h : hosts) {
      try {
        h.refresh();
      } catch (TaskOptimizerException e) {
        log.debug("Ollama host '{}' did not answer the refresh: {}", h.spec.name(), e.getMessage());
      }
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.debug("Refreshing the Ollama hosts failed: {}", e.toString());
    }
  }

  /**
   * The host the next call for {@code model} would go to now, by the routing rules; empty if no
   * host that is not cooling down serves it. Does not contact any host.
   */
  @Override
  public Optional<String> expectedHost(String model) {
    Objects.requireNonNull(model, "model");
    Host h = choose(ModelNames.normalize(model), 0L);
    return h == null ? Optional.empty() : Optional.of(h.spec.name());
  }

  /** {@return a snapshot of every host, in the order given (unmodifiable)} */
  public List<OllamaHostStatus> hosts() {
    List<OllamaHostStatus> out = new ArrayList<>(hosts.size());
    for (Host h : hosts) {
      out.add(h.status());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Runs the generation on the host chosen by the routing rules, failing over to the next host that
   * serves the model while nothing has reached {@code listener}. The result's {@link
   * GenerationResult#host()} names the host that served it. Waiting for a host's slot counts
   * against the call's overall timeout (the request's, else {@link Builder#timeout}).
   *
   * @throws ModelNotFoundException if no host serves the model
   * @throws ProviderUnavailableException if every host serving it is cooling down or failed
   */
  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    String model =
        request
            .model()
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "The request has no model; set one with GenerationRequest.builder().model(...)"));
    String key = ModelNames.normalize(model);
    listUnlisted();
    Optional<Duration> budget = request.timeout().or(() -> Optional.ofNullable(timeout));
    long deadline = budget.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    long tried = 0L;
    TaskOptimizerException last = null;
    while (true) {
      Host h = claim(key, tried);
      if (h == null) {
        break;
      }
      tried |= 1L << h.index;
      StreamGuard guard = new StreamGuard(listener);
      try {
        GenerationResult r =
            h.run(withRemaining(request, deadline, budget), guard, deadline, budget);
        h.breaker.onSuccess();
        h.learn(key, r);
        return r.withHost(h.spec.name());
      } catch (TaskOptimizerException e) {
        boolean hostFault = isHostFault(e);
        if (hostFault) {
          h.breaker.onFailure();
        } else {
          h.breaker.onNeutral();
        }
        if (e instanceof ModelNotFoundException) {
          h.forget(key);
        }
        if (!(hostFault || e instanceof ModelNotFoundException)
            || guard.streamed()
            || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        log.debug(
            "Ollama host '{}' failed for {} before streaming ({}); trying another host",
            h.spec.name(),
            model,
            e.getClass().getSimpleName());
        last = e;
      } catch (RuntimeException e) {
        h.breaker.onNeutral();
        throw e;
      }
    }
    if (last != null) {
      throw last;
    }
    throw noHost(model, key);
  }

  private static GenerationRequest withRemaining(
      GenerationRequest request, long deadline, Optional<Duration> budget) {
    if (budget.isEmpty()) {
      return request;
    }
    long left = deadline - System.nanoTime();
    return request.toBuilder().timeout(Duration.ofNanos(Math.max(1_000_000L, left))).build();
  }

  private TaskOptimizerException noHost(String model, String key) {
    List<String> serving = new ArrayList<>();
    for (Host h : hosts) {
      Set<String> m = h.models;
      if (m != null && m.contains(key)) {
        serving.add(
            h.spec.name()
                + " (circuit "
                + h.breaker.state().name().toLowerCase(java.util.Locale.ROOT)
                + h.breaker.openUntil().map(u -> " until " + u).orElse("")
                + ")");
      }
    }
    if (serving.isEmpty()) {
      return new ModelNotFoundException(
          model,
          "Model '"
              + model
              + "' is not served by any of the Ollama hosts ("
              + names()
              + "). Pull it on one of them ('ollama pull "
              + model
              + "') or choose another model.");
    }
    return new ProviderUnavailableException(
        "Every Ollama host serving '"
            + model
            + "' is cooling down after "
            + "repeated failures: "
            + String.join(", ", serving)
            + ". Check those servers; they are probed again "
            + "when their cooldown ends.");
  }

  private static boolean isHostFault(TaskOptimizerException e) {
    if (e instanceof ProviderTimeoutException t) {
      return t.phase() == ProviderTimeoutException.Phase.CONNECT
          || t.phase() == ProviderTimeoutException.Phase.FIRST_BYTE;
    }
    return e instanceof ProviderUnavailableException
        || e instanceof ServerBusyException
        || e instanceof IncompleteResponseException;
  }

  private void listUnlisted() {
    for (Host h : hosts) {
      if (h.models == null) {
        synchronized (h) {
          if (h.models == null) {
            try {
              h.refresh();
            } catch (TaskOptimizerException e) {
              h.models =
                  Set.of(); // unreachable: retried by the background refresh and listModels()
              log.debug(
                  "Ollama host '{}' did not answer its first listing: {}",
                  h.spec.name(),
                  e.getMessage());
            }
          }
        }
      }
    }
  }

  /** Chooses a host and claims its circuit (one probe at a time when half-open). */
  private @Nullable Host claim(String key, long excluded) {
    long skip = excluded;
    while (true) {
      Host h = choose(key, skip);
      if (h == null) {
        return null;
      }
      if (h.breaker.tryAcquire()) {
        return h;
      }
      skip |= 1L << h.index;
    }
  }

  /** The routing rules; allocation-free. */
  private @Nullable Host choose(String key, long excluded) {
    Host best = null;
    boolean bestFree = false;
    boolean bestWarm = false;
    int bestLoad = 0;
    double bestLatency = 0;
    for (int i = 0, n = hosts.size(); i < n; i++) {
      Host h = hosts.get(i);
      if ((excluded & (1L << i)) != 0) {
        continue;
      }
      Set<String> models = h.models;
      if (models == null || !models.contains(key) || !h.breaker.allows()) {
        continue;
      }
      int load = h.load.get();
      int slots = h.spec.parallel();
      boolean free = load < slots;
      boolean warm = h.loaded.contains(key);
      LatencyEstimate est = h.latency.get(key);
      double latency = est == null ? -1 : est.nanos();
      if (best == null
          || better(
              h, free, warm, load, latency, best, bestFree, bestWarm, bestLoad, bestLatency)) {
        best = h;
        bestFree = free;
        bestWarm = warm;
        bestLoad = load;
        bestLatency = latency;
      }
    }
    return best;
  }

  private static boolean better(
      Host a,
      boolean aFree,
      boolean aWarm,
      int aLoad,
      double aLatency,
      Host b,
      boolean bFree,
      boolean bWarm,
      int bLoad,
      double bLatency) {
    if (aFree != bFree) {
      return aFree;
    }
    if (aFree && aWarm != bWarm) {
      return aWarm;
    }
    // fewest calls per slot: aLoad/aSlots < bLoad/bSlots
    long l = (long) aLoad * b.spec.parallel();
    long r = (long) bLoad * a.spec.parallel();
    if (l != r) {
      return l < r;
    }
    if (aLatency != bLatency) {
      return aLatency < bLatency; // -1 (no sample yet) first
    }
    return a.spec.weight() > b.spec.weight();
  }

  /**
   * Loads the model on every host that serves it and is not cooling down (see {@link
   * OllamaProvider#warmUp}), so that routing can use any of them without a cold load. Returns the
   * load time of the host the next call would go to. Hosts that fail are skipped (and count as a
   * failure of that host).
   *
   * @throws ModelNotFoundException if no host serves it
   * @throws TaskOptimizerException the last failure, if every host failed
   */
  @Override
  public Optional<Duration> warmUp(String model, Duration keepAlive) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(keepAlive, "keepAlive");
    String key = ModelNames.normalize(model);
    listUnlisted();
    Host first = choose(key, 0L);
    if (first == null) {
      throw noHost(model, key);
    }
    Optional<Duration> result = Optional.empty();
    TaskOptimizerException last = null;
    boolean any = false;
    for (Host h : hosts) {
      Set<String> m = h.models;
      if (m == null || !m.contains(key) || !h.breaker.tryAcquire()) {
        continue;
      }
      try {
        Optional<Duration> d = h.provider.warmUp(model, keepAlive);
        h.breaker.onSuccess();
        h.markLoaded(key);
        any = true;
        if (h == first) {
          result = d;
        }
      } catch (TaskOptimizerException e) {
        if (isHostFault(e)) {
          h.breaker.onFailure();
        } else {
          h.breaker.onNeutral();
        }
        last = e;
      }
    }
    if (!any && last != null) {
      throw last;
    }
    return result;
  }

  /**
   * The server version of the first host that answers (one blocking call per host tried); never
   * throws.
   *
   * @return that version, or empty when no host answers
   */
  @Override
  public Optional<String> serverVersion() {
    for (Host h : hosts) {
      Optional<String> v = h.provider.serverVersion();
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** Stops the background refresh and closes every host's provider. Idempotent. */
  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    for (Host h : hosts) {
      h.provider.close();
    }
  }

  private String names() {
    List<String> n = new ArrayList<>();
    for (Host h : hosts) {
      n.add(h.spec.name());
    }
    return String.join(", ", n);
  }

  @Override
  public String toString() {
    return "OllamaCluster[id=" + id + ", hosts=" + names() + "]";
  }

  /** Passes text on and remembers whether any reached the caller. */
  private static final class StreamGuard implements TokenListener {
    private final TokenListener delegate;
    private volatile boolean streamed;

    StreamGuard(TokenListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onToken(String chunk) {
      if (delegate != TokenListener.NONE && !chunk.isEmpty()) {
        streamed = true;
      }
      delegate.onToken(chunk);
    }

    boolean streamed() {
      return streamed;
    }
  }

  /** One host: its provider, slots, listing, loaded models, latencies and circuit. */
  private static final class Host {
    final int index;
    final OllamaHostSpec spec;
    final ModelProvider provider;
    final CircuitBreaker breaker;
    final Semaphore slots;

    /** Calls running or waiting on this host. */
    final AtomicInteger load = new AtomicInteger();

    final ConcurrentHashMap<String, LatencyEstimate> latency = new ConcurrentHashMap<>();

    /** Guards read-modify-write of {@link #models} and {@link #loaded} (each replaced whole). */
    final Object sets = new Object();

    volatile @Nullable Set<String> models;
    volatile Set<String> loaded = Set.of();
    volatile boolean reachable;

    Host(int index, OllamaHostSpec spec, ModelProvider provider, CircuitBreaker breaker) {
      this.index = index;
      this.spec = spec;
      this.provider = provider;
      this.breaker = breaker;
      this.slots = new Semaphore(spec.parallel(), true);
    }

    GenerationResult run(
        GenerationRequest request,
        TokenListener listener,
        long deadline,
        Optional<Duration> budget) {
      load.incrementAndGet();
      try {
        boolean got;
        try {
          if (deadline == Long.MAX_VALUE) {
            slots.acquire();
            got = true;
          } else {
            got = slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProviderUnavailableException(
              "Interrupted while waiting for a slot on Ollama host '"
                  + spec.name()
                  + "'; the interrupt flag is set again",
              e);
        }
        if (!got) {
          Duration limit = budget.orElse(Duration.ZERO);
          throw ExceptionMapper.timeoutError(
              ProviderTimeoutException.Phase.OVERALL,
              limit,
              "No slot of Ollama host '"
                  + spec.name()
                  + "' became free within the call's timeout of "
                  + limit
                  + " ("
                  + spec.parallel()
                  + " parallel); raise the timeout, add hosts or raise parallel=N if the server can take more",
              null);
        }
        try {
          return provider.generate(request, listener);
        } finally {
          slots.release();
        }
      } finally {
        load.decrementAndGet();
      }
    }

    void learn(String key, GenerationResult r) {
      long total = r.totalTime().toNanos();
      long loadNanos = r.loadTime().map(Duration::toNanos).orElse(0L);
      latency.computeIfAbsent(key, k -> new LatencyEstimate()).add(Math.max(0, total - loadNanos));
      markLoaded(key);
    }

    void markLoaded(String key) {
      if (loaded.contains(key)) {
        return;
      }
      synchronized (
          sets) { // never the host's own monitor: a first listing may hold that during I/O
        Set<String> next = new HashSet<>(loaded);
        next.add(key);
        loaded = Set.copyOf(next);
      }
    }

    void forget(String key) {
      synchronized (sets) {
        Set<String> m = models;
        if (m != null && m.contains(key)) {
          Set<String> next = new HashSet<>(m);
          next.remove(key);
          models = Set.copyOf(next);
        }
      }
    }

    List<ModelDescriptor> refresh() {
      List<ModelDescriptor> listed;
      try {
        listed = provider.listModels();
      } catch (TaskOptimizerException e) {
        reachable = false;
        loaded = Set.of(); // a server that comes back has nothing loaded
        throw e;
      }
      Set<String> names = new HashSet<>();
      for (ModelDescriptor d : listed) {
        names.add(ModelNames.normalize(d.name()));
      }
      models = Set.copyOf(names);
      reachable = true;
      if (provider instanceof OllamaProvider op) {
        try {
          Set<String> running = new HashSet<>();
          for (RunningModel m : op.runningModels()) {
            running.add(ModelNames.normalize(m.name()));
          }
          loaded = Set.copyOf(running);
        } catch (TaskOptimizerException e) {
          log.debug("Ollama host '{}' did not answer /api/ps: {}", spec.name(), e.getMessage());
        }
      }
      return listed;
    }

    OllamaHostStatus status() {
      int free = slots.availablePermits();
      int inFlight = spec.parallel() - free;
      int queued = Math.max(0, load.get() - inFlight);
      Map<String, Duration> lat = new TreeMap<>();
      latency.forEach(
          (k, v) -> {
            double n = v.nanos();
            if (!Double.isNaN(n)) { // NaN: no latency measured yet
              lat.put(k, Duration.ofNanos((long) n));
            }
          });
      Set<String> m = models;
      List<String> ms = m == null ? List.of() : new ArrayList<>(new java.util.TreeSet<>(m));
      return new OllamaHostStatus(
          spec.name(),
          Redaction.redact(OllamaHost.withoutUserInfo(spec.baseUrl())),
          spec.weight(),
          spec.parallel(),
          inFlight,
          queued,
          reachable,
          ms,
          new ArrayList<>(new java.util.TreeSet<>(loaded)),
          breaker.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          breaker.consecutiveFailures(),
          breaker.openUntil(),
          lat);
    }
  }

  /**
   * Builds {@link OllamaCluster}s. Setters validate at once; {@link #build()} may be called more
   * than once, but a provider handed to {@link #addHost(OllamaHostSpec, ModelProvider)} then
   * belongs to every cluster built.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private String id = "ollama";
    private final List<OllamaHostSpec> specs = new ArrayList<>();
    private final List<ModelProvider> providers = new ArrayList<>();
    private Consumer<OllamaProvider.Builder> hostDefaults = b -> {};
    private Clock clock = Clock.systemUTC();
    private int failureThreshold = 3;
    private Duration cooldown = Duration.ofSeconds(5);
    private Duration maxCooldown = Duration.ofMinutes(5);
    private Duration refreshInterval = Duration.ofSeconds(30);
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * Sets the provider id.
     *
     * @param id 1-64 lowercase letters, digits, {@code . _ -}, not starting with {@code optimizer-}
     *     (default {@code ollama})
     * @return this builder
     * @throws IllegalArgumentException if the id is invalid
     */
    public Builder id(String id) {
      Objects.requireNonNull(id, "id");
      if (!ID.matcher(id).matches() || id.startsWith("optimizer-")) {
        throw new IllegalArgumentException(
            "Invalid provider id '"
                + id
                + "': use 1-64 lowercase letters, digits, "
                + "'.', '_' or '-', not starting with 'optimizer-' (for example 'ollama')");
      }
      this.id = id;
      return this;
    }

    /**
     * Adds a host, after those already added; its {@link OllamaProvider} is built with {@link
     * #hostDefaults}.
     *
     * @param spec the host; its name and address must differ from those already added
     * @return this builder
     * @throws IllegalArgumentException if the name or address repeats, or 64 hosts were added
     */
    public Builder addHost(OllamaHostSpec spec) {
      return add(spec, null);
    }

    /**
     * Replaces the hosts with these (including hosts added with a provider of their own); see
     * {@link #addHost(OllamaHostSpec)}.
     *
     * @param specs the hosts, with unique names and addresses; must not be null nor contain null
     * @return this builder
     * @throws IllegalArgumentException if a name or address repeats, or there are more than 64
     */
    public Builder hosts(List<OllamaHostSpec> specs) {
      Objects.requireNonNull(specs, "specs");
      specs.forEach(s -> Objects.requireNonNull(s, "spec"));
      this.specs.clear();
      this.providers.clear();
      specs.forEach(this::addHost);
      return this;
    }

    /**
     * Adds a host served by a provider you built (the spec gives its name, weight and slots; the
     * provider should have {@code maxRetries(0)}). The cluster closes it.
     *
     * @param spec the host; its name and address must differ from those already added
     * @param provider the provider that serves it
     * @return this builder
     * @throws IllegalArgumentException if the name or address repeats, or 64 hosts were added
     */
    public Builder addHost(OllamaHostSpec spec, ModelProvider provider) {
      return add(spec, Objects.requireNonNull(provider, "provider"));
    }

    private Builder add(OllamaHostSpec spec, @Nullable ModelProvider provider) {
      Objects.requireNonNull(spec, "spec");
      if (specs.size() >= 64) {
        throw new IllegalArgumentException("At most 64 hosts are supported");
      }
      List<OllamaHostSpec> next = new ArrayList<>(specs);
      next.add(spec);
      try {
        OllamaHostSpec.checkUnique("The cluster", next);
      } catch (ConfigurationException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      specs.add(spec);
      providers.add(provider);
      return this;
    }

    /**
     * Settings applied to the provider of every host added with {@link #addHost(OllamaHostSpec)}
     * (timeouts, headers, limits); the cluster then sets the base URL. Defaults: the {@link
     * OllamaProvider.Builder} defaults with {@code maxRetries(0)} (the cluster fails over instead)
     * and {@code maxConcurrentRequests} = the host's {@code parallel}.
     *
     * @param hostDefaults applies the settings to a host's provider builder
     * @return this builder
     */
    public Builder hostDefaults(Consumer<OllamaProvider.Builder> hostDefaults) {
      this.hostDefaults = Objects.requireNonNull(hostDefaults, "hostDefaults");
      return this;
    }

    /**
     * Sets the clock of the circuit breakers.
     *
     * @param clock the clock (default the UTC system clock; tests pass a fake one)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many host failures in a row open its circuit.
     *
     * @param failureThreshold 1..100 (default 3)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder failureThreshold(int failureThreshold) {
      if (failureThreshold < 1 || failureThreshold > 100) {
        throw new IllegalArgumentException("failureThreshold must be 1..100: " + failureThreshold);
      }
      this.failureThreshold = failureThreshold;
      return this;
    }

    /**
     * The first cooldown of an open circuit (default 5 s); doubles per trip up to {@link
     * #maxCooldown}.
     *
     * @param cooldown a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder cooldown(Duration cooldown) {
      this.cooldown = Checks.requirePositive(cooldown, "cooldown");
      return this;
    }

    /**
     * Sets the longest cooldown (default 5 minutes).
     *
     * @param maxCooldown a positive duration, at least {@link #cooldown}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxCooldown(Duration maxCooldown) {
      this.maxCooldown = Checks.requirePositive(maxCooldown, "maxCooldown");
      return this;
    }

    /**
     * How often the hosts' models and loaded models are refreshed in the background (default 30 s;
     * {@link Duration#ZERO} turns it off: then only {@link OllamaCluster#listModels()} and {@link
     * OllamaCluster#refresh()} refresh).
     *
     * @param refreshInterval zero or a positive duration
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval = Checks.requireNonNegative(refreshInterval, "refreshInterval");
      return this;
    }

    /**
     * Overall budget of a call across waiting for a slot and failovers (default: none; a request's
     * own timeout takes precedence).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * Builds the cluster. Does not contact the hosts (the first call or {@code listModels()} does).
     *
     * @return the new cluster
     * @throws IllegalStateException if no host was added or maxCooldown is below cooldown
     */
    public OllamaCluster build() {
      if (specs.isEmpty()) {
        throw new IllegalStateException(
            "An OllamaCluster needs at least one host; add them with addHost(...)");
      }
      if (maxCooldown.compareTo(cooldown) < 0) {
        throw new IllegalStateException(
            "maxCooldown " + maxCooldown + " is shorter than cooldown " + cooldown);
      }
      return new OllamaCluster(this);
    }
  }
}
