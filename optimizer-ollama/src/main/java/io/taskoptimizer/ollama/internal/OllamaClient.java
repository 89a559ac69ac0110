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
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.api.internal.Throwables;
import io.taskoptimizer.spi.TokenListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 *   <li><b>idle</b>: an {@link Watchdog.IdleTimer} reset by every stream line that carries a
 *       token (blank lines and bytes of an unfinished line do not count); a body that is not
 *       streamed must arrive whole within it;
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

  /**
   * Size limits, so that a hostile or broken server cannot exhaust memory.
   *
   * @param maxResponseChars most characters of generated text (answer plus thinking) per call
   * @param maxLineBytes longest stream line
   * @param maxListingBytes largest metadata body
   */
  public record Limits(int maxResponseChars, int maxLineBytes, int maxListingBytes) {

    /** The cap of a whole (non-streamed) 200 generation body: the text, JSON-escaped, plus metrics. */
    int wholeAnswerBytes() {
      return (int) Math.min(1L << 30, 6L * maxResponseChars + maxLineBytes);
    }
  }

  /** How much of an error body is kept for the message; the rest is discarded unread. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

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
    final Limits limits;

    /**
     * @param overallTimeout may be null (no overall budget)
     * @param executor the provider's own executor, shut down by {@link OllamaClient#close()}
     */
    public Settings(String providerId, URI baseUrl, HttpClient httpClient, ExecutorService executor,
        ObjectMapper mapper, Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
        Duration overallTimeout, Duration metadataTimeout, int maxRetries, int maxConcurrentRequests,
        Map<String, String> headers, boolean logRequests, boolean logResponses, BackoffPolicy backoff,
        Limits limits) {
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
      this.limits = Objects.requireNonNull(limits, "limits");
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

  /**
   * What the body subscribers leave in the response: both hand their outcome to the call
   * themselves, on the I/O thread, rather than through the future of {@code sendAsync}, which the
   * JDK completes only after one more hand-off to another thread (about 0.2 ms per call).
   */
  private enum Body {
    STREAMED,
    WHOLE
  }

  /** One generation call, across its retries. */
  private final class Call {
    final String model;
    final String endpoint;
    final ObjectNode body;
    final byte[] bodyBytes;
    /** Immutable, so every attempt sends the same one. */
    final HttpRequest request;
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
    /** The current attempt's exchange. */
    private ExchangeGuard guard;
    private ScheduledFuture<?> overallTimer;
    private ScheduledFuture<?> retryTimer;
    /** Read for every stream line, so volatile rather than guarded. */
    private volatile Watchdog.IdleTimer idle;

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
      HttpRequest.Builder rb = HttpRequest.newBuilder(resolve(endpoint))
          .version(HttpClient.Version.HTTP_1_1)
          .timeout(s.firstByteTimeout)
          .header("Content-Type", "application/json")
          .header("Accept", stream ? "application/x-ndjson" : "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bodyBytes));
      s.headers.forEach(rb::header);
      this.request = rb.build();
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
        log.debug("Ollama request POST {}{} headers={} body={}", Redaction.redact(s.baseUrl), endpoint,
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
      ExchangeGuard guard = new ExchangeGuard();
      synchronized (this) {
        if (settled.get()) {
          return; // finished() released the permit
        }
        this.guard = guard;
      }
      long sentAt = System.nanoTime();
      StreamSubscriber sub = stream ? new StreamSubscriber(this, guard, sentAt) : null;
      HttpResponse.BodyHandler<Body> handler = info -> {
        int status = info.statusCode();
        long length = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        // Ollama labels its NDJSON stream application/x-ndjson; a whole JSON object (its load-only
        // replies, or a buffering proxy) is read as one body instead of line by line.
        boolean wholeObject = info.headers().firstValue("Content-Type")
            .map(ct -> ct.regionMatches(true, 0, "application/json", 0, 16)).orElse(false);
        startIdleTimer();
        if (status == 200 && sub != null && !wholeObject) {
          sub.expect(length);
          return sub;
        }
        return new WholeBody(this, guard, status, length, info.headers().firstValue("Content-Type").orElse(null),
            info.headers().firstValue("Location").orElse(null));
      };
      CompletableFuture<HttpResponse<Body>> ex;
      try {
        ex = s.httpClient.sendAsync(request, handler);
      } catch (RuntimeException e) {
        guard.responseReceived();
        fail(errors.fromTransport(e, endpoint, model, s.connectTimeout, s.firstByteTimeout));
        return;
      }
      // The call may be over already (even successfully: the whole answer can arrive before
      // sendAsync returns); the guard then leaves the exchange alone, or aborts it if the call failed.
      guard.sent(ex);
      ex.whenComplete((resp, err) -> {
        guard.responseReceived();
        onExchange(resp, err, guard, sub);
      });
    }

    private void startIdleTimer() {
      Watchdog.IdleTimer t = Watchdog.IdleTimer.start(s.idleTimeout, () -> execute(() ->
          fail(errors.timeout(Phase.IDLE, s.idleTimeout, endpoint, model, null))));
      Watchdog.IdleTimer old = idle;
      idle = t;
      if (old != null) {
        old.stop(); // an earlier attempt's
      }
      if (settled.get()) {
        t.stop(); // finished() may have run before the timer was visible to it
      }
    }

    /** A whole body has arrived: its attempt's idle timer is done. */
    void stopIdleTimer() {
      Watchdog.IdleTimer t = idle;
      if (t != null) {
        t.stop();
      }
    }

    void activity() {
      Watchdog.IdleTimer t = idle;
      if (t != null) {
        t.activity();
      }
    }

    /** The end of an exchange: only failures are left to handle here, the subscribers did the rest. */
    private void onExchange(HttpResponse<Body> resp, Throwable err, ExchangeGuard g, StreamSubscriber sub) {
      synchronized (this) {
        if (settled.get() || guard != g) {
          return; // over, or a retry has replaced this attempt
        }
      }
      if (err != null) {
        Throwable e = Throwables.unwrap(err);
        if (e instanceof CancellationException) {
          fail(e);
        } else if (sub != null && sub.subscribed) {
          fail(errors.incomplete(model, sub.chunks, e));
        } else {
          fail(errors.fromTransport(e, endpoint, model, s.connectTimeout, s.firstByteTimeout));
        }
      } else if (resp.body() == Body.STREAMED) {
        fail(errors.incomplete(model, sub == null ? 0 : sub.chunks, null)); // the subscriber normally did
      }
    }

    /** A whole body arrived (non-streaming answer, load reply or error status); on the I/O thread. */
    void onWholeBody(ExchangeGuard g, int status, byte[] bytes, String contentType, String location) {
      synchronized (this) {
        if (settled.get() || guard != g) {
          return;
        }
      }
      if (status == 200) {
        completeFromObject(bytes, contentType);
        return;
      }
      TaskOptimizerException mapped = errors.fromStatus(status, contentType, location, bytes, endpoint, model);
      log.debug("Ollama {} model={} answered HTTP {}", endpoint, model, status);
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
        guard = null; // that exchange is over: its whole body was read
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

    private void completeFromObject(byte[] bytes, String contentType) {
      JsonNode n;
      try {
        n = s.mapper.readTree(bytes);
      } catch (IOException e) {
        fail(errors.malformed(endpoint, contentType, bytes, e));
        return;
      }
      if (n == null || !n.isObject()) {
        fail(errors.malformed(endpoint, contentType, bytes, null));
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
      if ((long) text.length() + thinking.length() > s.limits.maxResponseChars()) {
        fail(errors.answerTooLarge(model, s.limits.maxResponseChars()));
        return;
      }
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

    /**
     * Releases everything; on failure or cancellation also aborts the exchange (closing the stream)
     * if its response is still arriving. A successful call never touches its exchange: the JDK
     * finishes it and pools the connection.
     */
    private void finished(boolean abort) {
      active.remove(this);
      AsyncPermits.Permit p;
      CompletableFuture<AsyncPermits.Permit> w;
      ExchangeGuard g;
      ScheduledFuture<?> o;
      ScheduledFuture<?> rt;
      synchronized (this) {
        p = permit;
        permit = null;
        w = permitWait;
        g = guard;
        o = overallTimer;
        rt = retryTimer;
      }
      Watchdog.IdleTimer t = idle;
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
      if (abort && g != null) {
        g.abort();
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

  /**
   * Reads a 200 NDJSON stream from the raw body bytes, line by line on the I/O thread, and
   * assembles the answer. Lines are split on the newline byte (never part of a multi-byte UTF-8
   * character) and parsed by Jackson straight from the bytes. Working on the raw bytes, rather
   * than behind the JDK's line adapter, lets the final line mark the response
   * {@linkplain ExchangeGuard#responseReceived() received} before the JDK sees the end of the body
   * and pools the connection.
   */
  private final class StreamSubscriber implements HttpResponse.BodySubscriber<Body> {
    private final Call call;
    private final ExchangeGuard guard;
    private final long sentAt;
    private final CompletableFuture<Body> body = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    volatile boolean subscribed;
    volatile int chunks;
    private long expected = -1;
    private long received;
    private byte[] line = new byte[512];
    private int lineLength;
    private Long ttft;
    private boolean done;

    StreamSubscriber(Call call, ExchangeGuard guard, long sentAt) {
      this.call = call;
      this.guard = guard;
      this.sentAt = sentAt;
    }

    /** The Content-Length of the body, or -1 (chunked, as Ollama streams). */
    void expect(long contentLength) {
      this.expected = contentLength;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscribed = true;
      if (guard.bodyStarted(subscription)) {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      // no activity here: only a complete line with a token is progress (see line())
      for (ByteBuffer b : buffers) {
        received += b.remaining();
        try {
          while (b.hasRemaining() && !done && !call.settled.get()) {
            int end = indexOfNewline(b);
            int n = (end < 0 ? b.limit() : end) - b.position();
            if ((long) lineLength + n > s.limits.maxLineBytes()) {
              call.fail(errors.lineTooLong(call.endpoint, s.limits.maxLineBytes())); // closes the stream
              break;
            }
            append(b, n);
            if (end < 0) {
              break;
            }
            b.get(); // the newline
            line();
          }
        } catch (RuntimeException e) {
          call.fail(e); // a bug of ours must not leave the call hanging
        }
        b.position(b.limit()); // anything after the final line, or after a failure, is ignored
      }
      if (expected >= 0 && received >= expected) {
        guard.responseReceived();
      }
    }

    @Override
    public void onError(Throwable t) {
      guard.responseReceived();
      if (!done && !call.settled.get()) {
        call.fail(errors.incomplete(call.model, chunks, Throwables.unwrap(t)));
      }
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      guard.responseReceived();
      if (!done && !call.settled.get() && lineLength > 0) {
        line(); // a last line without a newline
      }
      if (!done && !call.settled.get()) {
        call.fail(errors.incomplete(call.model, chunks, null));
      }
      body.complete(Body.STREAMED);
    }

    private int indexOfNewline(ByteBuffer b) {
      for (int i = b.position(), limit = b.limit(); i < limit; i++) {
        if (b.get(i) == '\n') {
          return i;
        }
      }
      return -1;
    }

    private void append(ByteBuffer b, int n) {
      if (lineLength + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
      }
      b.get(line, lineLength, n);
      lineLength += n;
    }

    /** Handles the line in {@code line[0, lineLength)}. */
    private void line() {
      int length = lineLength;
      lineLength = 0;
      if (isBlank(line, length)) {
        return;
      }
      JsonNode n;
      try {
        n = s.mapper.readTree(line, 0, length);
      } catch (IOException e) {
        call.fail(errors.malformed(call.endpoint, Arrays.copyOf(line, length), e));
        return;
      }
      if (n == null || !n.isObject()) {
        call.fail(errors.malformed(call.endpoint, Arrays.copyOf(line, length), null));
        return;
      }
      String err = errorText(n);
      if (err != null) {
        call.fail(errors.midStreamError(err, call.model, chunks));
        return;
      }
      JsonNode holder = call.chat ? n.path("message") : n;
      String piece = call.chat ? holder.path("content").asText("") : holder.path("response").asText("");
      String thought = holder.path("thinking").asText("");
      if (!piece.isEmpty() || !thought.isEmpty() || holder.has("tool_calls")) {
        call.activity(); // progress: a token, not just bytes or empty lines
      }
      if ((long) text.length() + thinking.length() + piece.length() + thought.length()
          > s.limits.maxResponseChars()) {
        call.fail(errors.answerTooLarge(call.model, s.limits.maxResponseChars())); // closes the stream
        return;
      }
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
          return;
        }
      }
      if (n.path("done").asBoolean(false)) {
        done = true;
        guard.responseReceived(); // Ollama's last line: from here on the connection is the JDK's
        call.succeed(call.buildResult(n, text.toString(), thinking.toString(), ttft));
      }
    }
  }

  private static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * Collects a whole body (non-streaming answers, error replies). A 200 body over
   * {@link Limits#wholeAnswerBytes()} fails the call (which closes the exchange); of an error body
   * only the first {@link #MAX_ERROR_BODY} bytes are kept.
   */
  private final class WholeBody implements HttpResponse.BodySubscriber<Body> {
    private final Call call;
    private final ExchangeGuard guard;
    private final int status;
    private final long expected;
    private final String contentType;
    private final String location;
    private final int cap;
    private final CompletableFuture<Body> body = new CompletableFuture<>();
    private byte[] bytes;
    private int length;
    private long received;
    private boolean overflow;

    WholeBody(Call call, ExchangeGuard guard, int status, long contentLength, String contentType, String location) {
      this.call = call;
      this.guard = guard;
      this.status = status;
      this.expected = contentLength;
      this.contentType = contentType;
      this.location = location;
      this.cap = status == 200 ? s.limits.wholeAnswerBytes() : MAX_ERROR_BODY;
      this.bytes = new byte[contentLength >= 0 && contentLength <= Math.min(cap, 1 << 20) ? (int) contentLength : 1024];
    }

    @Override
    public CompletionStage<Body> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      if (guard.bodyStarted(subscription)) {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        received += n;
        int keep = overflow ? 0 : Math.min(n, cap - length);
        if (keep > 0) {
          if (length + keep > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, length + keep)));
          }
          b.get(bytes, length, keep);
          length += keep;
        }
        b.position(b.limit());
        if (keep < n && !overflow) {
          overflow = true;
          if (status == 200) {
            call.stopIdleTimer();
            call.fail(errors.answerTooLarge(call.model, s.limits.maxResponseChars())); // closes the exchange
          }
        }
      }
      if (expected >= 0 && received >= expected) {
        guard.responseReceived(); // before the JDK pools the connection
      }
    }

    @Override
    public void onError(Throwable t) {
      guard.responseReceived();
      call.stopIdleTimer();
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      guard.responseReceived();
      call.stopIdleTimer();
      try {
        if (!(overflow && status == 200)) {
          call.onWholeBody(guard, status, length == bytes.length ? bytes : Arrays.copyOf(bytes, length),
              contentType, location);
        }
      } catch (RuntimeException e) {
        call.fail(e); // never leave the call hanging: nothing else will settle it
      } finally {
        body.complete(Body.WHOLE);
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
    return new String(send(HttpRequest.newBuilder(resolve(path)).GET(), path, null).body(), StandardCharsets.UTF_8);
  }

  /**
   * Sends a metadata request and reads its answer, at most {@code maxListingBytes} of it, all
   * within {@code metadataTimeout} (the JDK's request timeout only covers the wait for the headers).
   */
  private HttpResponse<byte[]> send(HttpRequest.Builder rb, String path, String model) {
    ensureOpen();
    rb.version(HttpClient.Version.HTTP_1_1).timeout(s.metadataTimeout).header("Accept", "application/json");
    s.headers.forEach(rb::header);
    List<CappedBody> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<byte[]>> f = s.httpClient.sendAsync(rb.build(), info -> {
      CappedBody b = new CappedBody(info.statusCode() == 200 ? s.limits.maxListingBytes() : MAX_ERROR_BODY,
          info.statusCode() == 200 ? () -> errors.listingTooLarge(path, s.limits.maxListingBytes()) : null);
      bodies.add(b);
      return b;
    });
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(s.metadataTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      f.cancel(true);
      bodies.forEach(CappedBody::cancel);
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException("Interrupted while calling Ollama at " + Redaction.redact(s.baseUrl)
          + path + "; the interrupt flag is set again", e);
    } catch (java.util.concurrent.TimeoutException e) {
      f.cancel(true);
      bodies.forEach(CappedBody::cancel);
      throw errors.timeout(Phase.OVERALL, s.metadataTimeout, path, model, null);
    } catch (ExecutionException e) {
      throw errors.fromTransport(e.getCause(), path, model, s.connectTimeout, s.metadataTimeout);
    }
    if (resp.statusCode() != 200) {
      throw errors.fromStatus(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(null),
          resp.headers().firstValue("Location").orElse(null), resp.body(), path, model);
    }
    return resp;
  }

  private JsonNode parseObject(String path, HttpResponse<byte[]> resp) {
    byte[] body = resp.body();
    String contentType = resp.headers().firstValue("Content-Type").orElse(null);
    try {
      JsonNode n = s.mapper.readTree(body);
      if (n == null || !n.isObject()) {
        throw errors.malformed(path, contentType, body, null);
      }
      return n;
    } catch (IOException e) {
      throw errors.malformed(path, contentType, body, e);
    }
  }

  /**
   * Reads a metadata body up to a cap. Over it: with {@code tooLarge} the read stops and fails
   * with it; without (error bodies) the body is cut at the cap, for the message.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final java.util.function.Supplier<TaskOptimizerException> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private byte[] bytes = new byte[4096];
    private int length;

    CappedBody(int cap, java.util.function.Supplier<TaskOptimizerException> tooLarge) {
      this.cap = cap;
      this.tooLarge = tooLarge;
    }

    void cancel() {
      Flow.Subscription sub = subscription;
      if (sub != null) {
        sub.cancel();
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        if ((long) length + n > cap) {
          subscription.cancel(); // stop reading: the connection is closed, never pooled
          if (tooLarge != null) {
            result.completeExceptionally(tooLarge.get());
          } else {
            b.get(ensure(cap - length), length, cap - length);
            length = cap;
            result.complete(Arrays.copyOf(bytes, length));
          }
          return;
        }
        b.get(ensure(n), length, n);
        length += n;
      }
    }

    private byte[] ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, (long) length + more)));
      }
      return bytes;
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
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
      c.fail(new ProviderUnavailableException("The OllamaProvider for " + Redaction.redact(s.baseUrl)
          + " was closed while this call was in progress"));
    }
    s.executor.shutdown();
  }
}
