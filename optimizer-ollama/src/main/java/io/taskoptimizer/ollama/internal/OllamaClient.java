package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.spi.TokenListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code OllamaProvider}: one shared {@link HttpClient} (HTTP/1.1), generation
 * calls as asynchronous state machines ({@link GenerationCall}: permit, send, stream, retry) whose
 * answers a {@link ResponseDecoder} reads, and blocking metadata calls ({@link MetadataClient}).
 *
 * <p>Time budgets of a generation call:
 *
 * <ul>
 *   <li><b>first byte</b>: {@link java.net.http.HttpRequest#timeout()}, which the JDK applies until
 *       the response headers arrive; Ollama sends them with the first token, so this covers load
 *       and prompt evaluation (and the whole generation when not streaming);
 *   <li><b>idle</b>: an {@link Watchdog.IdleTimer} reset by every stream line that carries a token
 *       (blank lines and bytes of an unfinished line do not count); a body that is not streamed
 *       must arrive whole within it;
 *   <li><b>overall</b> (optional): a timer from the start of the call, including the wait for a
 *       permit and retries.
 * </ul>
 *
 * <p>Retry rule: only 429 and 503 (the server refused the work before doing any) are retried, up to
 * {@code maxRetries} times with jittered exponential backoff. Nothing else is: a timed-out cold
 * load would restart from zero, a stuck stream or a mid-stream error has already delivered tokens
 * to the listener, 5xx load failures repeat, and a refused connection should fail fast so that the
 * optimizer can route to another provider.
 */
public final class OllamaClient implements AutoCloseable {

  static final Logger log = LoggerFactory.getLogger("io.taskoptimizer.ollama.OllamaProvider");

  /**
   * Size limits, so that a hostile or broken server cannot exhaust memory.
   *
   * @param maxResponseChars most characters of generated text (answer plus thinking) per call
   * @param maxLineBytes longest stream line
   * @param maxListingBytes largest metadata body
   */
  public record Limits(int maxResponseChars, int maxLineBytes, int maxListingBytes) {

    /**
     * The cap of a whole (non-streamed) 200 generation body: the text, JSON-escaped, plus metrics.
     */
    int wholeAnswerBytes() {
      return (int) Math.min(1L << 30, 6L * maxResponseChars + maxLineBytes);
    }
  }

  /** How much of an error body is kept for the message; the rest is discarded unread. */
  static final int MAX_ERROR_BODY = 64 * 1024;

  /**
   * Everything the client needs, already validated by the provider's builder; build it with {@link
   * #builder(String, URI)}.
   *
   * @param providerId the provider's id, for log lines
   * @param baseUrl the server, without credentials
   * @param httpClient the shared HTTP client (redirects refused)
   * @param executor the provider's own executor, shut down by {@link OllamaClient#close()}
   * @param mapper reads and writes JSON
   * @param connectTimeout the HTTP client's connect timeout (for messages)
   * @param firstByteTimeout budget until the response headers of a generation
   * @param idleTimeout longest silence of a stream (or wait for a whole body)
   * @param overallTimeout budget of a whole generation call; null for none
   * @param metadataTimeout budget of a whole metadata call
   * @param maxRetries retries of a busy server (429, 503)
   * @param maxConcurrentRequests generation requests in flight at once
   * @param headers sent with every request (copied)
   * @param logRequests log request bodies at DEBUG
   * @param logResponses log generated text at DEBUG
   * @param backoff the delay before a retry
   * @param limits size limits
   */
  public record Settings(
      String providerId,
      URI baseUrl,
      HttpClient httpClient,
      ExecutorService executor,
      ObjectMapper mapper,
      Duration connectTimeout,
      Duration firstByteTimeout,
      Duration idleTimeout,
      @Nullable Duration overallTimeout,
      Duration metadataTimeout,
      int maxRetries,
      int maxConcurrentRequests,
      Map<String, String> headers,
      boolean logRequests,
      boolean logResponses,
      BackoffPolicy backoff,
      Limits limits) {

    /**
     * Copies the headers and checks that nothing required is missing.
     *
     * @param providerId the provider's id; not null
     * @param baseUrl the server, without credentials; not null
     * @param httpClient the shared HTTP client; not null
     * @param executor the provider's own executor; not null
     * @param mapper reads and writes JSON; not null
     * @param connectTimeout the HTTP client's connect timeout; not null
     * @param firstByteTimeout budget until the response headers of a generation; not null
     * @param idleTimeout longest silence of a stream; not null
     * @param overallTimeout budget of a whole generation call, or null for none
     * @param metadataTimeout budget of a whole metadata call; not null
     * @param maxRetries retries of a busy server
     * @param maxConcurrentRequests generation requests in flight at once
     * @param headers sent with every request (copied); not null
     * @param logRequests log request bodies at DEBUG
     * @param logResponses log generated text at DEBUG
     * @param backoff the delay before a retry; not null
     * @param limits size limits; not null
     * @throws NullPointerException if a component other than {@code overallTimeout} is null
     */
    public Settings {
      Objects.requireNonNull(providerId, "providerId");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(httpClient, "httpClient");
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(mapper, "mapper");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      Objects.requireNonNull(metadataTimeout, "metadataTimeout");
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(limits, "limits");
      headers = Map.copyOf(headers);
    }

    /**
     * A builder for the settings of one provider.
     *
     * @param providerId the provider's id
     * @param baseUrl the server, without credentials
     * @return a new builder
     */
    public static Builder builder(String providerId, URI baseUrl) {
      return new Builder(providerId, baseUrl);
    }

    /** Builds {@link Settings}; every value without a default must be set. */
    public static final class Builder {
      private final String providerId;
      private final URI baseUrl;
      private @Nullable HttpClient httpClient;
      private @Nullable ExecutorService executor;
      private @Nullable ObjectMapper mapper;
      private @Nullable Duration connectTimeout;
      private @Nullable Duration firstByteTimeout;
      private @Nullable Duration idleTimeout;
      private @Nullable Duration overallTimeout;
      private @Nullable Duration metadataTimeout;
      private int maxRetries;
      private int maxConcurrentRequests = 1;
      private Map<String, String> headers = Map.of();
      private boolean logRequests;
      private boolean logResponses;
      private @Nullable BackoffPolicy backoff;
      private @Nullable Limits limits;

      private Builder(String providerId, URI baseUrl) {
        this.providerId = providerId;
        this.baseUrl = baseUrl;
      }

      /**
       * Sets the HTTP client and the executor it runs on (shut down by {@link
       * OllamaClient#close()}).
       *
       * @param httpClient the HTTP client
       * @param executor the provider's own executor
       * @return this builder
       */
      public Builder http(HttpClient httpClient, ExecutorService executor) {
        this.httpClient = httpClient;
        this.executor = executor;
        return this;
      }

      /**
       * Sets the JSON mapper.
       *
       * @param mapper reads and writes JSON
       * @return this builder
       */
      public Builder mapper(ObjectMapper mapper) {
        this.mapper = mapper;
        return this;
      }

      /**
       * Sets the time budgets.
       *
       * @param connect the HTTP client's connect timeout
       * @param firstByte budget until the response headers of a generation
       * @param idle longest silence of a stream
       * @param overall budget of a whole generation call, or null for none
       * @param metadata budget of a whole metadata call
       * @return this builder
       */
      public Builder timeouts(
          Duration connect,
          Duration firstByte,
          Duration idle,
          @Nullable Duration overall,
          Duration metadata) {
        this.connectTimeout = connect;
        this.firstByteTimeout = firstByte;
        this.idleTimeout = idle;
        this.overallTimeout = overall;
        this.metadataTimeout = metadata;
        return this;
      }

      /**
       * Sets the retries of a busy server and the delay before each.
       *
       * @param maxRetries how many retries
       * @param backoff the delay before each
       * @return this builder
       */
      public Builder retries(int maxRetries, BackoffPolicy backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        return this;
      }

      /**
       * Sets how many generation requests are in flight at once.
       *
       * @param maxConcurrentRequests the number (default 1)
       * @return this builder
       */
      public Builder maxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
        return this;
      }

      /**
       * Sets the headers sent with every request, replacing earlier ones.
       *
       * @param headers the headers
       * @return this builder
       */
      public Builder headers(Map<String, String> headers) {
        this.headers = headers;
        return this;
      }

      /**
       * Sets whether request bodies and generated text are logged at DEBUG (default: neither).
       *
       * @param requests whether request bodies are logged
       * @param responses whether generated text is logged
       * @return this builder
       */
      public Builder logging(boolean requests, boolean responses) {
        this.logRequests = requests;
        this.logResponses = responses;
        return this;
      }

      /**
       * Sets the size limits.
       *
       * @param limits the limits
       * @return this builder
       */
      public Builder limits(Limits limits) {
        this.limits = limits;
        return this;
      }

      /**
       * Builds the settings.
       *
       * @return the settings
       * @throws NullPointerException if a value without a default was not set
       */
      public Settings build() {
        return new Settings(
            providerId,
            baseUrl,
            Objects.requireNonNull(httpClient, "httpClient"),
            Objects.requireNonNull(executor, "executor"),
            Objects.requireNonNull(mapper, "mapper"),
            Objects.requireNonNull(connectTimeout, "connectTimeout"),
            Objects.requireNonNull(firstByteTimeout, "firstByteTimeout"),
            Objects.requireNonNull(idleTimeout, "idleTimeout"),
            overallTimeout,
            Objects.requireNonNull(metadataTimeout, "metadataTimeout"),
            maxRetries,
            maxConcurrentRequests,
            headers,
            logRequests,
            logResponses,
            Objects.requireNonNull(backoff, "backoff"),
            Objects.requireNonNull(limits, "limits"));
      }
    }
  }

  private final Settings s;
  private final ExceptionMapper errors;
  private final RequestEncoder encoder;
  private final ResponseDecoder decoder;
  private final MetadataClient metadata;
  private final AsyncPermits permits;
  private final URI chatUri;
  private final URI generateUri;

  /** Calls in progress, failed by {@link #close()}. */
  final Set<GenerationCall> active = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  /** Marks the threads running {@link #execute} tasks (the provider's executor is its own). */
  private static final ThreadLocal<Boolean> OWN_THREAD = new ThreadLocal<>();

  /**
   * A client with these settings.
   *
   * @param settings the settings; not null
   */
  public OllamaClient(Settings settings) {
    this.s = Objects.requireNonNull(settings, "settings");
    this.errors = new ExceptionMapper(settings.baseUrl(), settings.mapper());
    this.encoder = new RequestEncoder(settings.mapper());
    this.decoder = new ResponseDecoder(settings.mapper(), errors);
    this.permits = new AsyncPermits(settings.maxConcurrentRequests(), this::execute);
    this.metadata = new MetadataClient(this);
    this.chatUri = join(settings.baseUrl(), "/api/chat");
    this.generateUri = join(settings.baseUrl(), "/api/generate");
  }

  /** {@return the error mapper (for the provider's own parsing failures)} */
  public ExceptionMapper errors() {
    return errors;
  }

  /** {@return the permits that bound concurrent generation requests} */
  public AsyncPermits permits() {
    return permits;
  }

  Settings settings() {
    return s;
  }

  ResponseDecoder decoder() {
    return decoder;
  }

  // ---------------------------------------------------------------- generation

  /**
   * Starts a generation. The returned future completes with the result or a {@link
   * io.taskoptimizer.api.TaskOptimizerException}; cancelling it (or any other exceptional
   * completion, e.g. {@code orTimeout}) aborts the HTTP exchange and closes the stream.
   *
   * @param request the request; it must name a model
   * @param listener receives the text chunks, in order
   * @return the future result
   * @throws InvalidRequestException if the request names no model or cannot be encoded
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<GenerationResult> generate(
      GenerationRequest request, TokenListener listener) {
    return generate(request, listener, false);
  }

  /**
   * Starts a generation for a caller that will wait for it: the first attempt's HTTP exchange runs
   * on the calling thread (when a permit is free at once), so the returned future is usually
   * complete already. Interrupting the thread meanwhile aborts the call with {@link
   * ProviderUnavailableException} and sets the interrupt flag again.
   *
   * @param request the request; it must name a model
   * @param listener receives the text chunks, in order
   * @return the future result
   * @throws InvalidRequestException if the request names no model or cannot be encoded
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<GenerationResult> generateBlocking(
      GenerationRequest request, TokenListener listener) {
    return generate(request, listener, true);
  }

  private CompletableFuture<GenerationResult> generate(
      GenerationRequest request, TokenListener listener, boolean blocking) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    ensureOpen();
    String model =
        request
            .model()
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "The request has no model; a provider needs one: GenerationRequest.builder().model(\"llama3.2\")"));
    String endpoint = RequestEncoder.endpoint(request);
    ObjectNode body = encoder.encode(request, model);
    Duration overall = request.timeout().orElse(s.overallTimeout());
    return new GenerationCall(
            this,
            model,
            endpoint,
            body,
            request.stream(),
            listener,
            overall,
            blocking ? Thread.currentThread() : null)
        .start();
  }

  /**
   * A load-only request; the result has {@code done_reason} {@code load} (or {@code unload}).
   *
   * @param model the model to load
   * @param keepAlive how long to keep it loaded (negative: forever)
   * @param contextSize the context size ({@code num_ctx}), or null for the server's default
   * @return the future result
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<GenerationResult> loadOnly(
      String model, Duration keepAlive, @Nullable Integer contextSize) {
    ensureOpen();
    ObjectNode body = encoder.loadOnly(model, keepAlive, contextSize);
    return new GenerationCall(
            this, model, "/api/generate", body, false, TokenListener.NONE, s.overallTimeout(), null)
        .start();
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("This OllamaProvider is closed; create a new one");
    }
  }

  /**
   * Runs {@code r} on one of the provider's own threads (on this thread once the provider is
   * closed).
   */
  void execute(Runnable r) {
    try {
      s.executor()
          .execute(
              () -> {
                OWN_THREAD.set(Boolean.TRUE);
                r.run();
              });
    } catch (RejectedExecutionException e) {
      r.run(); // closed: finish the hand-over on the calling thread
    }
  }

  /** Whether this thread runs a task of {@link #execute}, so may block in an exchange. */
  boolean onOwnThread() {
    return Boolean.TRUE.equals(OWN_THREAD.get());
  }

  // ---------------------------------------------------------------- metadata

  /**
   * GET a JSON object, blocking; bounded by the metadata timeout.
   *
   * @param path the path below the base URL, e.g. {@code /api/tags}
   * @return the JSON object
   */
  public JsonNode getJson(String path) {
    return metadata.getJson(path);
  }

  /**
   * POST a JSON object and read a JSON object, blocking; bounded by the metadata timeout.
   *
   * @param path the path below the base URL, e.g. {@code /api/show}
   * @param body the request body
   * @param model the model the request is about, named in a 404's exception
   * @return the JSON object
   */
  public JsonNode postJson(String path, ObjectNode body, String model) {
    return metadata.postJson(path, body, model);
  }

  /**
   * GET a text body, blocking; bounded by the metadata timeout.
   *
   * @param path the path below the base URL, e.g. {@code /}
   * @return the body text
   */
  public String getText(String path) {
    return metadata.getText(path);
  }

  URI resolve(String path) {
    if (path.equals("/api/chat")) {
      return chatUri; // the generation endpoints, resolved once rather than parsed on every call
    }
    if (path.equals("/api/generate")) {
      return generateUri;
    }
    return join(s.baseUrl(), path);
  }

  private static URI join(URI baseUrl, String path) {
    String base = baseUrl.toString();
    return URI.create(
        base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
  }

  /** {@return the number of calls in progress (for tests and diagnostics)} */
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
    for (GenerationCall c : active) {
      c.fail(
          new ProviderUnavailableException(
              "The OllamaProvider for "
                  + Redaction.redact(s.baseUrl())
                  + " was closed while this call was in progress"));
    }
    s.executor().shutdown();
  }
}
