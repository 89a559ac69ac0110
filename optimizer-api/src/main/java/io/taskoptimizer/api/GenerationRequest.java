package io.taskoptimizer.api;

import io.taskoptimizer.api.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What to ask a model: either chat {@code messages} or a completion-style {@code prompt}, plus
 * sampling options, output format, keep-alive and timeout.
 *
 * <p>{@link #inputs()} are named inputs that are <em>not</em> sent to the model; quality assessors
 * read them (for example the job posting a self-assessment must refer to, under {@link
 * #INPUT_JOB_POSTING}).
 *
 * <p>Build one with {@link #builder()}; {@code GenerationRequest.of("...")} is a single user
 * message. The model is optional: {@code TaskOptimizer.execute} chooses one when none is set, while
 * a {@link io.taskoptimizer.spi.ModelProvider} requires it.
 *
 * <p>Immutable, so thread-safe and shareable; its {@link Builder} is not thread-safe (confine it to
 * one thread).
 */
public final class GenerationRequest {

  /** Input key: the job posting text, for assessors that check what an output refers to. */
  public static final String INPUT_JOB_POSTING = "job_posting";

  /** Input key: the candidate profile or CV text. */
  public static final String INPUT_CANDIDATE_PROFILE = "candidate_profile";

  /** Input key: the role title the output should mention. */
  public static final String INPUT_ROLE = "role";

  /** Input key: a comma- or newline-separated list of skills the output should mention. */
  public static final String INPUT_SKILLS = "skills";

  private final @Nullable String model;
  private final List<ChatMessage> messages;
  private final @Nullable String prompt;
  private final @Nullable String system;
  private final @Nullable Double temperature;
  private final @Nullable Long seed;
  private final @Nullable Integer contextSize;
  private final @Nullable Integer maxTokens;
  private final @Nullable Double topP;
  private final @Nullable Integer topK;
  private final List<String> stop;
  private final Map<String, Object> extraOptions;
  private final ResponseFormat format;
  private final @Nullable Duration keepAlive;
  private final @Nullable Duration timeout;
  private final @Nullable Boolean think;
  private final boolean stream;
  private final boolean exploration;
  private final Map<String, String> inputs;

  private GenerationRequest(Builder b) {
    this.model = b.model;
    this.messages = List.copyOf(b.messages);
    this.prompt = b.prompt;
    this.system = b.system;
    this.temperature = b.temperature;
    this.seed = b.seed;
    this.contextSize = b.contextSize;
    this.maxTokens = b.maxTokens;
    this.topP = b.topP;
    this.topK = b.topK;
    this.stop = List.copyOf(b.stop);
    this.extraOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraOptions));
    this.format = b.format;
    this.keepAlive = b.keepAlive;
    this.timeout = b.timeout;
    this.think = b.think;
    this.stream = b.stream;
    this.exploration = b.exploration;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
  }

  /** A request with a single user message. */
  public static GenerationRequest of(String userMessage) {
    return builder().user(userMessage).build();
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy of this request addressed to {@code model}. */
  public GenerationRequest withModel(String model) {
    return toBuilder().model(model).build();
  }

  /** The model to run; empty lets the optimizer choose. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** Chat messages, in order; empty when {@link #prompt()} is used. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** A completion-style prompt (Ollama {@code /api/generate}); empty when messages are used. */
  public Optional<String> prompt() {
    return Optional.ofNullable(prompt);
  }

  /** The system prompt. */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /** Sampling temperature. */
  public OptionalDouble temperature() {
    return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
  }

  /** Random seed, for reproducible sampling. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** Context window size in tokens (Ollama {@code num_ctx}). */
  public OptionalInt contextSize() {
    return contextSize == null ? OptionalInt.empty() : OptionalInt.of(contextSize);
  }

  /** Maximum tokens to generate (Ollama {@code num_predict}). */
  public OptionalInt maxTokens() {
    return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
  }

  /** Nucleus sampling threshold. */
  public OptionalDouble topP() {
    return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
  }

  /** Top-k sampling. */
  public OptionalInt topK() {
    return topK == null ? OptionalInt.empty() : OptionalInt.of(topK);
  }

  /** Stop sequences. */
  public List<String> stop() {
    return stop;
  }

  /**
   * Provider-specific options passed through unchanged (e.g. Ollama {@code repeat_penalty}). Values
   * are strings, numbers, booleans or lists of those.
   */
  public Map<String, Object> extraOptions() {
    return extraOptions;
  }

  /** The requested output format; {@link ResponseFormat#TEXT} by default. */
  public ResponseFormat format() {
    return format;
  }

  /** How long the provider should keep the model loaded after this call. */
  public Optional<Duration> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /** Overall time budget for this call, overriding the provider's default. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Whether a thinking model should think; empty leaves it to the provider. */
  public Optional<Boolean> think() {
    return Optional.ofNullable(think);
  }

  /** Whether the provider should stream the answer (default {@code true}). */
  public boolean stream() {
    return stream;
  }

  /**
   * Whether {@code TaskOptimizer.execute} may explore when it chooses the model for this request
   * (default {@code true}): the selection policy may then pick a model whose estimate is below the
   * leader's, within the optimizer's exploration budget, to keep learning. {@code false} always
   * uses the current best estimate. Ignored when the request names a model.
   */
  public boolean exploration() {
    return exploration;
  }

  /** Named inputs for quality assessment; never sent to the model. */
  public Map<String, String> inputs() {
    return inputs;
  }

  /**
   * All text of the request that is sent to the model (system, messages, prompt), joined by
   * newlines.
   */
  public String promptText() {
    StringBuilder sb = new StringBuilder();
    if (system != null) {
      sb.append(system).append('\n');
    }
    for (ChatMessage m : messages) {
      sb.append(m.content()).append('\n');
    }
    if (prompt != null) {
      sb.append(prompt).append('\n');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GenerationRequest r)) {
      return false;
    }
    return stream == r.stream
        && exploration == r.exploration
        && Objects.equals(model, r.model)
        && messages.equals(r.messages)
        && Objects.equals(prompt, r.prompt)
        && Objects.equals(system, r.system)
        && Objects.equals(temperature, r.temperature)
        && Objects.equals(seed, r.seed)
        && Objects.equals(contextSize, r.contextSize)
        && Objects.equals(maxTokens, r.maxTokens)
        && Objects.equals(topP, r.topP)
        && Objects.equals(topK, r.topK)
        && stop.equals(r.stop)
        && extraOptions.equals(r.extraOptions)
        && format.equals(r.format)
        && Objects.equals(keepAlive, r.keepAlive)
        && Objects.equals(timeout, r.timeout)
        && Objects.equals(think, r.think)
        && inputs.equals(r.inputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, messages, prompt, system, format, inputs);
  }

  /** A summary without message contents, so it is safe to log. */
  @Override
  public String toString() {
    return "GenerationRequest[model="
        + model
        + ", messages="
        + messages.size()
        + ", prompt="
        + (prompt == null ? "none" : prompt.length() + " chars")
        + ", format="
        + format.kind()
        + ", stream="
        + stream
        + "]";
  }

  /**
   * Builds {@link GenerationRequest}s. Setters validate their argument at once.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private @Nullable String model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private @Nullable String prompt;
    private @Nullable String system;
    private @Nullable Double temperature;
    private @Nullable Long seed;
    private @Nullable Integer contextSize;
    private @Nullable Integer maxTokens;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private List<String> stop = List.of();
    private final Map<String, Object> extraOptions = new LinkedHashMap<>();
    private ResponseFormat format = ResponseFormat.TEXT;
    private @Nullable Duration keepAlive;
    private @Nullable Duration timeout;
    private @Nullable Boolean think;
    private boolean stream = true;
    private boolean exploration = true;
    private final Map<String, String> inputs = new LinkedHashMap<>();

    private Builder() {}

    private Builder(GenerationRequest r) {
      model = r.model;
      messages.addAll(r.messages);
      prompt = r.prompt;
      system = r.system;
      temperature = r.temperature;
      seed = r.seed;
      contextSize = r.contextSize;
      maxTokens = r.maxTokens;
      topP = r.topP;
      topK = r.topK;
      stop = r.stop;
      extraOptions.putAll(r.extraOptions);
      format = r.format;
      keepAlive = r.keepAlive;
      timeout = r.timeout;
      think = r.think;
      stream = r.stream;
      exploration = r.exploration;
      inputs.putAll(r.inputs);
    }

    /** The model to run, e.g. {@code llama3.2:latest}. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /** Clears the model so that the optimizer chooses one. */
    public Builder clearModel() {
      this.model = null;
      return this;
    }

    /** Replaces the chat messages. */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /** Appends a chat message. */
    public Builder addMessage(ChatMessage message) {
      this.messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Appends a user message. */
    public Builder user(String content) {
      return addMessage(ChatMessage.user(content));
    }

    /** Sets a completion-style prompt (instead of messages). */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** Sets the system prompt. */
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /** Sampling temperature, 0 or more. */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0.0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException(
            "temperature must be a finite number >= 0: " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /** Random seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Context window in tokens; must be positive. */
    public Builder contextSize(int contextSize) {
      this.contextSize = Checks.requirePositive(contextSize, "contextSize");
      return this;
    }

    /** Maximum tokens to generate; must be positive. */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = Checks.requirePositive(maxTokens, "maxTokens");
      return this;
    }

    /** Nucleus sampling threshold in (0, 1]. */
    public Builder topP(double topP) {
      if (!(topP > 0.0 && topP <= 1.0)) {
        throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
      }
      this.topP = topP;
      return this;
    }

    /** Top-k sampling; must be positive. */
    public Builder topK(int topK) {
      this.topK = Checks.requirePositive(topK, "topK");
      return this;
    }

    /** Stop sequences. */
    public Builder stop(List<String> stop) {
      this.stop = List.copyOf(stop);
      return this;
    }

    /** A provider-specific option passed through unchanged. */
    public Builder extraOption(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      extraOptions.put(name, value);
      return this;
    }

    /** The output format. */
    public Builder format(ResponseFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** How long to keep the model loaded after the call; zero unloads it at once. */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = Checks.requireNonNegative(keepAlive, "keepAlive");
      return this;
    }

    /** Overall time budget of the call; must be positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /** Whether a thinking model should think. */
    public Builder think(boolean think) {
      this.think = think;
      return this;
    }

    /** Whether to stream the answer (default {@code true}). */
    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    /**
     * Whether the optimizer may explore when choosing the model (default {@code true}); see {@link
     * GenerationRequest#exploration()}.
     */
    public Builder exploration(boolean exploration) {
      this.exploration = exploration;
      return this;
    }

    /** A named input for quality assessment (not sent to the model). */
    public Builder input(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      inputs.put(name, value);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalStateException if neither or both of messages and prompt are set
     */
    public GenerationRequest build() {
      if (messages.isEmpty() && prompt == null) {
        throw new IllegalStateException(
            "A generation request needs chat messages (user(...)) or a prompt (prompt(...))");
      }
      if (!messages.isEmpty() && prompt != null) {
        throw new IllegalStateException(
            "A generation request takes chat messages or a prompt, not both");
      }
      return new GenerationRequest(this);
    }
  }
}
