package io.taskoptimizer.ollama;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.ollama.internal.BackoffPolicy;
import io.taskoptimizer.ollama.internal.LogSupport;
import io.taskoptimizer.ollama.internal.OllamaClient;
import io.taskoptimizer.ollama.internal.OllamaHost;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.TokenListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Ollama {@link ModelProvider}: lists the models of an Ollama server and runs generations on it
 * through its REST API ({@code /api/chat} for messages, {@code /api/generate} for a prompt),
 * streaming by default and assembling the answer client-side.
 *
 * <pre>{@code
 * try (OllamaProvider ollama = OllamaProvider.builder()
 *     .baseUrl(URI.create("http://127.0.0.1:11434"))
 *     .firstByteTimeout(Duration.ofMinutes(5))
 *     .build()) {
 *   GenerationResult r = ollama.generate(GenerationRequest.builder()
 *       .model("llama3.2").user("Say hi").build());
 * }
 * }</pre>
 *
 * <p><b>Timeouts.</b> Ollama sends no status line until a cold model has loaded and the first token
 * exists, so three budgets apply: {@code connectTimeout} to open the connection, {@code
 * firstByteTimeout} (generous) until the response starts, and {@code idleTimeout} between two
 * stream lines that carry a token (blank lines and partial lines are not progress). A long
 * generation is therefore bounded by the idle timeout, not by a whole-request timeout. An optional
 * overall {@code timeout} (or the request's own) bounds the whole call, stream included. A
 * non-streaming request gets nothing until the end, so its whole generation must fit in {@code
 * firstByteTimeout}. Each maps to {@code ProviderTimeoutException} with its phase.
 *
 * <p><b>Limits and safety.</b> Answers are read incrementally and capped ({@code maxResponseChars},
 * {@code maxLineBytes}, {@code maxListingBytes}; exceeding one throws {@code
 * ResponseTooLargeException}). Redirects are never followed (a 3xx throws {@code
 * MalformedResponseException}), so credentials and prompts never go to another address. Credentials
 * in the base URL are sent as HTTP Basic authentication and never shown.
 *
 * <p><b>Retries.</b> Only HTTP 429 and 503 are retried, up to {@code maxRetries} times with
 * jittered exponential backoff (the server refused the work before starting it). A first-byte
 * timeout is never retried: Ollama abandons a load when the client disconnects, so a retry would
 * restart a cold load from zero; warm the model up ({@link #warmUp}) or raise the timeout instead.
 *
 * <p><b>Missing models.</b> A 404 throws {@code ModelNotFoundException}. This provider keeps no
 * model cache: {@link #listModels()} always asks the server, so a model that disappeared is gone
 * from the next listing; callers that cache listings (the optimizer does) should drop the model
 * when they see that exception.
 *
 * <p>Thread-safe; share one instance per server. At most {@code maxConcurrentRequests} generation
 * requests are in flight at once (fair, first come first served); metadata requests are not
 * limited, so availability checks never wait behind long generations.
 */
public final class OllamaProvider implements ModelProvider {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String id;
  private final URI baseUrl;
  private final OllamaClient client;

  private OllamaProvider(Builder b) {
    this.id = b.id;
    URI configured =
        b.baseUrl != null
            ? b.baseUrl
            : OllamaHost.fromSetting(ProviderSettings.fromEnvironment().get("OLLAMA_HOST"));
    // credentials in the URL become HTTP Basic authentication; the URL itself is never shown with
    // them
    this.baseUrl = OllamaHost.withoutUserInfo(configured);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "User-Agent",
        "task-optimizer-ollama/"
            + version(OllamaProvider.class)
            + " (Java "
            + Runtime.version().feature()
            + ")");
    headers.putAll(b.headers);
    if (configured.getRawUserInfo() != null) {
      if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))) {
        String message =
            "The Ollama URL "
                + Redaction.redact(configured)
                + " carries credentials and an "
                + "Authorization header is set as well; use one of them (remove 'user:password@' from the URL, "
                + "or the header / OLLAMA_API_KEY)";
        throw b.baseUrl != null
            ? new IllegalStateException(message)
            : new ConfigurationException(message);
      }
      headers.put("Authorization", basic(configured.getUserInfo()));
    }
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t =
                  new Thread(r, "taskopt-ollama-" + instance + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Never follow redirects: the JDK would resend the Authorization header, the custom headers and
    // the prompt to wherever the Location points. A 3xx fails with a message instead.
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    ObjectMapper mapper =
        b.objectMapper != null
            ? b.objectMapper
            : new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.client =
        new OllamaClient(
            OllamaClient.Settings.builder(id, baseUrl)
                .http(http, executor)
                .mapper(mapper)
                .timeouts(
                    b.connectTimeout,
                    b.firstByteTimeout,
                    b.idleTimeout,
                    b.timeout,
                    b.metadataTimeout)
                .retries(b.maxRetries, b.backoff)
                .maxConcurrentRequests(b.maxConcurrentRequests)
                .headers(headers)
                .logging(b.logRequests, b.logResponses)
                .limits(
                    new OllamaClient.Limits(b.maxResponseChars, b.maxLineBytes, b.maxListingBytes))
                .build());
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  /** {@return a new builder, with the defaults listed on its methods} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the provider id, {@code ollama} unless set otherwise} */
  @Override
  public String id() {
    return id;
  }

  /**
   * {@return the server this provider talks to, without any credentials the configured URL carried}
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * The models from {@code GET /api/tags}, newest first, with size, digest, family, parameter size,
   * quantization and capabilities. Names are reported with their tag (e.g. {@code
   * llama3.2:latest}); compare them with {@link ModelNames#sameModel}.
   *
   * @throws TaskOptimizerException e.g. {@code ProviderUnavailableException} if the server is down
   */
  @Override
  public List<ModelDescriptor> listModels() {
    JsonNode tags = client.getJson("/api/tags");
    List<ModelDescriptor> out = new ArrayList<>();
    for (JsonNode m : iterable(tags.path("models"))) {
      String name = m.path("name").asText(m.path("model").asText(""));
      if (name.isBlank()) {
        continue;
      }
      ModelDescriptor.Builder d = ModelDescriptor.builder(ModelNames.normalize(name), id);
      if (m.path("size").canConvertToLong() && m.path("size").asLong() >= 0) {
        d.sizeBytes(m.path("size").asLong());
      }
      text(m.path("digest")).ifPresent(d::digest);
      JsonNode details = m.path("details");
      text(details.path("parameter_size")).ifPresent(d::parameterSize);
      text(details.path("quantization_level")).ifPresent(d::quantization);
      text(details.path("family")).ifPresent(d::family);
      List<String> caps = new ArrayList<>();
      for (JsonNode c : iterable(m.path("capabilities"))) {
        if (c.isTextual()) {
          caps.add(c.asText());
        }
      }
      d.capabilities(caps);
      out.add(d.build());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The models Ollama has loaded now ({@code GET /api/ps}), latest expiry first.
   *
   * @return the loaded models (unmodifiable), empty if none is loaded
   * @throws TaskOptimizerException if the server cannot be asked
   */
  public List<RunningModel> runningModels() {
    JsonNode ps = client.getJson("/api/ps");
    List<RunningModel> out = new ArrayList<>();
    for (JsonNode m : iterable(ps.path("models"))) {
      String name = m.path("name").asText(m.path("model").asText(""));
      if (name.isBlank()) {
        continue;
      }
      Optional<OffsetDateTime> expires =
          text(m.path("expires_at")).flatMap(OllamaProvider::parseTime);
      OptionalInt ctx =
          m.path("context_length").isIntegralNumber()
              ? OptionalInt.of(m.path("context_length").asInt())
              : OptionalInt.empty();
      out.add(
          new RunningModel(
              name,
              m.path("size").asLong(0),
              m.path("size_vram").asLong(0),
              text(m.path("digest")),
              expires,
              ctx));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The context length the model was trained for, from {@code POST /api/show} ({@code
   * model_info["<architecture>.context_length"]}); empty if the server does not say.
   *
   * @param model the model name
   * @return the trained context length, or empty if the server does not say
   * @throws io.taskoptimizer.api.ModelNotFoundException if the server does not have the model
   */
  public OptionalInt contextLength(String model) {
    Objects.requireNonNull(model, "model");
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", model);
    JsonNode show = client.postJson("/api/show", body, model);
    JsonNode info = show.path("model_info");
    String arch = info.path("general.architecture").asText("");
    JsonNode direct = info.path(arch + ".context_length");
    if (!arch.isEmpty() && direct.canConvertToInt()) {
      return OptionalInt.of(direct.asInt());
    }
    for (Map.Entry<String, JsonNode> f : info.properties()) {
      if (f.getKey().endsWith(".context_length") && f.getValue().canConvertToInt()) {
        return OptionalInt.of(f.getValue().asInt());
      }
    }
    JsonNode fromDetails = show.path("details").path("context_length");
    return fromDetails.canConvertToInt()
        ? OptionalInt.of(fromDetails.asInt())
        : OptionalInt.empty();
  }

  /**
   * The server's version from {@code GET /api/version}, e.g. {@code 0.12.6}. One blocking HTTP
   * call; never throws.
   *
   * @return the server's version, or empty when the server cannot be asked or does not say
   */
  @Override
  public Optional<String> serverVersion() {
    try {
      JsonNode v = client.getJson("/api/version");
      return text(v.path("version"));
    } catch (TaskOptimizerException e) {
      return Optional.empty();
    }
  }

  /** {@return whether an Ollama server answers {@code GET /} at the base URL} Never throws. */
  public boolean ping() {
    try {
      return client.getText("/").startsWith("Ollama is running");
    } catch (TaskOptimizerException e) {
      return false;
    }
  }

  /**
   * Runs a generation and waits for it; see {@link #generateAsync(GenerationRequest,
   * TokenListener)}. The waiting thread runs the HTTP exchange itself when a permit is free, rather
   * than handing it to another thread. If the waiting thread is interrupted the call is aborted,
   * the interrupt flag is set again and a {@link ProviderUnavailableException} is thrown.
   */
  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    CompletableFuture<GenerationResult> f = client.generateBlocking(request, listener);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException(
          "Interrupted while waiting for Ollama at "
              + Redaction.redact(baseUrl)
              + "; the call was aborted and the interrupt flag is set again",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ProviderUnavailableException(
          "Ollama call failed: " + cause, Objects.requireNonNullElse(cause, e));
    }
  }

  /**
   * Starts a generation without blocking the caller: a call waiting for a permit holds no thread,
   * and while its request is in flight one of the provider's own threads waits for the JDK to
   * finish the exchange (so at most {@code maxConcurrentRequests} of them wait, however many calls
   * are queued). Text chunks go to {@code listener} on an I/O thread, in order; the result carries
   * every metric of the final chunk (converted from nanoseconds), the client-measured time to first
   * token (from sending the request to the first non-empty content chunk; streaming only) and the
   * client-measured total time (from this call, including waiting for a permit and retries).
   *
   * <p>Cancelling the returned future, or any other exceptional completion of it (e.g. {@code
   * orTimeout}), aborts the HTTP exchange and closes the stream, so Ollama stops generating.
   *
   * @throws io.taskoptimizer.api.InvalidRequestException (immediately) if the request has no model
   *     or an invalid JSON schema
   */
  @Override
  public CompletableFuture<GenerationResult> generateAsync(
      GenerationRequest request, TokenListener listener) {
    return client.generate(request, listener);
  }

  /**
   * Loads a model without generating (an empty {@code /api/generate} request) and keeps it loaded
   * for {@code keepAlive} (negative: until the server stops). Returns the load time Ollama reports,
   * or, since current servers omit metrics on load-only replies, the client-measured time of the
   * request (which is the load time plus one round trip). Bounded by {@code firstByteTimeout}.
   */
  @Override
  public Optional<Duration> warmUp(String model, Duration keepAlive) {
    return warmUp(model, keepAlive, OptionalInt.empty());
  }

  /**
   * Loads a model with a context size. Send the same {@code num_ctx} with later requests: Ollama
   * reloads a model whose context size changes.
   *
   * @param model the model to load
   * @param keepAlive how long to keep it loaded (negative: until the server stops)
   * @param contextSize the context size ({@code num_ctx}) to load it with, or empty for the
   *     server's default
   * @return the load time, as in {@link #warmUp(String, Duration)}
   */
  public Optional<Duration> warmUp(String model, Duration keepAlive, OptionalInt contextSize) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(contextSize, "contextSize");
    GenerationResult r =
        await(
            client.loadOnly(
                model, keepAlive, contextSize.isPresent() ? contextSize.getAsInt() : null));
    return Optional.of(r.loadTime().orElse(r.totalTime()));
  }

  /**
   * Asks Ollama to unload a model now ({@code keep_alive} 0).
   *
   * @param model the model to unload
   */
  public void unload(String model) {
    Objects.requireNonNull(model, "model");
    await(client.loadOnly(model, Duration.ZERO, null));
  }

  private GenerationResult await(CompletableFuture<GenerationResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException(
          "Interrupted while waiting for Ollama at " + Redaction.redact(baseUrl), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new ProviderUnavailableException(
          "Ollama call failed: " + e.getCause(), Objects.requireNonNullElse(e.getCause(), e));
    }
  }

  /** Requests waiting for one of the {@code maxConcurrentRequests} permits (for tests). */
  int queuedRequests() {
    return client.permits().queued();
  }

  /** Generation requests holding a permit (for tests). */
  int requestsInFlight() {
    return client.permits().inUse();
  }

  /**
   * Aborts calls in progress (they fail with {@code ProviderUnavailableException}) and shuts down
   * the provider's own threads. A caller-supplied {@link HttpClient} is not closed. Idempotent.
   */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "OllamaProvider[id=" + id + ", baseUrl=" + Redaction.redact(baseUrl) + "]";
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array.isArray() ? array : List.of();
  }

  private static Optional<String> text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
  }

  private static Optional<OffsetDateTime> parseTime(String s) {
    try {
      return Optional.of(OffsetDateTime.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String version(Class<?> c) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Builds {@link OllamaProvider}s. Every setter validates its argument at once and says what was
   * wrong; {@link #build()} may be called more than once.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private String id = "ollama";
    private @Nullable URI baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration firstByteTimeout = Duration.ofMinutes(5);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private @Nullable Duration timeout;
    private Duration metadataTimeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private int maxConcurrentRequests = 4;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean logRequests;
    private boolean logResponses;
    private @Nullable HttpClient httpClient;
    private @Nullable ObjectMapper objectMapper;
    private BackoffPolicy backoff = BackoffPolicy.exponentialWithJitter();
    private int maxResponseChars = 8 << 20;
    private int maxLineBytes = 1 << 20;
    private int maxListingBytes = 16 << 20;

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
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "Invalid provider id '"
                + id
                + "': use 1-64 lowercase letters, digits, '.', '_' or '-' (for example 'ollama-gpu')");
      }
      if (id.startsWith("optimizer-")) {
        throw new IllegalArgumentException(
            "Provider ids starting with 'optimizer-' are reserved: " + id);
      }
      this.id = id;
      return this;
    }

    /**
     * The server URL, e.g. {@code http://127.0.0.1:11434} (a path prefix is kept, for servers
     * behind a proxy). Default: {@code OLLAMA_HOST} (system property, then environment variable) in
     * any form Ollama accepts, else {@code http://127.0.0.1:11434}.
     *
     * <p>Credentials in the URL ({@code http://user:password@host:11434}) are sent as HTTP Basic
     * authentication ({@code Authorization: Basic ...}) and removed from the URL; they never appear
     * in {@link OllamaProvider#baseUrl()}, {@code toString()}, messages or logs. Redirects are
     * never followed (a 3xx answer fails with {@code MalformedResponseException}), so set the final
     * address.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL with a host, without query or
     *     fragment
     * @return this builder
     * @throws IllegalArgumentException if the URL is not of that form
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme =
          baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute http(s) URL with a host, "
                + "e.g. http://127.0.0.1:11434: "
                + Redaction.redact(baseUrl));
      }
      if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not have a query or fragment: " + Redaction.redact(baseUrl));
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Time to open a connection (default 10 s). Ignored when an {@link #httpClient} is supplied.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Time until the response starts (default 5 minutes): covers loading a cold model and
     * evaluating the prompt, because Ollama sends no header before the first token; for a
     * non-streaming request it covers the whole generation.
     *
     * @param firstByteTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder firstByteTimeout(Duration firstByteTimeout) {
      this.firstByteTimeout = Checks.requirePositive(firstByteTimeout, "firstByteTimeout");
      return this;
    }

    /**
     * Longest time without progress (default 60 s): between two stream lines that carry a token
     * (text, thinking or tool calls), so blank lines or a line trickling in byte by byte do not
     * count; and for an answer that is not streamed, from its headers to its last byte.
     *
     * @param idleTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Checks.requirePositive(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Overall budget of a generation call, including waiting for a permit, retries and the whole
     * stream (default: none; an endless stream is still ended by {@link #maxResponseChars}). A
     * request's own {@link GenerationRequest#timeout()} takes precedence. Exceeding it fails the
     * call with {@code ProviderTimeoutException} (phase {@code OVERALL}) and closes the stream.
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
     * Budget of metadata requests, tags, ps, show, version, ping (default 30 s), from sending the
     * request to the last byte of the answer.
     *
     * @param metadataTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder metadataTimeout(Duration metadataTimeout) {
      this.metadataTimeout = Checks.requirePositive(metadataTimeout, "metadataTimeout");
      return this;
    }

    /**
     * Sets the retries of a generation answered with 429 or 503.
     *
     * @param maxRetries 0..10 (default 2)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be 0..10: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Generation requests in flight at once towards this server, 1..1024 (default 4). Further calls
     * wait in a fair queue. Ollama itself serves {@code OLLAMA_NUM_PARALLEL} (default 1) requests
     * per model and queues up to 512 more; 4 lets calls to different models run side by side while
     * bounding open connections.
     *
     * @param maxConcurrentRequests 1..1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests < 1 || maxConcurrentRequests > 1024) {
        throw new IllegalArgumentException(
            "maxConcurrentRequests must be 1..1024: " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * An extra header sent with every request, e.g. {@code Authorization: Bearer ...} for an
     * authenticating proxy. Values of {@code Authorization} and of headers whose name contains key,
     * token or secret are never logged.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     * @throws IllegalArgumentException if the name or value is not allowed in an HTTP header
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      try {
        HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
      } catch (IllegalArgumentException e) {
        if (LogSupport.isSecretHeader(
            name)) { // the JDK's message and cause would show the secret value
          throw new IllegalArgumentException(
              "Header '"
                  + name
                  + "' cannot be set: its name or value contains "
                  + "characters not allowed in an HTTP header (a newline or control character?)");
        }
        throw new IllegalArgumentException(
            "Header '" + name + "' cannot be set: " + e.getMessage() + " (value '" + value + "')",
            e);
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Sets whether request bodies (prompts) are logged at DEBUG.
     *
     * @param logRequests whether to log them (default false)
     * @return this builder
     */
    public Builder logRequests(boolean logRequests) {
      this.logRequests = logRequests;
      return this;
    }

    /**
     * Sets whether generated text is logged at DEBUG.
     *
     * @param logResponses whether to log it (default false)
     * @return this builder
     */
    public Builder logResponses(boolean logResponses) {
      this.logResponses = logResponses;
      return this;
    }

    /**
     * The HTTP client to use instead of the provider's own (which is HTTP/1.1 with {@link
     * #connectTimeout}). Requests are sent as HTTP/1.1 regardless. Not closed by the provider.
     *
     * @param httpClient a client that never follows redirects
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects: it would send the
     *     credentials and the prompt to wherever a redirect points
     */
    public Builder httpClient(HttpClient httpClient) {
      Objects.requireNonNull(httpClient, "httpClient");
      if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalArgumentException(
            "The httpClient follows redirects ("
                + httpClient.followRedirects()
                + "), which would send the Authorization header and the prompt to another address; build it with "
                + "followRedirects(HttpClient.Redirect.NEVER)");
      }
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Most characters of generated text (answer plus thinking) one call may return, 1..2^30
     * (default 8 MiB = 8388608). A longer answer fails with {@code ResponseTooLargeException} and
     * the stream is closed, so an endless or huge answer cannot exhaust memory.
     *
     * @param maxResponseChars 1..2^30
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxResponseChars(int maxResponseChars) {
      this.maxResponseChars = limit(maxResponseChars, "maxResponseChars");
      return this;
    }

    /**
     * Longest line of a streamed answer in bytes, 1..2^30 (default 1 MiB = 1048576); a longer line
     * fails with {@code ResponseTooLargeException} before it is buffered whole.
     *
     * @param maxLineBytes 1..2^30
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxLineBytes(int maxLineBytes) {
      this.maxLineBytes = limit(maxLineBytes, "maxLineBytes");
      return this;
    }

    /**
     * Largest body of a metadata answer ({@code /api/tags}, {@code /api/ps}, {@code /api/show},
     * {@code /api/version}) in bytes, 1..2^30 (default 16 MiB = 16777216); a larger one fails with
     * {@code ResponseTooLargeException} and reading stops.
     *
     * @param maxListingBytes 1..2^30
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxListingBytes(int maxListingBytes) {
      this.maxListingBytes = limit(maxListingBytes, "maxListingBytes");
      return this;
    }

    /**
     * Sets the Jackson mapper for request and response JSON.
     *
     * @param objectMapper the mapper (default: a plain mapper)
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** Replaces the retry backoff (tests use a zero delay so they never wait). */
    Builder backoff(BackoffPolicy backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Builds the provider. Does not contact the server.
     *
     * @return the new provider
     * @throws io.taskoptimizer.api.ConfigurationException if no baseUrl was set and OLLAMA_HOST is
     *     invalid
     */
    public OllamaProvider build() {
      return new OllamaProvider(this);
    }

    private static int limit(int value, String what) {
      if (value < 1 || value > 1 << 30) {
        throw new IllegalArgumentException(what + " must be 1.." + (1 << 30) + ": " + value);
      }
      return value;
    }
  }
}
