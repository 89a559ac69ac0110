package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ProviderTimeoutException.Phase;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.spi.TokenListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code OllamaProvider}: one shared {@link HttpClient} (HTTP/1.1), generation
 * calls as asynchronous state machines (permit, send, stream, retry), and blocking metadata calls.
 *
 * <p>Time budgets of a generation call:
 * <ul>
 *   <li><b>first byte</b>: {@link HttpRequest#timeout()}, which the JDK applies until the response
 *       headers arrive; Ollama sends them with the first token, so this covers load and prompt
 *       evaluation (and the whole generation when not streaming);
 *   <li><b>idle</b>: an {@link Watchdog.IdleTimer} reset by every stream line;
 *   <li><b>overall</b> (optional): a timer from the start of the call, including the wait for a
 *       permit and retries.
 * </ul>
 *
 * <p>Retry rule: only 429 and 503 (the server refused the work before doing any) are retried, up
 * to {@code maxRetries} times with jittered exponential backoff. Nothing else is: a timed-out cold
 * load would restart from zero, a stuck stream or a mid-stream error has already delivered tokens
 * to the listener, 5xx load failures repeat, and a refused connection should fail fast so that the
 * optimizer can route to another provider.
 */
public final class OllamaClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger("io.taskoptimizer.ollama.OllamaProvider");

  /** Everything the client needs, already validated by the provider's builder. */
  public static final class Settings {
    final String providerId;
    final URI baseUrl;
    final HttpClient httpClient;
    final ExecutorService executor;
    final ObjectMapper mapper;
    final Duration connectTimeout;
    final Duration firstByteTimeout;
    final Duration idleTimeout;
    final Duration overallTimeout;
    final Duration metadataTimeout;
    final int maxRetries;
    final int maxConcurrentRequests;
    final Map<String, String> headers;
    final boolean logRequests;
    final boolean logResponses;
    final BackoffPolicy backoff;

    /**
     * @param overallTimeout may be null (no overall budget)
     * @param executor the provider's own executor, shut down by {@link OllamaClient#close()}
     */
    public Settings(String providerId, URI baseUrl, HttpClient httpClient, ExecutorService executor,
        ObjectMapper mapper, Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
        Duration overallTimeout, Duration metadataTimeout, int maxRetries, int maxConcurrentRequests,
        Map<String, String> headers, boolean logRequests, boolean logResponses, BackoffPolicy backoff) {
      this.providerId = providerId;
      this.baseUrl = baseUrl;
      this.httpClient = httpClient;
      this.executor = executor;
      this.mapper = mapper;
      this.connectTimeout = connectTimeout;
      this.firstByteTimeout = firstByteTimeout;
      this.idleTimeout = idleTimeout;
      this.overallTimeout = overallTimeout;
      this.metadataTimeout = metadataTimeout;
      this.maxRetries = maxRetries;
      this.maxConcurrentRequests = maxConcurrentRequests;
      this.headers = Map.copyOf(headers);
      this.logRequests = logRequests;
      this.logResponses = logResponses;
      this.backoff = backoff;
    }
  }

  private final Settings s;
  private final ExceptionMapper errors;
  private final RequestEncoder encoder;
  private final AsyncPermits permits;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A client with these settings. */
  public OllamaClient(Settings settings) {
    this.s = Objects.requireNonNull(settings, "settings");
    this.errors = new ExceptionMapper(settings.baseUrl, settings.mapper);
    this.encoder = new RequestEncoder(settings.mapper);
    this.permits = new AsyncPermits(settings.maxConcurrentRequests, this::execute);
  }

  /** The error mapper (for the provider's own parsing failures). */
  public ExceptionMapper errors() {
    return errors;
  }

  /** The permits that bound concurrent generation requests. */
  public AsyncPermits permits() {
    return permits;
  }

  // ---------------------------------------------------------------- generation

  /**
   * Starts a generation. The returned future completes with the result or a
   * {@link TaskOptimizerException}; cancelling it (or any other exceptional completion, e.g.
   * {@code orTimeout}) aborts the HTTP exchange and closes the stream.
   */
  public CompletableFuture<GenerationResult> generate(GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    ensureOpen();
    String model = request.model().orElseThrow(() -> new InvalidRequestException(
        "The request has no model; a provider needs one: GenerationRequest.builder().model(\"llama3.2\")"));
    String endpoint = RequestEncoder.endpoint(request);
    ObjectNode body = encoder.encode(request, model);
    Duration overall = request.timeout().orElse(s.overallTimeout);
    return new Call(model, endpoint, body, request.stream(), listener, overall).start();
  }

  /** A load-only request; the result has {@code done_reason} {@code load} (or {@code unload}). */
  public CompletableFuture<GenerationResult> loadOnly(String model, Duration keepAlive, Integer contextSize) {
    ensureOpen();
    ObjectNode body = encoder.loadOnly(model, keepAlive, contextSize);
    return new Call(model, "/api/generate", body, false, TokenListener.NONE, s.overallTimeout).start();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("This OllamaProvider is closed; create a new one");
    }
  }

  private void execute(Runnable r) {
    try {
      s.executor.execute(r);
    } catch (RejectedExecutionException e) {
      r.run(); // closed: finish the hand-over on the calling thread
    }
  }

  /** The outcome of the body handler: either streamed lines (handled by the subscriber) or a whole body. */
  private static final class Body {
    static final Body STREAMED = new Body(200, null);
    final int status;
    final byte[] bytes;

    Body(int status, byte[] bytes) {
      this.status = status;
      this.bytes = bytes;
    }
  }

  /** One generation call, across its retries. */
  private final class Call {
    final String model;
    final String endpoint;
    final ObjectNode body;
    final byte[] bodyBytes;
    final boolean stream;
    final boolean chat;
    final TokenListener listener;
    final Duration overall;
    final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    /** Set by whoever settles the call first, so that resources are released before the result is visible. */
    final AtomicBoolean settled = new AtomicBoolean();
    int retries;

    // guarded by this
    private CompletableFuture<AsyncPermits.Permit> permitWait;
    private AsyncPermits.Permit permit;
    private CompletableFuture<HttpResponse<Body>> exchange;
    private LineSubscriber subscriber;
    private Watchdog.IdleTimer idle;
    private ScheduledFuture<?> overallTimer;
    private ScheduledFuture<?> retryTimer;

    Call(String model, String endpoint, ObjectNode body, boolean stream, TokenListener listener, Duration overall) {
      this.model = model;
      this.endpoint = endpoint;
      this.body = body;
      this.stream = stream;
      this.chat = endpoint.equals("/api/chat");
      this.listener = listener;
      this.overall = overall;
      try {
        this.bodyBytes = s.mapper.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new InvalidRequestException("Cannot encode the request as JSON: " + e.getMessage(), e);
      }
    }

    CompletableFuture<GenerationResult> start() {
      active.add(this);
      result.whenComplete((r, e) -> {
        if (settled.compareAndSet(false, true)) {
          finished(true); // completed from outside: cancel(), orTimeout(), ...
        }
      });
      if (overall != null) {
        ScheduledFuture<?> t = Watchdog.after(overall, () -> execute(() ->
            fail(errors.timeout(Phase.OVERALL, overall, endpoint, model, null))));
        synchronized (this) {
          overallTimer = t;
        }
      }
      log.debug("Ollama {} model={} stream={} provider={}", endpoint, model, stream, s.providerId);
      if (s.logRequests && log.isDebugEnabled()) {
        log.debug("Ollama request POST {}{} headers={} body={}", s.baseUrl, endpoint,
            LogSupport.maskHeaders(s.headers), new String(bodyBytes, StandardCharsets.UTF_8));
      }
      acquireAndSend();
      return result;
    }

    private void acquireAndSend() {
      CompletableFuture<AsyncPermits.Permit> wait = permits.acquire();
      synchronized (this) {
        permitWait = wait;
      }
      wait.thenAccept(p -> {
        synchronized (this) {
          if (settled.get()) {
            p.release();
            return;
          }
          permit = p;
        }
        send();
      });
    }

    private void send() {
      HttpRequest.Builder rb = HttpRequest.newBuilder(resolve(endpoint))
          .version(HttpClient.Version.HTTP_1_1)
          .timeout(s.firstByteTimeout)
          .header("Content-Type", "application/json")
          .header("Accept", stream ? "application/x-ndjson" : "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bodyBytes));
      s.headers.forEach(rb::header);
      long sentAt = System.nanoTime();
      LineSubscriber sub = stream ? new LineSubscriber(this, sentAt) : null;
      HttpResponse.BodyHandler<Body> handler = info -> {
        int status = info.statusCode();
        // Ollama labels its NDJSON stream application/x-ndjson; a whole JSON object (its load-only
        // replies, or a buffering proxy) is read as one body instead of line by line.
        boolean wholeObject = info.headers().firstValue("Content-Type")
            .map(ct -> ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")).orElse(false);
        if (status == 200 && sub != null && !wholeObject) {
          startIdleTimer();
          return BodySubscribers.fromLineSubscriber(sub, x -> Body.STREAMED, StandardCharsets.UTF_8, "\n");
        }
        return BodySubscribers.mapping(BodySubscribers.ofByteArray(), bytes -> new Body(status, bytes));
      };
      CompletableFuture<HttpResponse<Body>> ex;
      try {
        ex = s.httpClient.sendAsync(rb.build(), handler);
      } catch (RuntimeException e) {
        fail(errors.fromTransport(e, endpoint, model, s.connectTimeout, s.firstByteTimeout));
        return;
      }
      synchronized (this) {
        subscriber = sub;
        exchange = ex;
        if (settled.get()) {
          ex.cancel(true);
          return;
        }
      }
      ex.whenComplete((resp, err) -> onExchange(resp, err, sub));
    }

    private void startIdleTimer() {
      Watchdog.IdleTimer t = Watchdog.IdleTimer.start(s.idleTimeout, () -> execute(() ->
          fail(errors.timeout(Phase.IDLE, s.idleTimeout, endpoint, model, null))));
      synchronized (this) {
        idle = t;
        if (settled.get()) {
          t.stop();
        }
      }
    }

    void activity() {
      Watchdog.IdleTimer t;
      synchronized (this) {
        t = idle;
      }
      if (t != null) {
        t.activity();
      }
    }

    private void onExchange(HttpResponse<Body> resp, Throwable err, LineSubscriber sub) {
      if (settled.get()) {
        return;
      }
      if (err != null) {
        Throwable e = ExceptionMapper.unwrap(err);
        if (e instanceof CancellationException) {
          fail(e);
        } else if (sub != null && sub.subscribed) {
          fail(errors.incomplete(model, sub.chunks, e));
        } else {
          fail(errors.fromTransport(e, endpoint, model, s.connectTimeout, s.firstByteTimeout));
        }
        return;
      }
      Body b = resp.body();
      if (b == Body.STREAMED) {
        if (!settled.get()) {
          fail(errors.incomplete(model, sub == null ? 0 : sub.chunks, null));
        }
        return;
      }
      if (b.status == 200) {
        completeFromObject(b.bytes);
        return;
      }
      TaskOptimizerException mapped = errors.fromStatus(b.status, b.bytes, endpoint, model);
      log.debug("Ollama {} model={} answered HTTP {}", endpoint, model, b.status);
      if (mapped instanceof ServerBusyException && retries < s.maxRetries) {
        retry(mapped);
      } else {
        fail(mapped);
      }
    }

    private void retry(TaskOptimizerException cause) {
      AsyncPermits.Permit p;
      synchronized (this) {
        p = permit;
        permit = null;
        subscriber = null;
        exchange = null;
      }
      if (p != null) {
        p.release();
      }
      retries++;
      Duration delay = s.backoff.delay(retries);
      log.debug("Ollama {} model={} busy; retry {}/{} in {} ms ({})", endpoint, model, retries, s.maxRetries,
          delay.toMillis(), cause.getMessage());
      if (delay.isZero() || delay.isNegative()) {
        execute(this::acquireAndSend);
      } else {
        ScheduledFuture<?> t = Watchdog.after(delay, () -> execute(this::acquireAndSend));
        synchronized (this) {
          retryTimer = t;
          if (settled.get()) {
            t.cancel(false);
          }
        }
      }
    }

    private void completeFromObject(byte[] bytes) {
      JsonNode n;
      try {
        n = s.mapper.readTree(bytes);
      } catch (IOException e) {
        fail(errors.malformed(endpoint, bytes, e));
        return;
      }
      if (n == null || !n.isObject()) {
        fail(errors.malformed(endpoint, bytes, null));
        return;
      }
      String err = errorText(n);
      if (err != null) {
        fail(errors.midStreamError(err, model, 0));
        return;
      }
      if (!n.path("done").asBoolean(false)) {
        fail(errors.incomplete(model, 0, null));
        return;
      }
      String text = chat ? n.path("message").path("content").asText("") : n.path("response").asText("");
      String thinking = chat ? n.path("message").path("thinking").asText("") : n.path("thinking").asText("");
      if (stream && !text.isEmpty()) {
        try {
          listener.onToken(text); // a streaming caller still sees the text, in one piece
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
      }
      succeed(buildResult(n, text, thinking, null));
    }

    GenerationResult buildResult(JsonNode last, String text, String thinking, Long ttftNanos) {
      GenerationResult.Builder b = GenerationResult.builder(text, last.path("model").asText(model));
      if (!thinking.isEmpty()) {
        b.thinking(thinking);
      }
      if (last.path("done_reason").isTextual()) {
        b.doneReason(last.path("done_reason").asText());
      }
      if (last.path("prompt_eval_count").isIntegralNumber()) {
        b.promptTokens(last.path("prompt_eval_count").asInt());
      }
      if (last.path("eval_count").isIntegralNumber()) {
        b.completionTokens(last.path("eval_count").asInt());
      }
      if (last.path("load_duration").isIntegralNumber()) {
        b.loadTime(Duration.ofNanos(last.path("load_duration").asLong()));
      }
      if (last.path("prompt_eval_duration").isIntegralNumber()) {
        b.promptEvalTime(Duration.ofNanos(last.path("prompt_eval_duration").asLong()));
      }
      if (last.path("eval_duration").isIntegralNumber()) {
        b.evalTime(Duration.ofNanos(last.path("eval_duration").asLong()));
      }
      if (last.path("total_duration").isIntegralNumber()) {
        b.serverTotalTime(Duration.ofNanos(last.path("total_duration").asLong()));
      }
      if (ttftNanos != null) {
        b.timeToFirstToken(Duration.ofNanos(ttftNanos));
      }
      b.totalTime(Duration.ofNanos(System.nanoTime() - startNanos));
      return b.build();
    }

    void succeed(GenerationResult r) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      finished(false);
      if (result.complete(r)) {
        log.debug("Ollama {} model={} done={} promptTokens={} completionTokens={} load={} ttft={} total={} retries={}",
            endpoint, model, r.doneReason().orElse("?"), r.promptTokens(), r.completionTokens(),
            r.loadTime().orElse(null), r.timeToFirstToken().orElse(null), r.totalTime(), retries);
        if (s.logResponses && log.isDebugEnabled()) {
          log.debug("Ollama response of model {}: {}", model, r.text());
        }
      }
    }

    void fail(Throwable e) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      finished(true);
      if (result.completeExceptionally(e)) {
        log.debug("Ollama {} model={} failed: {}", endpoint, model, e.toString());
      }
    }

    /** Releases everything; on failure or cancellation also aborts the exchange (closing the stream). */
    private void finished(boolean abort) {
      active.remove(this);
      AsyncPermits.Permit p;
      CompletableFuture<AsyncPermits.Permit> w;
      CompletableFuture<HttpResponse<Body>> ex;
      LineSubscriber sub;
      Watchdog.IdleTimer t;
      ScheduledFuture<?> o;
      ScheduledFuture<?> rt;
      synchronized (this) {
        p = permit;
        permit = null;
        w = permitWait;
        ex = exchange;
        sub = subscriber;
        t = idle;
        o = overallTimer;
        rt = retryTimer;
      }
      if (t != null) {
        t.stop();
      }
      if (o != null) {
        o.cancel(false);
      }
      if (rt != null) {
        rt.cancel(false);
      }
      if (w != null && !w.isDone()) {
        w.cancel(false);
      }
      if (abort) {
        if (sub != null) {
          sub.cancel();
        }
        if (ex != null) {
          ex.cancel(true);
        }
      }
      if (p != null) {
        p.release();
      }
    }
  }

  private static String errorText(JsonNode n) {
    JsonNode err = n.get("error");
    if (err == null || err.isNull()) {
      return null;
    }
    if (err.isTextual()) {
      return err.asText();
    }
    return err.path("message").isTextual() ? err.path("message").asText() : err.toString();
  }

  /** Receives the NDJSON lines of a 200 stream and assembles the answer. */
  private final class LineSubscriber implements Flow.Subscriber<String> {
    private final Call call;
    private final long sentAt;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private volatile Flow.Subscription subscription;
    volatile boolean subscribed;
    volatile int chunks;
    private Long ttft;
    private boolean done;

    LineSubscriber(Call call, long sentAt) {
      this.call = call;
      this.sentAt = sentAt;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      this.subscribed = true;
      if (call.settled.get()) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      call.activity();
      if (done || call.settled.get() || line.isBlank()) {
        return;
      }
      JsonNode n;
      try {
        n = s.mapper.readTree(line);
      } catch (IOException e) {
        call.fail(errors.malformed(call.endpoint, line.getBytes(StandardCharsets.UTF_8), e));
        cancel();
        return;
      }
      if (n == null || !n.isObject()) {
        call.fail(errors.malformed(call.endpoint, line.getBytes(StandardCharsets.UTF_8), null));
        cancel();
        return;
      }
      String err = errorText(n);
      if (err != null) {
        call.fail(errors.midStreamError(err, call.model, chunks));
        cancel();
        return;
      }
      JsonNode holder = call.chat ? n.path("message") : n;
      String piece = call.chat ? holder.path("content").asText("") : holder.path("response").asText("");
      String thought = holder.path("thinking").asText("");
      if (!thought.isEmpty()) {
        thinking.append(thought);
      }
      if (!piece.isEmpty()) {
        if (ttft == null) {
          ttft = System.nanoTime() - sentAt;
        }
        text.append(piece);
        chunks++;
        try {
          call.listener.onToken(piece);
        } catch (RuntimeException e) {
          call.fail(e);
          cancel();
          return;
        }
      }
      if (n.path("done").asBoolean(false)) {
        done = true;
        call.succeed(call.buildResult(n, text.toString(), thinking.toString(), ttft));
      }
    }

    @Override
    public void onError(Throwable t) {
      if (!done && !call.settled.get()) {
        call.fail(errors.incomplete(call.model, chunks, ExceptionMapper.unwrap(t)));
      }
    }

    @Override
    public void onComplete() {
      if (!done && !call.settled.get()) {
        call.fail(errors.incomplete(call.model, chunks, null));
      }
    }

    void cancel() {
      Flow.Subscription sub = subscription;
      if (sub != null) {
        sub.cancel();
      }
    }
  }

  // ---------------------------------------------------------------- metadata

  /** GET a JSON object, blocking; bounded by the metadata timeout. */
  public JsonNode getJson(String path) {
    return parseObject(path, send(HttpRequest.newBuilder(resolve(path)).GET(), path, null));
  }

  /** POST a JSON object and read a JSON object, blocking; {@code model} names the model for 404s. */
  public JsonNode postJson(String path, ObjectNode body, String model) {
    byte[] bytes;
    try {
      bytes = s.mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new InvalidRequestException("Cannot encode the request as JSON: " + e.getMessage(), e);
    }
    return parseObject(path, send(HttpRequest.newBuilder(resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), path, model));
  }

  /** GET a text body, blocking. */
  public String getText(String path) {
    return new String(send(HttpRequest.newBuilder(resolve(path)).GET(), path, null), StandardCharsets.UTF_8);
  }

  private byte[] send(HttpRequest.Builder rb, String path, String model) {
    ensureOpen();
    rb.version(HttpClient.Version.HTTP_1_1).timeout(s.metadataTimeout).header("Accept", "application/json");
    s.headers.forEach(rb::header);
    CompletableFuture<HttpResponse<byte[]>> f = s.httpClient.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> resp;
    try {
      resp = f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException("Interrupted while calling Ollama at " + s.baseUrl + path
          + "; the interrupt flag is set again", e);
    } catch (ExecutionException e) {
      throw errors.fromTransport(e.getCause(), path, model, s.connectTimeout, s.metadataTimeout);
    }
    if (resp.statusCode() != 200) {
      throw errors.fromStatus(resp.statusCode(), resp.body(), path, model);
    }
    return resp.body();
  }

  private JsonNode parseObject(String path, byte[] body) {
    try {
      JsonNode n = s.mapper.readTree(body);
      if (n == null || !n.isObject()) {
        throw errors.malformed(path, body, null);
      }
      return n;
    } catch (IOException e) {
      throw errors.malformed(path, body, e);
    }
  }

  private URI resolve(String path) {
    String base = s.baseUrl.toString();
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
  }

  /** Calls in progress (for tests and diagnostics). */
  public int activeCalls() {
    return active.size();
  }

  /**
   * Fails every call in progress with {@link ProviderUnavailableException}, aborting its exchange,
   * and shuts the provider's executor down. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Call c : active) {
      c.fail(new ProviderUnavailableException("The OllamaProvider for " + s.baseUrl
          + " was closed while this call was in progress"));
    }
    s.executor.shutdown();
  }
}
