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

  /**
   * A request with a single user message and default options; no model is set, so {@code
   * TaskOptimizer.execute} chooses one.
   *
   * @param userMessage the text of the user message; must not be null
   * @return a new request holding just that message
   * @throws NullPointerException if {@code userMessage} is null
   */
  public static GenerationRequest of(String userMessage) {
    return builder().user(userMessage).build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder with no messages, no prompt, no model and the default options (text
   *     format, streaming and exploration on)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this request's values, to derive a changed copy; this request is not
   * affected.
   *
   * @return a new builder initialised with every value of this request
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A copy of this request addressed to {@code model}, with every other value unchanged.
   *
   * @param model the model name, e.g. {@code llama3.2:latest}; must not be null or blank
   * @return a new request naming {@code model}
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if {@code model} is blank
   */
  public GenerationRequest withModel(String model) {
    return toBuilder().model(model).build();
  }

  /**
   * The model to run.
   *
   * @return the model name, or empty when none is set and the optimizer chooses one
   */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /**
   * The chat messages, in order.
   *
   * @return an unmodifiable list of the messages; empty when {@link #prompt()} is used
   */
  public List<ChatMessage> messages() {
    return messages;
  }

  /**
   * A completion-style prompt (Ollama {@code /api/generate}).
   *
   * @return the prompt, or empty when chat messages are used
   */
  public Optional<String> prompt() {
    return Optional.ofNullable(prompt);
  }

  /**
   * The system prompt.
   *
   * @return the system prompt, or empty when none is set
   */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /**
   * Sampling temperature.
   *
   * @return the temperature (finite, 0 or more), or empty to use the provider's default
   */
  public OptionalDouble temperature() {
    return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
  }

  /**
   * Random seed, for reproducible sampling.
   *
   * @return the seed, or empty to let the provider pick one
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Context window size in tokens (Ollama {@code num_ctx}).
   *
   * @return the positive context size, or empty to use the provider's default
   */
  public OptionalInt contextSize() {
    return contextSize == null ? OptionalInt.empty() : OptionalInt.of(contextSize);
  }

  /**
   * Maximum tokens to generate (Ollama {@code num_predict}).
   *
   * @return the positive token limit, or empty for no limit beyond the provider's
   */
  public OptionalInt maxTokens() {
    return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
  }

  /**
   * Nucleus sampling threshold.
   *
   * @return the threshold in (0, 1], or empty to use the provider's default
   */
  public OptionalDouble topP() {
    return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
  }

  /**
   * Top-k sampling.
   *
   * @return the positive k, or empty to use the provider's default
   */
  public OptionalInt topK() {
    return topK == null ? OptionalInt.empty() : OptionalInt.of(topK);
  }

  /**
   * Stop sequences: generation ends when the model produces one of them.
   *
   * @return an unmodifiable list of the stop sequences; empty when none are set
   */
  public List<String> stop() {
    return stop;
  }

  /**
   * Provider-specific options passed through unchanged (e.g. Ollama {@code repeat_penalty}). Values
   * are strings, numbers, booleans or lists of those.
   *
   * @return an unmodifiable map from option name to value, in insertion order; empty when none are
   *     set
   */
  public Map<String, Object> extraOptions() {
    return extraOptions;
  }

  /**
   * The requested output format.
   *
   * @return the format; {@link ResponseFormat#TEXT} unless the builder set another
   */
  public ResponseFormat format() {
    return format;
  }

  /**
   * How long the provider should keep the model loaded after this call.
   *
   * @return the keep-alive duration (zero unloads at once), or empty to use the provider's default
   */
  public Optional<Duration> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /**
   * Overall time budget for this call, overriding the provider's default.
   *
   * @return the positive timeout, or empty to use the provider's default
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Whether a thinking model should think.
   *
   * @return the choice, or empty to leave it to the provider
   */
  public Optional<Boolean> think() {
    return Optional.ofNullable(think);
  }

  /**
   * Whether the provider should stream the answer.
   *
   * @return {@code true} (the default) to stream, {@code false} for one complete response
   */
  public boolean stream() {
    return stream;
  }

  /**
   * Whether {@code TaskOptimizer.execute} may explore when it chooses the model for this request
   * (default {@code true}): the selection policy may then pick a model whose estimate is below the
   * leader's, within the optimizer's exploration budget, to keep learning. {@code false} always
   * uses the current best estimate. Ignored when the request names a model.
   *
   * @return {@code true} if exploration is allowed
   */
  public boolean exploration() {
    return exploration;
  }

  /**
   * Named inputs for quality assessment; never sent to the model.
   *
   * @return an unmodifiable map from input name (e.g. {@link #INPUT_JOB_POSTING}) to text, in
   *     insertion order; empty when none are set
   */
  public Map<String, String> inputs() {
    return inputs;
  }

  /**
   * All text of the request that is sent to the model (system, messages, prompt), joined by
   * newlines.
   *
   * @return the concatenated text, each part followed by a newline; never null
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

    /**
     * The model to run, e.g. {@code llama3.2:latest}.
     *
     * @param model the model name; must not be null or blank
     * @return this builder
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /**
     * Clears the model so that the optimizer chooses one.
     *
     * @return this builder
     */
    public Builder clearModel() {
      this.model = null;
      return this;
    }

    /**
     * Replaces the chat messages.
     *
     * @param messages the new messages, in order; must not be null nor contain null
     * @return this builder
     * @throws NullPointerException if {@code messages} is null
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /**
     * Appends a chat message.
     *
     * @param message the message to append after the current ones; must not be null
     * @return this builder
     * @throws NullPointerException if {@code message} is null
     */
    public Builder addMessage(ChatMessage message) {
      this.messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Appends a user message.
     *
     * @param content the text of the message; must not be null
     * @return this builder
     * @throws NullPointerException if {@code content} is null
     */
    public Builder user(String content) {
      return addMessage(ChatMessage.user(content));
    }

    /**
     * Sets a completion-style prompt (instead of messages; {@link #build()} rejects both).
     *
     * @param prompt the prompt text; must not be null
     * @return this builder
     * @throws NullPointerException if {@code prompt} is null
     */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /**
     * Sets the system prompt.
     *
     * @param system the system prompt text; must not be null
     * @return this builder
     * @throws NullPointerException if {@code system} is null
     */
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sampling temperature.
     *
     * @param temperature the temperature; a finite number, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code temperature} is negative, infinite or NaN
     */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0.0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException(
            "temperature must be a finite number >= 0: " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * Random seed, for reproducible sampling.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Context window in tokens (Ollama {@code num_ctx}).
     *
     * @param contextSize the window size; must be positive
     * @return this builder
     * @throws IllegalArgumentException if {@code contextSize} is zero or negative
     */
    public Builder contextSize(int contextSize) {
      this.contextSize = Checks.requirePositive(contextSize, "contextSize");
      return this;
    }

    /**
     * Maximum tokens to generate (Ollama {@code num_predict}).
     *
     * @param maxTokens the limit; must be positive
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTokens} is zero or negative
     */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = Checks.requirePositive(maxTokens, "maxTokens");
      return this;
    }

    /**
     * Nucleus sampling threshold.
     *
     * @param topP the threshold, in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code topP} is outside (0, 1] or NaN
     */
    public Builder topP(double topP) {
      if (!(topP > 0.0 && topP <= 1.0)) {
        throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
      }
      this.topP = topP;
      return this;
    }

    /**
     * Top-k sampling.
     *
     * @param topK the number of candidate tokens; must be positive
     * @return this builder
     * @throws IllegalArgumentException if {@code topK} is zero or negative
     */
    public Builder topK(int topK) {
      this.topK = Checks.requirePositive(topK, "topK");
      return this;
    }

    /**
     * Replaces the stop sequences.
     *
     * @param stop the sequences that end generation (copied); must not be null nor contain null
     * @return this builder
     * @throws NullPointerException if {@code stop} or one of its elements is null
     */
    public Builder stop(List<String> stop) {
      this.stop = List.copyOf(stop);
      return this;
    }

    /**
     * A provider-specific option passed through unchanged; a later call with the same name replaces
     * the value.
     *
     * @param name the provider's option name, e.g. {@code repeat_penalty}; must not be null
     * @param value a string, number, boolean or list of those; must not be null
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public Builder extraOption(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      extraOptions.put(name, value);
      return this;
    }

    /**
     * The output format.
     *
     * @param format the format the model should answer in; must not be null
     * @return this builder
     * @throws NullPointerException if {@code format} is null
     */
    public Builder format(ResponseFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * How long to keep the model loaded after the call.
     *
     * @param keepAlive the duration; zero unloads the model at once; must not be null or negative
     * @return this builder
     * @throws NullPointerException if {@code keepAlive} is null
     * @throws IllegalArgumentException if {@code keepAlive} is negative
     */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = Checks.requireNonNegative(keepAlive, "keepAlive");
      return this;
    }

    /**
     * Overall time budget of the call.
     *
     * @param timeout the budget; must not be null and must be positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * Whether a thinking model should think.
     *
     * @param think {@code true} to ask for thinking, {@code false} to suppress it
     * @return this builder
     */
    public Builder think(boolean think) {
      this.think = think;
      return this;
    }

    /**
     * Whether to stream the answer (default {@code true}).
     *
     * @param stream {@code true} to stream, {@code false} for one complete response
     * @return this builder
     */
    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    /**
     * Whether the optimizer may explore when choosing the model (default {@code true}); see {@link
     * GenerationRequest#exploration()}.
     *
     * @param exploration {@code false} to always use the current best estimate
     * @return this builder
     */
    public Builder exploration(boolean exploration) {
      this.exploration = exploration;
      return this;
    }

    /**
     * A named input for quality assessment (not sent to the model); a later call with the same name
     * replaces the value.
     *
     * @param name the input name, e.g. {@link GenerationRequest#INPUT_JOB_POSTING}; must not be
     *     null
     * @param value the input text; must not be null
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public Builder input(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      inputs.put(name, value);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return a new immutable request with this builder's values
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
