package io.taskoptimizer.testserver;

import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.api.internal.Hashing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A model served by {@link OllamaTestServer}: what it reports in {@code /api/tags} and {@code
 * /api/show}, how it answers (a responder function), how fast (a latency profile), how it is
 * scheduled (parallel slots, queue limit, keep-alive) and how it fails (an optional {@link Fault}).
 * Immutable; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * ScriptedModel gemma = ScriptedModel.builder("gemma3:1b")
 *     .responder(req -> req.lastUserMessage().orElse("").toUpperCase())
 *     .coldLoad(Duration.ofMillis(40))        // first call after start or expiry
 *     .timeToFirstToken(Duration.ofMillis(5)) // prompt evaluation
 *     .tokensPerSecond(400)
 *     .build();
 * }</pre>
 *
 * <p>Latencies are real (the server sleeps), so tests should use small ones (milliseconds to tens
 * of milliseconds) and assert lower bounds or generous upper bounds only.
 *
 * <p>Immutable and thread-safe. The server calls its responder functions on its own threads, at the
 * same time when the model has several parallel slots, so they must be thread-safe too.
 */
public final class ScriptedModel {

  private final String name;
  private final String digest;
  private final long sizeBytes;
  private final String family;
  private final String parameterSize;
  private final String quantization;
  private final List<String> capabilities;
  private final int contextLength;
  private final Instant modifiedAt;
  private final Function<RecordedRequest, String> responder;
  private final @Nullable Function<RecordedRequest, String> thinkingResponder;
  private final Duration coldLoad;
  private final Duration timeToFirstToken;
  private final double tokensPerSecond;
  private final Duration keepAlive;
  private final int parallel;
  private final int maxQueue;
  private final @Nullable Fault fault;

  private ScriptedModel(Builder b) {
    this.name = b.name;
    this.digest = b.digest != null ? b.digest : Hashing.sha256Hex(b.name);
    this.sizeBytes = b.sizeBytes;
    this.family = b.family;
    this.parameterSize = b.parameterSize;
    this.quantization = b.quantization;
    this.capabilities = List.copyOf(b.capabilities);
    this.contextLength = b.contextLength;
    this.modifiedAt = b.modifiedAt != null ? b.modifiedAt : Instant.now();
    this.responder = b.responder;
    this.thinkingResponder = b.thinkingResponder;
    this.coldLoad = b.coldLoad;
    this.timeToFirstToken = b.timeToFirstToken;
    this.tokensPerSecond = b.tokensPerSecond;
    this.keepAlive = b.keepAlive;
    this.parallel = b.parallel;
    this.maxQueue = b.maxQueue;
    this.fault = b.fault;
  }

  /**
   * Starts a builder. A name without a tag gets {@code :latest}, as Ollama reports it.
   *
   * @param name e.g. {@code llama3.2} or {@code qwen2.5:7b}; not null
   * @return a builder with the default values
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A model that always answers {@code reply}, instantly, with default metadata.
   *
   * @param name e.g. {@code llama3.2} or {@code qwen2.5:7b}; not null
   * @param reply the answer to every request; not null
   * @return the model
   */
  public static ScriptedModel of(String name, String reply) {
    return builder(name).reply(reply).build();
  }

