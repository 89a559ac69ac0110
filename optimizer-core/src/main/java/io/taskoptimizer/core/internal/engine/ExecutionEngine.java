package io.taskoptimizer.core.internal.engine;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.UnexpectedProviderException;
import io.taskoptimizer.api.internal.Throwables;
import io.taskoptimizer.core.internal.FirstTokenTimer;
import io.taskoptimizer.core.internal.feedback.FeedbackRecorder;
import io.taskoptimizer.core.internal.learning.Learner;
import io.taskoptimizer.core.internal.selection.AvailabilityView;
import io.taskoptimizer.core.internal.selection.SelectionTable;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ExecutionListener;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Runs calls and learns from them: picks the model (the forced one, else the selection policy's
 * pick from the {@link ModelSelector}), runs it on the provider that serves it, scores the answer
 * with the assessors, records the feedback and the learner's observation, and tells the {@link
 * ExecutionListener listeners}. Also the entry point of feedback and quality evidence that do not
 * come from an execution.
 *
 * <p>Thread-safe, and lock-free on the call path once availability is known: the plugins and the
 * selection table are immutable, feedback and learner record without locks (apart from the
 * learner's short per-task monitor), and the listeners are a copy-on-write list (rarely changed,
 * read on every call). After {@code close()} nothing more is recorded: the final flush has already
 * run.
 */
public final class ExecutionEngine {

  private static final Logger log = FacadeLog.LOG;

  private final PluginSet plugins;
  private final ModelSelector selector;
  private final FeedbackRecorder feedback;
  private final Learner learner;
  private final BackgroundJobs jobs;
  private final Lifecycle lifecycle;
  private final boolean serverReportedTimes;
  private final List<ExecutionListener> listeners;

