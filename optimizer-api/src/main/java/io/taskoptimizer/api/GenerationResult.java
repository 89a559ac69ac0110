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

  /** Validates. */
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

  /** A result without a host (the form before hosts were reported; kept for compatibility). */
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

  /** Starts a builder for a result with this text from this model. */
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

  /** Whether generation stopped at the token limit ({@code done_reason} = {@code length}). */
  public boolean truncated() {
    return doneReason.map("length"::equals).orElse(false);
  }

  /** Generated tokens per second, where both the count and the eval time are known. */
  public Optional<Double> tokensPerSecond() {
    if (completionTokens.isEmpty() || evalTime.isEmpty() || evalTime.get().isZero()) {
      return Optional.empty();
    }
    return Optional.of(completionTokens.getAsInt() * 1e9 / evalTime.get().toNanos());
  }

  /**
   * A copy with the client-measured time to first token set (used by the optimizer when a provider
   * did not measure it itself).
   */
  public GenerationResult withTimeToFirstToken(Duration timeToFirstToken) {
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
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
        Optional.of(timeToFirstToken),
        totalTime,
        serverTotalTime,
        host);
  }

  /** A copy with the client-measured wall time of the call set. */
  public GenerationResult withTotalTime(Duration totalTime) {
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

  /**
   * A copy saying which host served the call (set by providers that route over several servers).
   */
  public GenerationResult withHost(String host) {
    Objects.requireNonNull(host, "host");
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
        Optional.of(host));
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

    /** The thinking text. */
    public Builder thinking(String thinking) {
      this.thinking = Optional.of(thinking);
      return this;
    }

    /** Why generation stopped. */
    public Builder doneReason(String doneReason) {
      this.doneReason = Optional.of(doneReason);
      return this;
    }

    /** Prompt token count. */
    public Builder promptTokens(int promptTokens) {
      this.promptTokens = OptionalInt.of(promptTokens);
      return this;
    }

    /** Generated token count. */
    public Builder completionTokens(int completionTokens) {
      this.completionTokens = OptionalInt.of(completionTokens);
      return this;
    }

    /** Model load time. */
    public Builder loadTime(Duration loadTime) {
      this.loadTime = Optional.of(loadTime);
      return this;
    }

    /** Prompt evaluation time. */
    public Builder promptEvalTime(Duration promptEvalTime) {
      this.promptEvalTime = Optional.of(promptEvalTime);
      return this;
    }

    /** Generation time. */
    public Builder evalTime(Duration evalTime) {
      this.evalTime = Optional.of(evalTime);
      return this;
    }

    /** Client-measured time to the first generated text. */
    public Builder timeToFirstToken(Duration timeToFirstToken) {
      this.timeToFirstToken = Optional.of(timeToFirstToken);
      return this;
    }

    /** Client-measured wall time of the call. */
    public Builder totalTime(Duration totalTime) {
      this.totalTime = Objects.requireNonNull(totalTime, "totalTime");
      return this;
    }

    /** The provider's own total duration. */
    public Builder serverTotalTime(Duration serverTotalTime) {
      this.serverTotalTime = Optional.of(serverTotalTime);
      return this;
    }

    /** The host that served the call. */
    public Builder host(String host) {
      this.host = Optional.of(host);
      return this;
    }

    /** Builds the result. */
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