  /** {@return a builder holding this model's values, to derive a variant} */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.digest = digest;
    b.sizeBytes = sizeBytes;
    b.family = family;
    b.parameterSize = parameterSize;
    b.quantization = quantization;
    b.capabilities = capabilities;
    b.contextLength = contextLength;
    b.modifiedAt = modifiedAt;
    b.responder = responder;
    b.thinkingResponder = thinkingResponder;
    b.coldLoad = coldLoad;
    b.timeToFirstToken = timeToFirstToken;
    b.tokensPerSecond = tokensPerSecond;
    b.keepAlive = keepAlive;
    b.parallel = parallel;
    b.maxQueue = maxQueue;
    b.fault = fault;
    return b;
  }

  /** {@return the tagged name, e.g. {@code llama3.2:latest}} */
  public String name() {
    return name;
  }

  /** {@return the 64-hex sha256 digest reported in {@code /api/tags}} */
  public String digest() {
    return digest;
  }

  /** {@return the size on disk in bytes} */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** {@return the model family (also used as the architecture in {@code /api/show})} */
  public String family() {
    return family;
  }

  /** {@return the parameter size as reported, e.g. {@code 3.2B}} */
  public String parameterSize() {
    return parameterSize;
  }

  /** {@return the quantization level, e.g. {@code Q4_K_M}} */
  public String quantization() {
    return quantization;
  }

  /**
   * {@return the capabilities, e.g. {@code completion}, {@code thinking}, {@code tools};
   * unmodifiable}
   */
  public List<String> capabilities() {
    return capabilities;
  }

  /**
   * Whether the model has a capability.
   *
   * @param capability e.g. {@code thinking}
   * @return whether {@link #capabilities()} contains it
   */
  public boolean hasCapability(String capability) {
    return capabilities.contains(capability);
  }

  /**
   * {@return the trained context length, reported as {@code <family>.context_length} by {@code
   * /api/show}}
   */
  public int contextLength() {
    return contextLength;
  }

  /** {@return when the model was last modified, for {@code /api/tags} ordering} */
  public Instant modifiedAt() {
    return modifiedAt;
  }

  /** {@return the function that produces the answer text for a request} */
  public Function<RecordedRequest, String> responder() {
    return responder;
  }

  /**
   * {@return the function that produces the thinking text; empty for a model that does not think}
   */
  public Optional<Function<RecordedRequest, String>> thinkingResponder() {
    return Optional.ofNullable(thinkingResponder);
  }

  /**
   * {@return the extra delay of a request that finds the model unloaded (reported as {@code
   * load_duration})}
   */
  public Duration coldLoad() {
    return coldLoad;
  }

  /**
   * {@return the delay between getting a slot and the first token (reported as {@code
   * prompt_eval_duration})}
   */
  public Duration timeToFirstToken() {
    return timeToFirstToken;
  }

  /** {@return the generation speed in tokens per second; {@code 0} sends every token at once} */
  public double tokensPerSecond() {
    return tokensPerSecond;
  }

  /** {@return the keep-alive used when a request sends none} */
  public Duration keepAlive() {
    return keepAlive;
  }

  /**
   * {@return how many requests are served at once (Ollama's {@code OLLAMA_NUM_PARALLEL}); others
   * wait for a slot}
   */
  public int parallel() {
    return parallel;
  }

  /**
   * {@return how many requests may wait for this model's load besides the one loading it; more get
   * 503}
   */
  public int maxQueue() {
    return maxQueue;
  }

  /** {@return the fault injected into every generation request; empty if none} */
  public Optional<Fault> fault() {
    return Optional.ofNullable(fault);
  }

  @Override
  public String toString() {
    return "ScriptedModel[" + name + "]";
  }

  /**
   * Builds {@link ScriptedModel}s. Setters validate their argument at once.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final String name;
    private @Nullable String digest;
    private long sizeBytes = 2_019_393_189L;
    private String family = "llama";
    private String parameterSize = "3.2B";
    private String quantization = "Q4_K_M";
    private List<String> capabilities = List.of("completion");
    private int contextLength = 131_072;
    private @Nullable Instant modifiedAt;
    private Function<RecordedRequest, String> responder;
    private @Nullable Function<RecordedRequest, String> thinkingResponder;
    private Duration coldLoad = Duration.ZERO;
    private Duration timeToFirstToken = Duration.ZERO;
    private double tokensPerSecond;
    private Duration keepAlive = Duration.ofMinutes(5);
    private int parallel = 1;
    private int maxQueue = 512;
    private @Nullable Fault fault;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      this.name = ModelNames.normalize(name);
      String shown = this.name;
      this.responder = req -> "This is " + shown + " answering.";
    }

    /**
     * The digest reported in {@code /api/tags}; defaults to the sha256 of the name.
     *
     * @param digest 64 lower-case hex characters
     * @return this builder
     * @throws IllegalArgumentException if {@code digest} is not 64 lower-case hex characters
     */
    public Builder digest(String digest) {
      Objects.requireNonNull(digest, "digest");
      if (!digest.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("digest must be 64 lowercase hex characters: " + digest);
      }
      this.digest = digest;
      return this;
    }

    /**
     * Size on disk in bytes (default about 2 GB).
     *
     * @param sizeBytes the size; not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code sizeBytes} is negative
     */
    public Builder sizeBytes(long sizeBytes) {
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
      }
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * Model family and architecture (default {@code llama}).
     *
     * @param family the family; not null or blank
     * @return this builder
     * @throws IllegalArgumentException if {@code family} is blank
     */
    public Builder family(String family) {
      this.family = requireText(family, "family");
      return this;
    }

    /**
     * Parameter size as reported (default {@code 3.2B}).
     *
     * @param parameterSize the size, e.g. {@code 7B}; not null or blank
     * @return this builder
     * @throws IllegalArgumentException if {@code parameterSize} is blank
     */
    public Builder parameterSize(String parameterSize) {
      this.parameterSize = requireText(parameterSize, "parameterSize");
      return this;
    }

    /**
     * Quantization level (default {@code Q4_K_M}).
     *
     * @param quantization the level, e.g. {@code Q8_0}; not null or blank
     * @return this builder
     * @throws IllegalArgumentException if {@code quantization} is blank
     */
    public Builder quantization(String quantization) {
      this.quantization = requireText(quantization, "quantization");
      return this;
    }

    /**
     * Capabilities (default {@code completion}). Add {@code thinking} to accept {@code think}
     * requests, which the server otherwise rejects with 400 as Ollama does.
     *
     * @param capabilities the capabilities, replacing the previous ones; none null
     * @return this builder
     */
    public Builder capabilities(String... capabilities) {
      this.capabilities = List.of(capabilities);
      return this;
    }

    /**
     * Trained context length reported by {@code /api/show} (default 131072).
     *
     * @param contextLength the length in tokens; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code contextLength} is not positive
     */
    public Builder contextLength(int contextLength) {
      if (contextLength <= 0) {
        throw new IllegalArgumentException("contextLength must be positive: " + contextLength);
      }
      this.contextLength = contextLength;
      return this;
    }

    /**
     * Modification time reported by {@code /api/tags} (default: when the model is built).
     *
     * @param modifiedAt the time; not null
     * @return this builder
     */
    public Builder modifiedAt(Instant modifiedAt) {
      this.modifiedAt = Objects.requireNonNull(modifiedAt, "modifiedAt");
      return this;
    }

    /**
     * Always answers this text (replaces the responder).
     *
     * @param reply the answer to every request; not null
     * @return this builder
     */
    public Builder reply(String reply) {
      Objects.requireNonNull(reply, "reply");
      this.responder = req -> reply;
      return this;
    }

    /**
     * Computes the answer from the request. Called on a server thread once the request holds a
     * slot, so it may block (for example on a latch) to hold the request in flight. An exception
     * becomes HTTP 500 with the exception message.
     *
     * @param responder the function; not null, and thread-safe when the model has several slots
     * @return this builder
     */
    public Builder responder(Function<RecordedRequest, String> responder) {
      this.responder = Objects.requireNonNull(responder, "responder");
      return this;
    }

    /**
     * Computes thinking text, streamed before the answer in {@code thinking} fields when the
     * request asks for thinking (or leaves {@code think} unset); also adds the {@code thinking}
     * capability.
     *
     * @param thinkingResponder the function; not null, and thread-safe when the model has several
     *     slots
     * @return this builder
     */
    public Builder thinking(Function<RecordedRequest, String> thinkingResponder) {
      this.thinkingResponder = Objects.requireNonNull(thinkingResponder, "thinkingResponder");
      return this;
    }

    /**
     * Extra delay of a request that finds the model unloaded (default 0).
     *
     * @param coldLoad the delay; not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code coldLoad} is negative
     */
    public Builder coldLoad(Duration coldLoad) {
      this.coldLoad = Checks.requireNonNegative(coldLoad, "coldLoad");
      return this;
    }

    /**
     * Delay from getting a slot to the first token (default 0).
     *
     * @param timeToFirstToken the delay; not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code timeToFirstToken} is negative
     */
    public Builder timeToFirstToken(Duration timeToFirstToken) {
      this.timeToFirstToken = Checks.requireNonNegative(timeToFirstToken, "timeToFirstToken");
      return this;
    }

    /**
     * Tokens per second after the first; {@code 0} (the default) sends all tokens at once.
     *
     * @param tokensPerSecond the rate; finite and not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code tokensPerSecond} is negative, infinite or NaN
     */
    public Builder tokensPerSecond(double tokensPerSecond) {
      if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
        throw new IllegalArgumentException(
            "tokensPerSecond must be a finite number >= 0: " + tokensPerSecond);
      }
      this.tokensPerSecond = tokensPerSecond;
      return this;
    }

    /**
     * Keep-alive when a request sends none (default 5 minutes, Ollama's default).
     *
     * @param keepAlive how long the model stays loaded after its last request; not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code keepAlive} is negative
     */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = Checks.requireNonNegative(keepAlive, "keepAlive");
      return this;
    }

    /**
     * Parallel slots (default 1, Ollama's {@code OLLAMA_NUM_PARALLEL} default).
     *
     * @param parallel how many requests are served at once; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code parallel} is less than 1
     */
    public Builder parallel(int parallel) {
      if (parallel < 1) {
        throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
      }
      this.parallel = parallel;
      return this;
    }

    /**
     * How many requests may wait for this model's load besides the one loading it; further requests
     * arriving while it loads get 503 {@link Fault#SERVER_BUSY_MESSAGE}. Requests for a loaded
     * model wait for a slot without limit, as in Ollama. Default 512 ({@code OLLAMA_MAX_QUEUE}).
     *
     * @param maxQueue the limit; not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code maxQueue} is negative
     */
    public Builder maxQueue(int maxQueue) {
      if (maxQueue < 0) {
        throw new IllegalArgumentException("maxQueue must not be negative: " + maxQueue);
      }
      this.maxQueue = maxQueue;
      return this;
    }

    /**
     * A fault injected into every generation request of this model.
     *
     * @param fault the fault; not null
     * @return this builder
     */
    public Builder fault(Fault fault) {
      this.fault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    /** {@return the model with this builder's values} */
    public ScriptedModel build() {
      if (thinkingResponder != null && !capabilities.contains("thinking")) {
        ArrayList<String> c = new ArrayList<>(capabilities);
        c.add("thinking");
        capabilities = List.copyOf(c);
      }
      return new ScriptedModel(this);
    }

    private static String requireText(String v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return v;
    }
  }
}
