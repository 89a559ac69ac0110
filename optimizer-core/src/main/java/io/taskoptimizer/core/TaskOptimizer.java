package io.taskoptimizer.core;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.TokenListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Picks the best available model for a task, runs it, measures it and learns from it.
 *
 * <p>SKELETON: public signatures agreed for all modules; bodies are being implemented.
 */
public final class TaskOptimizer implements AutoCloseable {

  private TaskOptimizer(Builder builder) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The best available model for the task. */
  public String bestModelFor(TaskType task) {
    throw new UnsupportedOperationException();
  }

  /** The choice for the task with its scores, runners-up and skipped models. */
  public ModelSelection selectionFor(TaskType task) {
    throw new UnsupportedOperationException();
  }

  /** The current ranking of one task, in file order (empty if none). */
  public List<RankedModel> rankings(TaskType task) {
    throw new UnsupportedOperationException();
  }

  /** All current rankings, tasks in file order. */
  public Map<TaskType, List<RankedModel>> rankings() {
    throw new UnsupportedOperationException();
  }

  /** Replaces the rankings of the given tasks, persists atomically, and re-selects. */
  public void replaceRankings(Map<TaskType, List<RankedModel>> rankings) {
    throw new UnsupportedOperationException();
  }

  /** The weights used for the task. */
  public PriorityWeights weights(TaskType task) {
    throw new UnsupportedOperationException();
  }

  /** The models the providers currently serve (cached). */
  public List<ModelDescriptor> availableModels() {
    throw new UnsupportedOperationException();
  }

  /** Whether at least one provider answered the last availability check. */
  public boolean availabilityKnown() {
    throw new UnsupportedOperationException();
  }

  /** Asks every provider now and waits for the answers. */
  public void refreshAvailability() {
    throw new UnsupportedOperationException();
  }

  /** The configured providers. */
  public List<ModelProvider> providers() {
    throw new UnsupportedOperationException();
  }

  /** The provider serving the model, if any serves it. */
  public Optional<ModelProvider> providerFor(String model) {
    throw new UnsupportedOperationException();
  }

  /** Selects (or uses the forced) model, runs, measures, assesses and records feedback. */
  public ExecutionResult execute(TaskType task, GenerationRequest request) {
    throw new UnsupportedOperationException();
  }

  /** As {@link #execute(TaskType, GenerationRequest)}, streaming text to the listener. */
  public ExecutionResult execute(TaskType task, GenerationRequest request, TokenListener listener) {
    throw new UnsupportedOperationException();
  }

  /** Asynchronous twin of {@link #execute(TaskType, GenerationRequest)}. */
  public CompletableFuture<ExecutionResult> executeAsync(TaskType task, GenerationRequest request) {
    throw new UnsupportedOperationException();
  }

  /** Combined score of all applicable assessors, empty if none applies. */
  public Optional<QualityScore> assess(AssessmentInput input) {
    throw new UnsupportedOperationException();
  }

  /** The assessors in use. */
  public List<QualityAssessor> assessors() {
    throw new UnsupportedOperationException();
  }

  /** Records one call without a quality rating. */
  public void recordFeedback(TaskType task, String model, Duration duration, boolean success) {
    throw new UnsupportedOperationException();
  }

  /** Records one call with a quality rating in 0..1. */
  public void recordFeedback(TaskType task, String model, Duration duration, boolean success, double quality) {
    throw new UnsupportedOperationException();
  }

  /** Aggregated feedback of one model on one task. */
  public Optional<ModelFeedback> feedback(TaskType task, String model) {
    throw new UnsupportedOperationException();
  }

  /** All aggregated feedback. */
  public Map<TaskType, Map<String, ModelFeedback>> feedback() {
    throw new UnsupportedOperationException();
  }

  /** Persists pending feedback now. */
  public void flush() {
    throw new UnsupportedOperationException();
  }

  /** The config directory. */
  public Path configDirectory() {
    throw new UnsupportedOperationException();
  }

  /** The clock. */
  public Clock clock() {
    throw new UnsupportedOperationException();
  }

  /** Flushes and releases. */
  @Override
  public void close() {
    throw new UnsupportedOperationException();
  }

  /** Builds {@link TaskOptimizer}s. */
  public static final class Builder {
    private Builder() {}

    public Builder configDirectory(Path dir) { return this; }
    public Builder provider(ModelProvider provider) { return this; }
    public Builder providers(Collection<? extends ModelProvider> providers) { return this; }
    public Builder autoDetectProviders(boolean autoDetect) { return this; }
    public Builder providerSettings(ProviderSettings settings) { return this; }
    public Builder assessor(QualityAssessor assessor) { return this; }
    public Builder assessors(Collection<? extends QualityAssessor> assessors) { return this; }
    public Builder autoDetectAssessors(boolean autoDetect) { return this; }
    public Builder assessorWeight(String assessorId, double weight) { return this; }
    public Builder weights(TaskType task, PriorityWeights weights) { return this; }
    public Builder clock(Clock clock) { return this; }
    public Builder availabilityRefreshInterval(Duration interval) { return this; }
    public Builder feedbackFlushInterval(Duration interval) { return this; }
    public Builder maxQualityRatings(int max) { return this; }
    public Builder scheduler(ScheduledExecutorService scheduler) { return this; }
    public Builder rankingUpdateInterval(Duration interval) { return this; }

    public TaskOptimizer build() {
      return new TaskOptimizer(this);
    }
  }
}