  ExecutionEngine(
      PluginSet plugins,
      ModelSelector selector,
      FeedbackRecorder feedback,
      Learner learner,
      BackgroundJobs jobs,
      Lifecycle lifecycle,
      boolean serverReportedTimes,
      List<ExecutionListener> listeners) {
    this.plugins = plugins;
    this.selector = selector;
    this.feedback = feedback;
    this.learner = learner;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.serverReportedTimes = serverReportedTimes;
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  /**
   * Runs the request for the task on the calling thread; see {@code TaskOptimizer.execute}.
   *
   * @param task the task
   * @param request the request; its model, if set, is used as is
   * @param listener receives the streamed text
   * @return the result with its timing, quality and selection
   */
  public ExecutionResult execute(TaskType task, GenerationRequest request, TokenListener listener) {
    lifecycle.ensureOpen();
    Resolved r = resolve(task, request);
    GenerationRequest req = withModel(request, r.model);
    long start = System.nanoTime();
    FirstTokenTimer timer = new FirstTokenTimer(listener, start);
    GenerationResult g;
    try {
      g = r.provider.generate(req, timer);
    } catch (RuntimeException e) {
      throw failed(task, r, e, System.nanoTime() - start);
    }
    if (g == null) {
      throw failed(
          task, r, new NullPointerException("generate() returned null"), System.nanoTime() - start);
    }
    return finish(task, req, r, g, timer, System.nanoTime() - start);
  }

  /**
   * Runs the request through the provider's {@code generateAsync}; see {@code
   * TaskOptimizer.executeAsync}. The model is chosen on the calling thread; the result is completed
   * on the provider's thread. Cancelling the returned future cancels the provider's call.
   *
   * @param task the task
   * @param request the request; its model, if set, is used as is
   * @param listener receives the streamed text
   * @return the future result; a failure to choose a model fails it
   */
  public CompletableFuture<ExecutionResult> executeAsync(
      TaskType task, GenerationRequest request, TokenListener listener) {
    lifecycle.ensureOpen();
    Resolved r;
    try {
      r = resolve(task, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    GenerationRequest req = withModel(request, r.model);
    long start = System.nanoTime();
    FirstTokenTimer timer = new FirstTokenTimer(listener, start);
    CompletableFuture<GenerationResult> call;
    try {
      call =
          Objects.requireNonNull(
              r.provider.generateAsync(req, timer), "generateAsync() returned null");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(failed(task, r, e, System.nanoTime() - start));
    }
    CompletableFuture<ExecutionResult> out = new CompletableFuture<>();
    // the callback catches everything and routes every outcome, failures included, into `out`:
    // the stage whenComplete returns has nothing left to report
    var unused =
        call.whenComplete(
            (g, error) -> {
              long elapsed = System.nanoTime() - start;
              if (out.isDone()) {
                return; // cancelled by the caller
              }
              try {
                if (error != null) {
                  Throwable cause = Throwables.unwrap(error);
                  if (cause instanceof CancellationException c) {
                    out.completeExceptionally(c);
                  } else if (cause instanceof RuntimeException re) {
                    out.completeExceptionally(failed(task, r, re, elapsed));
                  } else {
                    out.completeExceptionally(cause);
                  }
                } else if (g == null) {
                  out.completeExceptionally(
                      failed(
                          task,
                          r,
                          new NullPointerException("generateAsync() completed with null"),
                          elapsed));
                } else {
                  out.complete(finish(task, req, r, g, timer, elapsed));
                }
              } catch (Throwable t) {
                out.completeExceptionally(t);
              }
            });
    // only propagates a cancellation to the provider's call; `out` itself goes to the caller, who
    // sees its outcome, so the derived stage is not needed
    var unusedCancel =
        out.whenComplete(
            (v, e) -> {
              if (out.isCancelled()) {
                call.cancel(true);
              }
            });
    return out;
  }

  /**
   * Records one call reported by the caller, without ({@code NaN}) or with a quality rating.
   *
   * @param task the task
   * @param model the model that ran the call; must not be blank
   * @param duration how long the call took; must not be negative
   * @param success whether the call succeeded
   * @param quality the rating, already checked to be within 0..1, or {@code NaN} for none
   * @throws IllegalArgumentException if the model is blank or the duration negative or too long
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordFeedback(
      TaskType task, String model, Duration duration, boolean success, double quality) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(duration, "duration");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration is too long to record: " + duration, e);
    }
    if (lifecycle.isClosed()) {
      throw new IllegalStateException(
          "This TaskOptimizer is closed; feedback recorded now would be lost");
    }
    feedback.record(task, model, nanos, success, quality);
    learner.record(task, model, success, quality, nanos / 1e9, Double.NaN);
  }

  /**
   * Records quality evidence that did not come from an execution; see {@code
   * TaskOptimizer.recordQuality}.
   *
   * @param task the task
   * @param model the model the evidence is about; must not be blank
   * @param score the quality score, within 0..1
   * @param weight how many executions the evidence counts as, in (0, 100]
   * @param source where the evidence comes from, for the log; must not be blank
   * @throws IllegalArgumentException if the model or source is blank, the score outside 0..1 or the
   *     weight outside (0, 100]
   * @throws IllegalStateException if the optimizer is closed
   */
  public void recordQuality(
      TaskType task, String model, double score, double weight, String source) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    if (model.isBlank() || source.isBlank()) {
      throw new IllegalArgumentException("model and source must not be blank");
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("quality must be between 0 and 1, got " + score);
    }
    if (!(weight > 0 && weight <= 100)) {
      throw new IllegalArgumentException("weight must be above 0 and at most 100, got " + weight);
    }
    if (lifecycle.isClosed()) {
      throw new IllegalStateException(
          "This TaskOptimizer is closed; evidence recorded now would be lost");
    }
    log.debug(
        "Quality evidence {} x{} for {} on {} from {}", score, weight, model, task.id(), source);
    learner.recordQuality(task, model, score, weight);
  }

  /**
   * Adds a listener of finished executions.
   *
   * @param listener called after each successful execution, on the thread that completed it; an
   *     exception it throws is logged and does not affect the execution
   */
  public void addListener(ExecutionListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes a listener; does nothing if it is not registered.
   *
   * @param listener the listener to remove
   */
  public void removeListener(ExecutionListener listener) {
    listeners.remove(listener);
  }

  private record Resolved(
      String model, ModelProvider provider, Optional<ModelSelection> selection) {}

  private Resolved resolve(TaskType task, GenerationRequest request) {
    SelectionTable t = selector.table();
    AvailabilityView view = t.availability();
    Optional<String> forced = request.model();
    List<ModelProvider> providers = plugins.providers();
    if (forced.isPresent()) {
      String model = forced.get();
      Optional<String> serving = view.providerOf(ModelNames.normalize(model));
      if (serving.isPresent()) {
        return new Resolved(model, plugins.provider(serving.get()).orElseThrow(), Optional.empty());
      }
      if (providers.isEmpty()) {
        throw PluginSet.noProvider();
      }
      if (!view.known()) {
        return new Resolved(model, providers.get(0), Optional.empty());
      }
      if (!view.downProviders().isEmpty()) {
        throw new ProviderUnavailableException(
            "Model '"
                + model
                + "' is not served by any reachable"
                + " provider; not answering: "
                + view.downProviders()
                + ". Start the provider (for"
                + " Ollama: 'ollama serve') and try again.");
      }
      throw new ModelNotFoundException(
          model,
          "Model '"
              + model
              + "' is not served by any provider"
              + " (available: "
              + view.availableNames()
              + "). Pull it (for Ollama: 'ollama pull "
              + model
              + "') or choose one of the available models.");
    }
    ModelSelection selection = t.nextSelection(task, request.exploration());
    if (providers.isEmpty()) {
      throw PluginSet.noProvider();
    }
    ModelProvider provider =
        plugins.provider(selection.chosen().provider()).orElse(providers.get(0));
    return new Resolved(selection.model(), provider, Optional.of(selection));
  }

  private static GenerationRequest withModel(GenerationRequest request, String model) {
    return request.model().filter(model::equals).isPresent() ? request : request.withModel(model);
  }

  private ExecutionResult finish(
      TaskType task,
      GenerationRequest req,
      Resolved r,
      GenerationResult g,
      FirstTokenTimer timer,
      long measuredNanos) {
    Duration measured = Duration.ofNanos(measuredNanos);
    GenerationResult result = g;
    if (result.timeToFirstToken().isEmpty() && timer.timeToFirstToken().isPresent()) {
      result = result.withTimeToFirstToken(timer.timeToFirstToken().get());
    }
    if (result.totalTime().isZero()) {
      result = result.withTotalTime(measured);
    }
    long elapsedNanos = measuredNanos;
    if (serverReportedTimes
        && result.serverTotalTime().filter(d -> !d.isZero() && !d.isNegative()).isPresent()) {
      elapsedNanos = result.serverTotalTime().get().toNanos();
    }
    Duration wall = Duration.ofNanos(elapsedNanos);
    Optional<QualityScore> quality;
    try {
      quality =
          plugins
              .assessor()
              .assess(AssessmentInput.of(task, result.text(), req, result.doneReason()));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // the execution happened and must be counted: without a quality rating, never lost
      log.warn(
          "Quality assessment of an output of {} characters from {} for {} failed; recording the execution"
              + " without a quality rating: {}",
          result.text().length(),
          r.model,
          task.id(),
          e.getClass().getName());
      log.debug("Quality assessment failed", e);
      quality = Optional.empty();
    }
    // an empty answer is returned to the caller (it is what the model said) but counts as a failed
    // execution: the model did not do the task, and a quality rating would penalise it twice
    boolean produced = !result.text().isBlank();
    double rating = produced ? quality.map(QualityScore::score).orElse(Double.NaN) : Double.NaN;
    recordExecution(task, r.model, elapsedNanos, produced, rating);
    // the learning signal is the provider-reported warm latency: total minus the load time, so that
    // a cold load (recorded separately) does not count as the model's speed
    double load = result.loadTime().map(ExecutionEngine::seconds).orElse(0.0);
    // with serverReportedTimes, the server's own total (no client or network time) is the signal
    Duration total =
        serverReportedTimes
            ? result
                .serverTotalTime()
                .filter(d -> !d.isZero() && !d.isNegative())
                .orElse(result.totalTime())
            : result.totalTime();
    double warm = Math.max(0.0, seconds(total) - load);
    learn(task, r.model, result.host().orElse(null), produced, rating, warm, load);
    ExecutionResult done =
        new ExecutionResult(task, r.model, r.provider.id(), result, wall, quality, r.selection);
    notifyListeners(req, done);
    return done;
  }

  private void notifyListeners(GenerationRequest req, ExecutionResult done) {
    for (ExecutionListener l : listeners) {
      try {
        l.executionFinished(req, done);
      } catch (RuntimeException e) {
        log.warn(
            "Execution listener {} failed; the execution is not affected: {}",
            l.getClass().getName(),
            e.toString());
      }
    }
  }

  private TaskOptimizerException failed(
      TaskType task, Resolved r, RuntimeException e, long elapsedNanos) {
    TaskOptimizerException typed;
    if (e instanceof TaskOptimizerException t) {
      typed = t;
    } else {
      typed =
          new UnexpectedProviderException(
              "Provider '"
                  + r.provider.id()
                  + "' ("
                  + r.provider.getClass().getName()
                  + ") failed outside its contract while running '"
                  + r.model
                  + "' for "
                  + task.id()
                  + ": "
                  + e
                  + ". This is a bug in the provider; the cause"
                  + " has the details.",
              e);
    }
    // not the model's fault, so not evidence against it: the server cannot be reached, does not
    // serve the model, or does not speak its protocol (a wrong base URL answering HTML, a redirect)
    if (!(typed instanceof ProviderUnavailableException)
        && !(typed instanceof ModelNotFoundException)
        && !(typed instanceof MalformedResponseException)) {
      recordExecution(task, r.model, elapsedNanos, false, Double.NaN);
      learn(task, r.model, null, false, Double.NaN, Double.NaN, Double.NaN);
    }
    if (typed instanceof ModelNotFoundException) {
      // the provider stopped serving the model since the last listing (e.g. 'ollama rm'): ask it
      // again in the background so that selection stops choosing the model before the next refresh
      jobs.refreshProvider(r.provider.id());
    }
    return typed;
  }

  private void recordExecution(
      TaskType task, String model, long nanos, boolean success, double quality) {
    if (lifecycle.isClosed()) {
      log.debug("Not recording an execution of {} for {} that finished after close()", model, task);
      return;
    }
    feedback.record(task, model, nanos, success, quality);
  }

  private void learn(
      TaskType task,
      String model,
      @Nullable String host,
      boolean success,
      double quality,
      double warmSeconds,
      double loadSeconds) {
    if (!lifecycle.isClosed()) {
      learner.record(task, model, host, success, quality, warmSeconds, loadSeconds);
    }
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
