package io.taskoptimizer.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model's answer with the metrics the provider reported.
 *
 * <p>Every metric except {@link #totalTime()} is optional, because servers omit them (Ollama omits
 * zero values and, in old versions, cached prompt counts).
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param text the generated text (for chat, the assistant message content)
 * @param model the model that answered, as the provider names it
 * @param thinking the model's separate thinking text, if any
 * @param doneReason why generation stopped, e.g. {@code stop}, {@code length}, {@code load}
 * @param promptTokens tokens of the prompt (may include cached tokens)
 * @param completionTokens tokens generated
 * @param loadTime time the provider spent loading the model
 * @param promptEvalTime time spent evaluating the prompt
 * @param evalTime time spent generating
 * @param timeToFirstToken client-measured time from sending to the first generated text
 * @param totalTime client-measured wall time of the whole call
 * @param serverTotalTime the provider's own total duration
 * @param host the host that served the call, for providers that route over several servers (e.g. an
 *     {@code OllamaCluster} host name); empty for single-server providers
 */
public record GenerationResult(
    String text,
    String model,
    Optional<String> thinking,
    Optional<String> doneReason,
    OptionalInt promptTokens,
    OptionalInt completionTokens,
    Optional<Duration> loadTime,
    Optional<Duration> promptEvalTime,
    Optional<Duration> evalTime,
    Optional<Duration> timeToFirstToken,
    Duration totalTime,
    Optional<Duration> serverTotalTime,
    Optional<String> host) {

  /**
   * Validates the components.
   *
   * @param text the generated text; must not be null
   * @param model the model that answered; must not be null
   * @param thinking the thinking text, or empty; must not be null
   * @param doneReason why generation stopped, or empty; must not be null
   * @param promptTokens the prompt token count, or empty; must not be null
   * @param completionTokens the generated token count, or empty; must not be null
   * @param loadTime the model load time, or empty; must not be null
   * @param promptEvalTime the prompt evaluation time, or empty; must not be null
   * @param evalTime the generation time, or empty; must not be null
   * @param timeToFirstToken the client-measured time to first token, or empty; must not be null
   * @param totalTime the client-measured wall time of the call; must not be null or negative
   * @param serverTotalTime the provider's own total duration, or empty; must not be null
   * @param host the host that served the call, or empty; must not be null
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if {@code totalTime} is negative
   */
  public GenerationResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(thinking, "thinking");
    Objects.requireNonNull(doneReason, "doneReason");
    Objects.requireNonNull(promptTokens, "promptTokens");
    Objects.requireNonNull(completionTokens, "completionTokens");
    Objects.requireNonNull(loadTime, "loadTime");
    Objects.requireNonNull(promptEvalTime, "promptEvalTime");
    Objects.requireNonNull(evalTime, "evalTime");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(totalTime, "totalTime");
    Objects.requireNonNull(serverTotalTime, "serverTotalTime");
    Objects.requireNonNull(host, "host");
    if (totalTime.isNegative()) {
      throw new IllegalArgumentException("totalTime must not be negative: " + totalTime);
    }
  }

  /**
   * A result without a host (the form before hosts were reported; kept for compatibility).
   *
   * @param text the generated text; must not be null
   * @param model the model that answered; must not be null
   * @param thinking the thinking text, or empty; must not be null
   * @param doneReason why generation stopped, or empty; must not be null
   * @param promptTokens the prompt token count, or empty; must not be null
   * @param completionTokens the generated token count, or empty; must not be null
   * @param loadTime the model load time, or empty; must not be null
   * @param promptEvalTime the prompt evaluation time, or empty; must not be null
   * @param evalTime the generation time, or empty; must not be null
   * @param timeToFirstToken the client-measured time to first token, or empty; must not be null
   * @param totalTime the client-measured wall time of the call; must not be null or negative
   * @param serverTotalTime the provider's own total duration, or empty; must not be null
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code totalTime} is negative
   */
  public GenerationResult(
      String text,
      String model,
      Optional<String> thinking,
      Optional<String> doneReason,
      OptionalInt promptTokens,
      OptionalInt completionTokens,
      Optional<Duration> loadTime,
      Optional<Duration> promptEvalTime,
      Optional<Duration> evalTime,
      Optional<Duration> timeToFirstToken,
      Duration totalTime,
      Optional<Duration> serverTotalTime) {
    this(
        text,
        model,
        thinking,
        doneReason,
        promptTokens,
        completionTokens,
        loadTime,
        promptEvalTime,
        evalTime,
        timeToFirstToken,
        totalTime,
        serverTotalTime,
        Optional.empty());
  }

  /**
   * Starts a builder for a result with this text from this model; every metric starts empty and the
   * total time at zero.
   *
   * @param text the generated text; must not be null
   * @param model the model that answered, as the provider names it; must not be null
   * @return a new builder
   * @throws NullPointerException if {@code text} or {@code model} is null
   */
  public static Builder builder(String text, String model) {
    return new Builder(text, model);
  }

  /**
   * A builder holding this result's values, to derive a changed copy.
   *
   * @return a new builder; changing it does not change this result
   */
  public Builder toBuilder() {
    Builder b = new Builder(text, model);
    b.thinking = thinking;
    b.doneReason = doneReason;
    b.promptTokens = promptTokens;
    b.completionTokens = completionTokens;
    b.loadTime = loadTime;
    b.promptEvalTime = promptEvalTime;
    b.evalTime = evalTime;
    b.timeToFirstToken = timeToFirstToken;
    b.totalTime = totalTime;
    b.serverTotalTime = serverTotalTime;
    b.host = host;
    return b;
  }

  /**
   * Whether generation stopped at the token limit ({@code done_reason} = {@code length}).
   *
   * @return {@code true} only if the done reason is known and is {@code length}
   */
  public boolean truncated() {
    return doneReason.map("length"::equals).orElse(false);
  }

  /**
   * Generated tokens per second, where both the count and the eval time are known.
   *
   * @return the rate, or empty when the completion token count or the eval time is missing, or the
   *     eval time is zero
   */
  public Optional<Double> tokensPerSecond() {
    if (completionTokens.isEmpty() || evalTime.isEmpty() || evalTime.get().isZero()) {
      return Optional.empty();
    }
    return Optional.of(completionTokens.getAsInt() * 1e9 / evalTime.get().toNanos());
  }

  /**
   * A copy with the client-measured time to first token set (used by the optimizer when a provider
   * did not measure it itself).
   *
   * @param timeToFirstToken the measured time; must not be null
   * @return a new result with every other value unchanged
   * @throws NullPointerException if {@code timeToFirstToken} is null
   */
  public GenerationResult withTimeToFirstToken(Duration timeToFirstToken) {
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    return toBuilder().timeToFirstToken(timeToFirstToken).build();
  }

  /**
   * A copy with the client-measured wall time of the call set.
   *
   * @param totalTime the measured wall time; must not be null or negative
   * @return a new result with every other value unchanged
   * @throws NullPointerException if {@code totalTime} is null
   * @throws IllegalArgumentException if {@code totalTime} is negative
   */
  public GenerationResult withTotalTime(Duration totalTime) {
    return toBuilder().totalTime(totalTime).build();
  }

  /**
   * A copy saying which host served the call (set by providers that route over several servers).
   *
   * @param host the host name; must not be null
   * @return a new result with every other value unchanged
   * @throws NullPointerException if {@code host} is null
   */
  public GenerationResult withHost(String host) {
    Objects.requireNonNull(host, "host");
    return toBuilder().host(host).build();
  }

  /** A summary without the text, so it is safe to log. */
  @Override
  public String toString() {
    return "GenerationResult[model="
        + model
        + ", chars="
        + text.length()
        + ", doneReason="
        + doneReason.orElse("?")
        + ", totalTime="
        + totalTime
        + host.map(h -> ", host=" + h).orElse("")
        + "]";
  }

  /**
   * Builds {@link GenerationResult}s.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final String text;
    private final String model;
    private Optional<String> thinking = Optional.empty();
    private Optional<String> doneReason = Optional.empty();
    private OptionalInt promptTokens = OptionalInt.empty();
    private OptionalInt completionTokens = OptionalInt.empty();
    private Optional<Duration> loadTime = Optional.empty();
    private Optional<Duration> promptEvalTime = Optional.empty();
    private Optional<Duration> evalTime = Optional.empty();
    private Optional<Duration> timeToFirstToken = Optional.empty();
    private Duration totalTime = Duration.ZERO;
    private Optional<Duration> serverTotalTime = Optional.empty();
    private Optional<String> host = Optional.empty();

    private Builder(String text, String model) {
      this.text = Objects.requireNonNull(text, "text");
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The model's separate thinking text.
     *
     * @param thinking the thinking text; must not be null
     * @return this builder
     * @throws NullPointerException if {@code thinking} is null
     */
    public Builder thinking(String thinking) {
      this.thinking = Optional.of(thinking);
      return this;
    }

    /**
     * Why generation stopped, as the provider reports it (e.g. {@code stop}, {@code length}).
     *
     * @param doneReason the reason; must not be null
     * @return this builder
     * @throws NullPointerException if {@code doneReason} is null
     */
    public Builder doneReason(String doneReason) {
      this.doneReason = Optional.of(doneReason);
      return this;
    }

    /**
     * Prompt token count (may include cached tokens).
     *
     * @param promptTokens the count as the provider reports it; not validated
     * @return this builder
     */
    public Builder promptTokens(int promptTokens) {
      this.promptTokens = OptionalInt.of(promptTokens);
      return this;
    }

    /**
     * Generated token count.
     *
     * @param completionTokens the count as the provider reports it; not validated
     * @return this builder
     */
    public Builder completionTokens(int completionTokens) {
      this.completionTokens = OptionalInt.of(completionTokens);
      return this;
    }

    /**
     * Time the provider spent loading the model.
     *
     * @param loadTime the load time; must not be null
     * @return this builder
     * @throws NullPointerException if {@code loadTime} is null
     */
    public Builder loadTime(Duration loadTime) {
      this.loadTime = Optional.of(loadTime);
      return this;
    }

    /**
     * Time spent evaluating the prompt.
     *
     * @param promptEvalTime the evaluation time; must not be null
     * @return this builder
     * @throws NullPointerException if {@code promptEvalTime} is null
     */
    public Builder promptEvalTime(Duration promptEvalTime) {
      this.promptEvalTime = Optional.of(promptEvalTime);
      return this;
    }

    /**
     * Time spent generating.
     *
     * @param evalTime the generation time; must not be null
     * @return this builder
     * @throws NullPointerException if {@code evalTime} is null
     */
    public Builder evalTime(Duration evalTime) {
      this.evalTime = Optional.of(evalTime);
      return this;
    }

    /**
     * Client-measured time from sending to the first generated text.
     *
     * @param timeToFirstToken the measured time; must not be null
     * @return this builder
     * @throws NullPointerException if {@code timeToFirstToken} is null
     */
    public Builder timeToFirstToken(Duration timeToFirstToken) {
      this.timeToFirstToken = Optional.of(timeToFirstToken);
      return this;
    }

    /**
     * Client-measured wall time of the call (zero unless set).
     *
     * @param totalTime the wall time; must not be null; a negative value is rejected by {@link
     *     #build()}
     * @return this builder
     * @throws NullPointerException if {@code totalTime} is null
     */
    public Builder totalTime(Duration totalTime) {
      this.totalTime = Objects.requireNonNull(totalTime, "totalTime");
      return this;
    }

    /**
     * The provider's own total duration.
     *
     * @param serverTotalTime the duration; must not be null
     * @return this builder
     * @throws NullPointerException if {@code serverTotalTime} is null
     */
    public Builder serverTotalTime(Duration serverTotalTime) {
      this.serverTotalTime = Optional.of(serverTotalTime);
      return this;
    }

    /**
     * The host that served the call, for providers that route over several servers.
     *
     * @param host the host name; must not be null
     * @return this builder
     * @throws NullPointerException if {@code host} is null
     */
    public Builder host(String host) {
      this.host = Optional.of(host);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return a new immutable result with this builder's values
     * @throws IllegalArgumentException if the total time set is negative
     */
    public GenerationResult build() {
      return new GenerationResult(
          text,
          model,
          thinking,
          doneReason,
          promptTokens,
          completionTokens,
          loadTime,
          promptEvalTime,
          evalTime,
          timeToFirstToken,
          totalTime,
          serverTotalTime,
          host);
    }
  }
}
