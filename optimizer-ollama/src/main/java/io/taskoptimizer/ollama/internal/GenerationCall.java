package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One generation call, across its retries: an asynchronous state machine that waits for a permit,
 * sends, reads the answer (streamed line by line or whole) on the HTTP client's I/O thread, retries
 * a busy server, and settles exactly once, releasing its permit, timers and exchange before the
 * result becomes visible. See {@link OllamaClient} for the time budgets and the retry rule.
 */
final class GenerationCall {

  private static final Logger log = OllamaClient.log;

  private final OllamaClient client;
  private final OllamaClient.Settings s;
  private final ExceptionMapper errors;
  private final ResponseDecoder decoder;

  /**
   * What the body subscribers leave in the response: both hand their outcome to the call
   * themselves, on the I/O thread, rather than through the future of {@code sendAsync}, which the
   * JDK completes only after one more hand-off to another thread (about 0.2 ms per call).
   */
  private enum Body {
    STREAMED,
    WHOLE
  }

  final String model;
  final String endpoint;
  final ObjectNode body;
  final byte[] bodyBytes;

  /** Immutable, so every attempt sends the same one. */
  final HttpRequest request;

  final boolean stream;
  final boolean chat;
  final TokenListener listener;
  final @Nullable Duration overall;

  /**
   * The thread of a blocking {@code generate}, which then runs the first attempt's exchange itself
   * rather than handing it to another thread and waiting; null for an asynchronous call.
   */
  private final @Nullable Thread caller;

  /**
   * Set when the blocking caller was interrupted during its exchange; only that thread reads it.
   */
  private @Nullable ProviderUnavailableException callerInterrupted;

  final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
  final long startNanos = System.nanoTime();

  /**
   * Set by whoever settles the call first, so that resources are released before the result is
   * visible.
   */
  final AtomicBoolean settled = new AtomicBoolean();

  int retries;

  // guarded by this
  private @Nullable CompletableFuture<AsyncPermits.Permit> permitWait;
  private AsyncPermits.@Nullable Permit permit;

  /** The current attempt's exchange. */
  private @Nullable ExchangeGuard guard;

  /** A deadline: an idle timer that never sees activity. */
  private Watchdog.@Nullable IdleTimer overallTimer;

  private @Nullable ScheduledFuture<?> retryTimer;

  /** Read for every stream line, so volatile rather than guarded. */
  private volatile Watchdog.@Nullable IdleTimer idle;

