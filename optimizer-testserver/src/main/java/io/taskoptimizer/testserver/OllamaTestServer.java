package io.taskoptimizer.testserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.taskoptimizer.api.ModelNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on loopback that speaks the Ollama REST API, for testing Ollama clients the
 * way OkHttp's MockWebServer tests HTTP clients: script models, run the client against {@link
 * #baseUrl()}, then assert on what the client sent ({@link #takeRequest()}, or {@link
 * #takeRequest(String) takeRequest("/api/chat")} to skip requests for other paths such as an
 * optimizer's background {@code GET /api/tags}) and on how it handled latency and faults.
 *
 * <pre>{@code
 * try (OllamaTestServer ollama = OllamaTestServer.create()
 *     .model(ScriptedModel.of("llama3.2", "Hello there"))
 *     .start()) {
 *   // point the client at ollama.baseUrl(), call it, then:
 *   RecordedRequest req = ollama.takeRequest();
 *   assertThat(req.path()).isEqualTo("/api/chat");
 * }
 * }</pre>
 *
 * <p>What it imitates (see the module README for the full list): {@code /}, {@code /api/version},
 * {@code /api/tags} (newest first), {@code /api/ps}, {@code /api/show}, {@code /api/generate} and
 * {@code /api/chat} (NDJSON streaming with one flushed line per token and a final metrics line in
 * nanoseconds, or a single object when {@code stream:false}), a basic {@code /v1/chat/completions}
 * and {@code /v1/models}; late headers (nothing is sent until the first token, so a cold load
 * delays the status line); keep-alive expiry; per-model parallel slots and a load queue that
 * answers 503; Ollama's exact error bodies and status codes; and injected {@link Fault}s.
 *
 * <p>Thread-safe. Models can be added, replaced and faults enqueued while the server runs. The
 * server uses daemon threads and {@link #stop()} ends all of them; it can then be started again on
 * the same port, which imitates a server that goes away and comes back.
 *
 * <p>Creating the first instance sets the system property {@code sun.net.httpserver.nodelay} to
 * {@code true} (unless it is set already): without TCP_NODELAY every POST round trip costs about 40
 * ms on Linux (Nagle against delayed ACK). The JDK reads it once, when the first {@code
 * com.sun.net.httpserver} server of the JVM is created.
 */
public final class OllamaTestServer implements AutoCloseable {

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final int instance = INSTANCES.incrementAndGet();
  private final Map<String, ModelRuntime> models = new ConcurrentHashMap<>();
  // guarded by itself; waiters are notified when a request is added
  private final List<RecordedRequest> untaken = new ArrayList<>();
  private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger activeGenerations = new AtomicInteger();
  private final AtomicInteger maxActiveGenerations = new AtomicInteger();
  private volatile String version = "0.12.6";
  private volatile Clock clock = Clock.systemUTC();
  private volatile ZoneId zone = ZoneId.systemDefault();
  private volatile int defaultContextLength = 4096;
  private volatile boolean recordRequests = true;
  private volatile boolean scriptedTimings;
  private volatile CountDownLatch stallRelease = new CountDownLatch(1);
  private volatile boolean stopping;

  // guarded by this
  private @Nullable HttpServer http;
  private @Nullable ExecutorService executor;
  private int port;

  private OllamaTestServer() {}

  /** {@return a stopped server with no models; add models, then {@link #start()}} */
  public static OllamaTestServer create() {
    return new OllamaTestServer();
  }

  /**
   * Adds a model, or replaces the one with the same (normalised) name; a replaced model starts
   * unloaded.
   *
   * @param model the model to serve; not null
   * @return this server
   */
  public OllamaTestServer model(ScriptedModel model) {
    Objects.requireNonNull(model, "model");
    models.put(model.name(), new ModelRuntime(model));
    return this;
  }

  /**
   * Adds or replaces several models, as {@link #model(ScriptedModel)} does for each.
   *
   * @param models the models to serve; none null
   * @return this server
   */
  public OllamaTestServer models(ScriptedModel... models) {
    for (ScriptedModel m : models) {
      model(m);
    }
    return this;
  }

  /**
   * Removes a model (its next requests get 404); does nothing if absent.
   *
   * @param name the model's name, normalised as Ollama does (a missing tag means {@code latest})
   * @return this server
   */
  public OllamaTestServer removeModel(String name) {
    models.remove(ModelNames.normalize(name));
    return this;
  }

  /**
   * Sets the version reported by {@code /api/version} (default {@code 0.12.6}).
   *
   * @param version the version string; not null
   * @return this server
   */
  public OllamaTestServer version(String version) {
    this.version = Objects.requireNonNull(version, "version");
    return this;
  }

  /**
   * The clock for timestamps and keep-alive expiry (default the system UTC clock). A test that
   * advances its own clock (a {@link MutableClock}) past a model's keep-alive makes the model's
   * next request cold, with no waiting.
   *
   * @param clock the clock to read; not null
   * @return this server
   */
  public OllamaTestServer clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The server's local time zone, used for {@code modified_at} and {@code expires_at} (default the
   * JVM's).
   *
   * @param zone the zone; not null
   * @return this server
   */
  public OllamaTestServer zone(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /**
   * The {@code num_ctx} a model is loaded with when a request sends none (default 4096).
   *
   * @param contextLength the context length in tokens; positive
   * @return this server
   * @throws IllegalArgumentException if {@code contextLength} is not positive
   */
  public OllamaTestServer defaultContextLength(int contextLength) {
    if (contextLength <= 0) {
      throw new IllegalArgumentException("contextLength must be positive: " + contextLength);
    }
    this.defaultContextLength = contextLength;
    return this;
  }

  /**
   * Whether to keep received requests for {@link #takeRequest()} and {@link #requests()} (default
   * true). Turn it off for load tests and benchmarks, where millions of requests would pile up.
   *
   * @param record true to keep requests, false to only count them
   * @return this server
   */
  public OllamaTestServer recordRequests(boolean record) {
    this.recordRequests = record;
    return this;
  }

  /**
   * Whether a finished generation reports the script's times in its metrics ({@code
   * total_duration}, {@code load_duration}, {@code prompt_eval_duration}, {@code eval_duration}):
   * the cold load if the model was loaded, the time to first token, and the tokens at the scripted
   * rate, instead of the times measured on this machine (default false). Responses still take their
   * real time. A client that uses the server-reported times (such as a {@code TaskOptimizer} built
   * with {@code serverReportedTimes(true)}) then measures exactly the same on any machine, however
   * loaded: simulated time for demos and timing tests.
   *
   * @param scripted true to report the scripted times, false to report the measured ones
   * @return this server
   */
  public OllamaTestServer scriptedTimings(boolean scripted) {
    this.scriptedTimings = scripted;
    return this;
  }

  /**
   * Injects a fault into the next generation request of a model (one-shot, first in first out,
   * before the model's own {@link ScriptedModel#fault()}).
   *
   * @param model the name of a model the server has
   * @param fault the fault to inject; not null
   * @return this server
   * @throws IllegalArgumentException if the server has no such model
   */
  public OllamaTestServer enqueueFault(String model, Fault fault) {
    return enqueueFaults(model, 1, fault);
  }

  /**
   * Injects the same fault into the next {@code times} generation requests of a model (e.g. a 503
   * storm).
   *
   * @param model the name of a model the server has
   * @param times how many requests get the fault; at least 1
   * @param fault the fault to inject; not null
   * @return this server
   * @throws IllegalArgumentException if the server has no such model or {@code times} is less than
   *     1
   */
  public OllamaTestServer enqueueFaults(String model, int times, Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    ModelRuntime rt = runtimeOrThrow(model);
    for (int i = 0; i < times; i++) {
      rt.oneShotFaults.add(fault);
    }
    return this;
  }

  /**
   * Starts on an ephemeral loopback port, or on the previous port after a {@link #stop()}.
   *
   * @return this server, running
   * @throws IllegalStateException if already running
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized OllamaTestServer start() {
    return start(port);
  }

  /**
   * Starts on the given loopback port ({@code 0} picks a free one).
   *
   * @param port the port, 0 to 65535
   * @return this server, running
   * @throws IllegalArgumentException if {@code port} is out of range
   * @throws IllegalStateException if already running
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized OllamaTestServer start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (http != null) {
      throw new IllegalStateException("OllamaTestServer is already running at " + baseUrl());
    }
    stopping = false;
    stallRelease = new CountDownLatch(1);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService ex =
        Executors.newCachedThreadPool(
            r -> {
              Thread t =
                  new Thread(r, "ollama-test-server-" + instance + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      s.setExecutor(ex);
      s.createContext("/", new OllamaHandler(this));
      s.start();
      this.http = s;
      this.executor = ex;
      this.port = s.getAddress().getPort();
      return this;
    } catch (IOException e) {
      ex.shutdownNow();
      throw new UncheckedIOException(
          "Cannot start OllamaTestServer on 127.0.0.1:" + port + " (is the port in use?)", e);
    }
  }

  /** {@return whether the server is running} */
  public synchronized boolean isRunning() {
    return http != null;
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:54321}; what {@code OLLAMA_HOST} would be set to.
   *
   * @return the base URL of the current or last run
   * @throws IllegalStateException if the server was never started
   */
  public synchronized URI baseUrl() {
    if (port == 0) {
      throw new IllegalStateException("OllamaTestServer has not been started; call start() first");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * The port, once started.
   *
   * @return the port of the current or last run
   * @throws IllegalStateException if the server was never started
   */
  public synchronized int port() {
    if (port == 0) {
      throw new IllegalStateException("OllamaTestServer has not been started; call start() first");
    }
    return port;
  }

  /**
   * The oldest request not yet taken, waiting up to 10 seconds for one to arrive.
   *
   * @return the request, now taken
   * @throws AssertionError if none arrives in time
   */
  public RecordedRequest takeRequest() {
    return takeRequest(DEFAULT_TAKE_TIMEOUT)
        .orElseThrow(
            () ->
                new AssertionError(
                    "No request reached OllamaTestServer within " + DEFAULT_TAKE_TIMEOUT));
  }

  /**
   * The oldest request not yet taken, waiting up to {@code timeout}.
   *
   * @param timeout how long to wait; not null
   * @return the request, now taken; empty if none arrives in time or the thread is interrupted
   */
  public Optional<RecordedRequest> takeRequest(Duration timeout) {
    return takeRequest(r -> true, timeout);
  }

  /**
   * The oldest request not yet taken whose path is {@code path} (e.g. {@code /api/chat}), waiting
   * up to 10 seconds for one to arrive. Requests for other paths, such as the optimizer's
   * background {@code GET /api/tags}, stay untaken.
   *
   * @param path the path to wait for, without the query; not null
   * @return the request, now taken
   * @throws AssertionError if none arrives in time
   */
  public RecordedRequest takeRequest(String path) {
    Objects.requireNonNull(path, "path");
    return takeRequest(r -> r.path().equals(path), DEFAULT_TAKE_TIMEOUT)
        .orElseThrow(
            () ->
                new AssertionError(
                    "No request for "
                        + path
                        + " reached OllamaTestServer within "
                        + DEFAULT_TAKE_TIMEOUT
                        + "; requests so far: "
                        + requests()));
  }

  /**
   * The oldest request not yet taken that matches {@code filter}, waiting up to {@code timeout};
   * empty if none arrives. Requests that do not match stay untaken, in order.
   *
   * @param filter which requests to take; not null
   * @param timeout how long to wait; not null
   * @return the request, now taken; empty if none arrives in time or the thread is interrupted
   */
  public Optional<RecordedRequest> takeRequest(
      Predicate<? super RecordedRequest> filter, Duration timeout) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (untaken) {
      while (true) {
        for (Iterator<RecordedRequest> it = untaken.iterator(); it.hasNext(); ) {
          RecordedRequest r = it.next();
          if (filter.test(r)) {
            it.remove();
            return Optional.of(r);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(untaken, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** {@return every recorded request so far, oldest first (whether taken or not); a copy} */
  public List<RecordedRequest> requests() {
    return List.copyOf(recorded);
  }

  /**
   * Recorded requests for one path, e.g. {@code /api/chat}.
   *
   * @param path the path, without the query
   * @return the recorded requests for it, oldest first; a copy, empty if there are none
   */
  public List<RecordedRequest> requests(String path) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : recorded) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** {@return how many requests the server received (counted even when recording is off)} */
  public int requestCount() {
    return sequence.get();
  }

  /** Forgets recorded requests (the request count keeps counting). */
  public void clearRequests() {
    synchronized (untaken) {
      untaken.clear();
    }
    recorded.clear();
  }

  /** {@return how many generation requests currently hold a model slot} */
  public int activeGenerations() {
    return activeGenerations.get();
  }

  /**
   * {@return the most generation requests that held model slots at the same time, over the server's
   * life}
   */
  public int maxActiveGenerations() {
    return maxActiveGenerations.get();
  }

  /**
   * The most requests of one model that held slots at the same time.
   *
   * @param model the name of a model the server has
   * @return the highest number of its requests that held slots at once
   * @throws IllegalArgumentException if the server has no such model
   */
  public int maxInFlight(String model) {
    return runtimeOrThrow(model).maxInFlight.get();
  }

  /**
   * {@return names of the models currently loaded (not expired), as {@code /api/ps} reports them,
   * sorted}
   */
  public List<String> loadedModels() {
    Instant now = now();
    List<String> out = new ArrayList<>();
    for (ModelRuntime m : models.values()) {
      if (m.loadedState(now).isPresent()) {
        out.add(m.model.name());
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Unloads a model, so its next request is cold again.
   *
   * @param model the name of a model the server has
   * @throws IllegalArgumentException if the server has no such model
   */
  public void unload(String model) {
    runtimeOrThrow(model).unload();
  }

  /**
   * Lets every request held so far by a {@link Fault#stall()} continue. A stalled request that
   * arrives after this call waits for the next release, so a test should first take (e.g. with
   * {@link #takeRequest(String)}) every request it means to release.
   */
  public void releaseStalls() {
    CountDownLatch old = stallRelease;
    stallRelease = new CountDownLatch(1);
    old.countDown();
  }

  /**
   * Stops the server: stalled and in-progress requests are aborted, connections are closed and all
   * server threads end before this returns. Models, faults and recorded requests are kept, so the
   * server can be {@link #start() started} again on the same port. Does nothing if stopped.
   */
  public synchronized void stop() {
    HttpServer server = http;
    ExecutorService pool = executor;
    if (server == null || pool == null) {
      return;
    }
    stopping = true;
    stallRelease.countDown();
    pool.shutdownNow();
    server.stop(0);
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "OllamaTestServer threads did not end within 10 s of stop()");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      http = null;
      executor = null;
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    synchronized (this) {
      return "OllamaTestServer["
          + (http == null ? "stopped" : baseUrl().toString())
          + ", models="
          + models.keySet()
          + "]";
    }
  }

  // ---------------------------------------------------------------- used by the handler

  RecordedRequest record(
      String method,
      String path,
      String query,
      Headers headers,
      byte[] body,
      Map<String, Object> json) {
    RecordedRequest r =
        new RecordedRequest(
            sequence.incrementAndGet(),
            now(),
            method,
            path,
            query,
            headers,
            body,
            json,
            // captured before the request becomes visible to takeRequest(): a test that takes the
            // request and then calls releaseStalls() releases it even if the handler has not
            // reached its stall yet
            stallRelease);
    if (recordRequests) {
      recorded.add(r);
      synchronized (untaken) {
        untaken.add(r);
        untaken.notifyAll();
      }
    }
    return r;
  }

  @Nullable ModelRuntime runtime(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return models.get(ModelNames.normalize(name));
  }

  private ModelRuntime runtimeOrThrow(String name) {
    ModelRuntime rt = runtime(Objects.requireNonNull(name, "model"));
    if (rt == null) {
      throw new IllegalArgumentException(
          "OllamaTestServer has no model '" + name + "'; add it with model(...)");
    }
    return rt;
  }

  Collection<ModelRuntime> runtimes() {
    return models.values();
  }

  int instanceId() {
    return instance;
  }

  String version() {
    return version;
  }

  Instant now() {
    return clock.instant();
  }

  String localTime(Instant t) {
    return Wire.rfc3339(t, zone.getRules().getOffset(t));
  }

  boolean scriptedTimings() {
    return scriptedTimings;
  }

  int defaultContextLength() {
    return defaultContextLength;
  }

  boolean isStopping() {
    return stopping;
  }

  /** Blocks until stalls are released (true) or the server stops (false). */
  boolean awaitStallRelease(RecordedRequest request) throws InterruptedException {
    request.stallRelease.await();
    return !stopping;
  }

  void generationStarted() {
    int n = activeGenerations.incrementAndGet();
    maxActiveGenerations.accumulateAndGet(n, Math::max);
  }

  void generationEnded() {
    activeGenerations.decrementAndGet();
  }
}