  GenerationCall(
      OllamaClient client,
      String model,
      String endpoint,
      ObjectNode body,
      boolean stream,
      TokenListener listener,
      @Nullable Duration overall,
      @Nullable Thread caller) {
    this.client = client;
    this.caller = caller;
    this.s = client.settings();
    this.errors = client.errors();
    this.decoder = client.decoder();
    this.model = model;
    this.endpoint = endpoint;
    this.body = body;
    this.stream = stream;
    this.chat = endpoint.equals("/api/chat");
    this.listener = listener;
    this.overall = overall;
    try {
      this.bodyBytes = s.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new InvalidRequestException("Cannot encode the request as JSON: " + e.getMessage(), e);
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(client.resolve(endpoint))
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(s.firstByteTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", stream ? "application/x-ndjson" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bodyBytes));
    s.headers().forEach(rb::header);
    this.request = rb.build();
  }

  CompletableFuture<GenerationResult> start() {
    client.active.add(this);
    // the dependent stage only mirrors result, which goes to the caller; finished() only releases
    CompletableFuture<GenerationResult> unused =
        result.whenComplete(
            (r, e) -> {
              if (settled.compareAndSet(false, true)) {
                finished(true); // completed from outside: cancel(), orTimeout(), ...
              }
            });
    Duration limit = overall;
    if (limit != null) {
      Watchdog.IdleTimer t =
          Watchdog.IdleTimer.start(
              limit,
              () ->
                  client.execute(
                      () -> fail(errors.timeout(Phase.OVERALL, limit, endpoint, model, null))));
      synchronized (this) {
        overallTimer = t;
      }
    }
    // guarded: the arguments would be boxed into an array on every call even with DEBUG off
    if (log.isDebugEnabled()) {
      log.debug(
          "Ollama {} model={} stream={} provider={}", endpoint, model, stream, s.providerId());
    }
    if (s.logRequests() && log.isDebugEnabled()) {
      log.debug(
          "Ollama request POST {}{} headers={} body={}",
          Redaction.redact(s.baseUrl()),
          endpoint,
          LogSupport.maskHeaders(s.headers()),
          new String(bodyBytes, StandardCharsets.UTF_8));
    }
    acquireAndSend();
    if (callerInterrupted != null) {
      return CompletableFuture.failedFuture(callerInterrupted);
    }
    return result;
  }

  private void acquireAndSend() {
    CompletableFuture<AsyncPermits.Permit> wait = client.permits().acquire();
    synchronized (this) {
      permitWait = wait;
    }
    // the dependent stage fails only when wait does (cancelled by finished()) or when send()
    // throws, and that is caught here: nothing is lost by ignoring it
    CompletableFuture<Void> unused =
        wait.thenAccept(
            p -> {
              synchronized (this) {
                if (settled.get()) {
                  p.release();
                  return;
                }
                permit = p;
              }
              try {
                send();
              } catch (RuntimeException e) {
                fail(e); // a bug of ours must not leave the call hanging with the permit held
              }
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
    HttpResponse.BodyHandler<Body> handler =
        info -> {
          int status = info.statusCode();
          long length = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
          // Ollama labels its NDJSON stream application/x-ndjson; a whole JSON object (its
          // load-only
          // replies, or a buffering proxy) is read as one body instead of line by line.
          boolean wholeObject =
              info.headers()
                  .firstValue("Content-Type")
                  .map(ct -> ct.regionMatches(true, 0, "application/json", 0, 16))
                  .orElse(false);
          startIdleTimer();
          if (status == 200 && sub != null && !wholeObject) {
            sub.expect(length);
            return sub;
          }
          return new WholeBody(
              this,
              guard,
              status,
              length,
              info.headers().firstValue("Content-Type").orElse(null),
              info.headers().firstValue("Location").orElse(null));
        };
    if (Thread.currentThread() == caller || client.onOwnThread()) {
      exchange(guard, handler, sub);
    } else {
      client.execute(() -> exchange(guard, handler, sub));
    }
  }

  /**
   * Runs one exchange with the blocking {@link HttpClient#send}, on the thread that waits for the
   * call anyway (a blocking {@code generate}) or on one of the provider's own threads.
   *
   * <p>Why not {@code sendAsync}: the JDK completes the future of {@code sendAsync} through one
   * more task on {@code CompletableFuture}'s default executor, and on a machine with one or two
   * cores that executor starts a new thread for every task, i.e. one thread per request (which cost
   * more than everything else the client does). {@code send} completes without it. The body
   * subscribers still settle the call themselves on the I/O thread; this thread only waits for the
   * JDK to finish the exchange, and {@link ExchangeGuard#abort()} interrupts it to abort.
   */
  private void exchange(
      ExchangeGuard guard, HttpResponse.BodyHandler<Body> handler, @Nullable StreamSubscriber sub) {
    if (!guard.sending(Thread.currentThread())) {
      return; // aborted before sending: the call is settled already
    }
    @Nullable HttpResponse<Body> resp = null;
    @Nullable Throwable err = null;
    boolean abortedUs;
    try {
      resp = s.httpClient().send(request, handler);
    } catch (IOException e) {
      // send() re-wraps what sendAsync would have failed with in a plain IOException
      err = e.getClass() == IOException.class && e.getCause() != null ? e.getCause() : e;
    } catch (InterruptedException | RuntimeException e) {
      err = e;
    } finally {
      abortedUs = guard.sendReturned();
    }
    if (abortedUs) {
      Thread.interrupted(); // the guard's interrupt, not the caller's: the call is settled already
    }
    guard.responseReceived();
    if (err instanceof InterruptedException && !abortedUs) {
      // the caller of a blocking generate was interrupted (send() has closed the exchange)
      ProviderUnavailableException e =
          new ProviderUnavailableException(
              "Interrupted while waiting for Ollama at "
                  + Redaction.redact(s.baseUrl())
                  + "; the call was aborted and the interrupt flag is set again",
              err);
      callerInterrupted =
          e; // the answer for the caller, even if closing the exchange failed the call first
      fail(e);
      Thread.currentThread().interrupt();
      return;
    }
    onExchange(resp, err, guard, sub);
  }

  private void startIdleTimer() {
    Watchdog.IdleTimer t =
        Watchdog.IdleTimer.start(
            s.idleTimeout(),
            () ->
                client.execute(
                    () ->
                        fail(errors.timeout(Phase.IDLE, s.idleTimeout(), endpoint, model, null))));
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

  /**
   * The end of an exchange: only failures are left to handle here, the subscribers did the rest.
   */
  private void onExchange(
      @Nullable HttpResponse<Body> resp,
      @Nullable Throwable err,
      ExchangeGuard g,
      @Nullable StreamSubscriber sub) {
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
        fail(errors.fromTransport(e, endpoint, model, s.connectTimeout(), s.firstByteTimeout()));
      }
    } else if (Objects.requireNonNull(resp, "send() returned a response").body() == Body.STREAMED) {
      fail(
          errors.incomplete(
              model, sub == null ? 0 : sub.chunks, null)); // the subscriber normally did
    }
  }

  /** A whole body arrived (non-streaming answer, load reply or error status); on the I/O thread. */
  void onWholeBody(
      ExchangeGuard g,
      int status,
      byte[] bytes,
      @Nullable String contentType,
      @Nullable String location) {
    synchronized (this) {
      if (settled.get() || guard != g) {
        return;
      }
    }
    if (status == 200) {
      completeFromObject(bytes, contentType);
      return;
    }
    TaskOptimizerException mapped =
        errors.fromStatus(status, contentType, location, bytes, endpoint, model);
    log.debug("Ollama {} model={} answered HTTP {}", endpoint, model, status);
    if (mapped instanceof ServerBusyException && retries < s.maxRetries()) {
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
    Duration delay = s.backoff().delay(retries);
    log.debug(
        "Ollama {} model={} busy; retry {}/{} in {} ms ({})",
        endpoint,
        model,
        retries,
        s.maxRetries(),
        delay.toMillis(),
        cause.getMessage());
    if (delay.isZero() || delay.isNegative()) {
      client.execute(this::acquireAndSend);
    } else {
      ScheduledFuture<?> t = Watchdog.after(delay, () -> client.execute(this::acquireAndSend));
      synchronized (this) {
        retryTimer = t;
        if (settled.get()) {
          t.cancel(false);
        }
      }
    }
  }

  private void completeFromObject(byte[] bytes, @Nullable String contentType) {
    ResponseDecoder.Answer a;
    try {
      a = decoder.answer(endpoint, model, chat, contentType, bytes, s.limits().maxResponseChars());
    } catch (TaskOptimizerException e) {
      fail(e);
      return;
    }
    if (stream && !a.text().isEmpty()) {
      try {
        listener.onToken(a.text()); // a streaming caller still sees the text, in one piece
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
    }
    succeed(buildResult(a.last(), a.text(), a.thinking(), null));
  }

  GenerationResult buildResult(
      JsonNode last, String text, String thinking, @Nullable Long ttftNanos) {
    return ResponseDecoder.result(
        last, model, text, thinking, ttftNanos, System.nanoTime() - startNanos);
  }

  void succeed(GenerationResult r) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    finished(false);
    if (result.complete(r) && log.isDebugEnabled()) {
      log.debug(
          "Ollama {} model={} done={} promptTokens={} completionTokens={} load={} ttft={} total={} retries={}",
          endpoint,
          model,
          r.doneReason().orElse("?"),
          r.promptTokens(),
          r.completionTokens(),
          r.loadTime().orElse(null),
          r.timeToFirstToken().orElse(null),
          r.totalTime(),
          retries);
      if (s.logResponses()) {
        log.debug("Ollama response of model {}: {}", model, r.text());
      }
    }
  }

  void fail(Throwable e) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    finished(true);
    if (result.completeExceptionally(e) && log.isDebugEnabled()) {
      log.debug("Ollama {} model={} failed: {}", endpoint, model, e.toString());
    }
  }

  /**
   * Releases everything; on failure or cancellation also aborts the exchange (closing the stream)
   * if its response is still arriving. A successful call never touches its exchange: the JDK
   * finishes it and pools the connection.
   */
  private void finished(boolean abort) {
    client.active.remove(this);
    AsyncPermits.Permit p;
    CompletableFuture<AsyncPermits.Permit> w;
    ExchangeGuard g;
    Watchdog.IdleTimer o;
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
      o.stop();
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

  /**
   * Reads a 200 NDJSON stream from the raw body bytes, line by line on the I/O thread, and
   * assembles the answer. Lines are split on the newline byte (never part of a multi-byte UTF-8
   * character) and parsed by Jackson straight from the bytes. Working on the raw bytes, rather than
   * behind the JDK's line adapter, lets the final line mark the response {@linkplain
   * ExchangeGuard#responseReceived() received} before the JDK sees the end of the body and pools
   * the connection.
   */
  private final class StreamSubscriber implements HttpResponse.BodySubscriber<Body> {
    private final GenerationCall call;
    private final ExchangeGuard guard;
    private final long sentAt;
    private final CompletableFuture<Body> body = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    volatile boolean subscribed;

    /**
     * Text chunks so far, written only from {@link #onNext} (whose calls never overlap, as the Flow
     * contract says) and read by other threads for error messages; {@link #tokens} is the writer's
     * own count, so no read-modify-write of the volatile is needed.
     */
    volatile int chunks;

    private int tokens;
    private long expected = -1;
    private long received;
    private byte[] line = new byte[512];
    private int lineLength;
    private @Nullable Long ttft;
    private boolean done;

    StreamSubscriber(GenerationCall call, ExchangeGuard guard, long sentAt) {
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
            if ((long) lineLength + n > s.limits().maxLineBytes()) {
              call.fail(
                  errors.lineTooLong(
                      call.endpoint, s.limits().maxLineBytes())); // closes the stream
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
      if (ResponseDecoder.isBlank(line, length)) {
        return;
      }
      JsonNode n;
      try {
        n = decoder.line(call.endpoint, line, length);
      } catch (TaskOptimizerException e) {
        call.fail(e);
        return;
      }
      String err = ResponseDecoder.errorText(n);
      if (err != null) {
        call.fail(errors.midStreamError(err, call.model, chunks));
        return;
      }
      JsonNode holder = ResponseDecoder.holder(n, call.chat);
      String piece = ResponseDecoder.text(n, call.chat);
      String thought = holder.path("thinking").asText("");
      if (!piece.isEmpty() || !thought.isEmpty() || holder.has("tool_calls")) {
        call.activity(); // progress: a token, not just bytes or empty lines
      }
      if ((long) text.length() + thinking.length() + piece.length() + thought.length()
          > s.limits().maxResponseChars()) {
        call.fail(
            errors.answerTooLarge(call.model, s.limits().maxResponseChars())); // closes the stream
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
        chunks = ++tokens; // single writer: a plain counter published through the volatile
        try {
          call.listener.onToken(piece);
        } catch (RuntimeException e) {
          call.fail(e);
          return;
        }
      }
      if (ResponseDecoder.done(n)) {
        done = true;
        guard.responseReceived(); // Ollama's last line: from here on the connection is the JDK's
        call.succeed(call.buildResult(n, text.toString(), thinking.toString(), ttft));
      }
    }
  }

  /**
   * Collects a whole body (non-streaming answers, error replies). A 200 body over {@link
   * Limits#wholeAnswerBytes()} fails the call (which closes the exchange); of an error body only
   * the first {@link OllamaClient#MAX_ERROR_BODY} bytes are kept.
   */
  private final class WholeBody implements HttpResponse.BodySubscriber<Body> {
    private final GenerationCall call;
    private final ExchangeGuard guard;
    private final int status;
    private final long expected;
    private final @Nullable String contentType;
    private final @Nullable String location;
    private final int cap;
    private final CompletableFuture<Body> body = new CompletableFuture<>();
    private byte[] bytes;
    private int length;
    private long received;
    private boolean overflow;

    WholeBody(
        GenerationCall call,
        ExchangeGuard guard,
        int status,
        long contentLength,
        @Nullable String contentType,
        @Nullable String location) {
      this.call = call;
      this.guard = guard;
      this.status = status;
      this.expected = contentLength;
      this.contentType = contentType;
      this.location = location;
      this.cap = status == 200 ? s.limits().wholeAnswerBytes() : OllamaClient.MAX_ERROR_BODY;
      this.bytes =
          new byte
              [contentLength >= 0 && contentLength <= Math.min(cap, 1 << 20)
                  ? (int) contentLength
                  : 1024];
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
            bytes =
                Arrays.copyOf(
                    bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, length + keep)));
          }
          b.get(bytes, length, keep);
          length += keep;
        }
        b.position(b.limit());
        if (keep < n && !overflow) {
          overflow = true;
          if (status == 200) {
            call.stopIdleTimer();
            call.fail(
                errors.answerTooLarge(
                    call.model, s.limits().maxResponseChars())); // closes the exchange
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
          call.onWholeBody(
              guard,
              status,
              length == bytes.length ? bytes : Arrays.copyOf(bytes, length),
              contentType,
              location);
        }
      } catch (RuntimeException e) {
        call.fail(e); // never leave the call hanging: nothing else will settle it
      } finally {
        body.complete(Body.WHOLE);
      }
    }
  }
}
