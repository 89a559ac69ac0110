package io.taskoptimizer.consensus;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.PluginException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.internal.Throwables;
import io.taskoptimizer.consensus.ConsensusCandidate.Status;
import io.taskoptimizer.consensus.ConsensusResult.Comparison;
import io.taskoptimizer.consensus.ConsensusResult.Decision;
import io.taskoptimizer.core.TaskOptimizer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consensus run: starts the calls, compares, decides. Everything is driven by completions of
 * the model calls, so no thread waits; the decision code runs on the thread that completes the last
 * call it needs (a provider thread, or the JDK's delay thread after a timeout).
 */
final class ConsensusRun {

  private static final Logger log = LoggerFactory.getLogger(ConsensusRun.class);

  private final ConsensusExtractor cfg;
  private final TaskOptimizer optimizer;
  private final GenerationRequest request;
  private final List<String> models;
  private final Optional<JobPosting> posting;
  private final int n;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<ExecutionResult>[] calls;
  private final CompletableFuture<ConsensusCandidate>[] candidates;
  private final AtomicBoolean[] timedOut;
  private final List<Comparison> comparisons = new ArrayList<>();
  private final CompletableFuture<ConsensusResult> result = new CompletableFuture<>();

  // generic arrays cannot be created; the casts below are safe because only this class fills them
  @SuppressWarnings("unchecked")
  ConsensusRun(
      ConsensusExtractor cfg,
      GenerationRequest request,
      List<String> models,
      Optional<JobPosting> posting) {
    this.cfg = cfg;
    this.optimizer = cfg.optimizer();
    this.request = request;
    this.models = models;
    this.posting = posting;
    this.n = models.size();
    this.calls = (CompletableFuture<ExecutionResult>[]) new CompletableFuture<?>[n];
    this.candidates = (CompletableFuture<ConsensusCandidate>[]) new CompletableFuture<?>[n];
    this.timedOut = new AtomicBoolean[n];
    for (int i = 0; i < n; i++) {
      timedOut[i] = new AtomicBoolean();
    }
  }

  CompletableFuture<ConsensusResult> start() {
    // this future fails only when the result does, and the result goes to the caller
    CompletableFuture<ConsensusResult> unused =
        result.whenComplete(
            (r, e) -> {
              if (result.isCancelled()) {
                cancelAll();
              }
            });
    log.debug("Consensus for {}{}: models {}", cfg.task().id(), jobSuffix(), models);
    launch(0);
    if (n == 1) {
      after(candidates[0], this::decideSingle);
      return result;
    }
    launch(1);
    if (cfg.speculative() && n == 3) {
      launch(2);
    }
    after(CompletableFuture.allOf(candidates[0], candidates[1]), this::afterFirstTwo);
    return result;
  }

  // --- the algorithm -----------------------------------------------------------------------------

  private void afterFirstTwo() {
    ConsensusCandidate c0 = candidates[0].join();
    ConsensusCandidate c1 = candidates[1].join();
    if (c0.valid() && c1.valid()) {
      Comparison c = compare(c0, c1);
      if (c.agree()) {
        if (n == 3 && calls[2] != null && calls[2].cancel(true)) {
          log.debug(
              "{} and {} agree; cancelled the speculative call of {}",
              c0.model(),
              c1.model(),
              models.get(2));
        }
        finish(consensus(c0, c1, c));
        return;
      }
    }
    if (n < 3) {
      finish(fallback());
      return;
    }
    if (candidates[2] == null) {
      launch(2);
    }
    after(candidates[2], this::afterThird);
  }

  private void afterThird() {
    ConsensusCandidate c0 = candidates[0].join();
    ConsensusCandidate c1 = candidates[1].join();
    ConsensusCandidate c2 = candidates[2].join();
    Comparison with0 = c0.valid() && c2.valid() ? compare(c0, c2) : null;
    Comparison with1 = c1.valid() && c2.valid() ? compare(c1, c2) : null;
    if (with0 != null && with0.agree()) {
      finish(consensus(c0, c2, with0));
    } else if (with1 != null && with1.agree()) {
      finish(consensus(c1, c2, with1));
    } else {
      finish(fallback());
    }
  }

  private void decideSingle() {
    ConsensusCandidate c = candidates[0].join();
    if (!c.valid()) {
      finish(failed());
      return;
    }
    String why =
        "Only one model ("
            + c.model()
            + ") is available for "
            + cfg.task().id()
            + ", so its output could not be verified by a second model";
    log.warn("{}{}", why, jobSuffix());
    finish(
        build(
            Decision.SINGLE_MODEL,
            Optional.of(c),
            List.of(),
            OptionalDouble.empty(),
            Optional.empty(),
            why));
  }

  private Comparison compare(ConsensusCandidate higher, ConsensusCandidate lower) {
    double s = cfg.metric().similarity(higher.output().orElseThrow(), lower.output().orElseThrow());
    if (!(s >= 0.0 && s <= 1.0)) {
      throw new PluginException(
          "Similarity metric '"
              + cfg.metric().id()
              + "' ("
              + cfg.metric().getClass().getName()
              + ") returned "
              + s
              + ", outside 0..1; fix the metric or"
              + " choose another with similarityMetric(...)");
    }
    Comparison c = new Comparison(higher.model(), lower.model(), s, s >= cfg.threshold());
    synchronized (comparisons) {
      comparisons.add(c);
    }
    log.debug("Similarity of {} and {}: {}", higher.model(), lower.model(), s);
    return c;
  }

  private ConsensusResult consensus(
      ConsensusCandidate chosen, ConsensusCandidate other, Comparison c) {
    String why =
        String.format(
            Locale.ROOT,
            "%s and %s agree (similarity %.3f >= %.2f); using the output of %s,"
                + " the higher-ranked of the two",
            chosen.model(),
            other.model(),
            c.similarity(),
            cfg.threshold(),
            chosen.model());
    return build(
        Decision.CONSENSUS,
        Optional.of(chosen),
        List.of(chosen.model(), other.model()),
        OptionalDouble.of(c.similarity()),
        Optional.empty(),
        why);
  }

  private ConsensusResult fallback() {
    List<ConsensusCandidate> done = finished();
    Optional<ConsensusCandidate> best = done.stream().filter(ConsensusCandidate::valid).findFirst();
    if (best.isEmpty()) {
      return failed();
    }
    OptionalDouble closest = comparisons().stream().mapToDouble(Comparison::similarity).max();
    String reason;
    if (closest.isPresent()) {
      reason =
          String.format(
              Locale.ROOT,
              "no two outputs agree (best similarity %.3f < %.2f)",
              closest.getAsDouble(),
              cfg.threshold());
    } else {
      reason = "only " + best.get().model() + " produced a valid output (" + problems(done) + ")";
    }
    String why =
        "No consensus: "
            + reason
            + "; falling back to "
            + best.get().model()
            + ", the highest-ranked model with a valid output, unverified";
    log.warn("{} for {}{}", why, cfg.task().id(), jobSuffix());
    return build(Decision.FALLBACK, best, List.of(), closest, Optional.empty(), why);
  }

  private ConsensusResult failed() {
    List<ConsensusCandidate> done = finished();
    String error =
        (done.size() == 1
                ? "The only available model failed"
                : "All " + done.size() + " models failed")
            + " for "
            + cfg.task().id()
            + ": "
            + problems(done)
            + ". Check that the models are pulled and the server is healthy, then try again.";
    log.warn("{}{}", error, jobSuffix());
    return build(
        Decision.FAILED,
        Optional.empty(),
        List.of(),
        OptionalDouble.empty(),
        Optional.of(error),
        error);
  }

  private ConsensusResult build(
      Decision decision,
      Optional<ConsensusCandidate> chosen,
      List<String> agreeing,
      OptionalDouble similarity,
      Optional<String> error,
      String explanation) {
    Optional<String> output = chosen.flatMap(ConsensusCandidate::output);
    Optional<JobDetails> details =
        posting.map(
            p ->
                output
                    .map(JobDetails::parse)
                    .orElseGet(() -> JobDetails.parse(""))
                    .withFallbacks(p));
    return new ConsensusResult(
        cfg.task(),
        posting.map(JobPosting::id),
        decision,
        similarity,
        cfg.threshold(),
        cfg.metric().id(),
        chosen.map(ConsensusCandidate::model),
        output,
        agreeing,
        details,
        models,
        finished(),
        comparisons(),
        Duration.ofNanos(System.nanoTime() - startNanos),
        OffsetDateTime.now(optimizer.clock()).truncatedTo(ChronoUnit.MICROS),
        error,
        explanation);
  }

  private void finish(ConsensusResult r) {
    if (result.complete(r)) {
      log.debug("{}", r);
    }
  }

  // --- calls
  // ---------------------------------------------------------------------------------------

  /** Starts the call of model {@code i}; its outcome completes {@code candidates[i]}. */
  private void launch(int i) {
    String model = models.get(i);
    long t0 = System.nanoTime();
    CompletableFuture<ExecutionResult> call = start(model);
    calls[i] = call;
    // the candidate fails only if building it throws (a bug); after(...) then fails the run
    candidates[i] =
        call.handle((r, e) -> candidate(i, r, e, Duration.ofNanos(System.nanoTime() - t0)));
    request
        .timeout()
        .ifPresent(
            budget -> {
              Duration grace =
                  clamp(budget.dividedBy(4), Duration.ofMillis(50), Duration.ofSeconds(5));
              CompletableFuture.delayedExecutor(
                      budget.plus(grace).toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                  .execute(
                      () -> {
                        if (!call.isDone()) {
                          timedOut[i].set(true);
                          call.cancel(true);
                        }
                      });
            });
  }

  private CompletableFuture<ExecutionResult> start(String model) {
    try {
      return optimizer.executeAsync(cfg.task(), request.withModel(model));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ConsensusCandidate candidate(int i, ExecutionResult r, Throwable e, Duration time) {
    String model = models.get(i);
    int rank = i + 1;
    if (e == null) {
      if (r.text().isBlank()) {
        return new ConsensusCandidate(
            model,
            rank,
            Status.EMPTY,
            Optional.of(r.text()),
            time,
            Optional.of(model + " returned an empty output"),
            Optional.empty(),
            Optional.of(r));
      }
      return new ConsensusCandidate(
          model,
          rank,
          Status.SUCCEEDED,
          Optional.of(r.text()),
          time,
          Optional.empty(),
          Optional.empty(),
          Optional.of(r));
    }
    Throwable cause = Throwables.unwrap(e);
    if (cause instanceof CancellationException) {
      if (timedOut[i].get()) {
        Duration budget = request.timeout().orElseThrow();
        ProviderTimeoutException t =
            overallTimeout(
                budget,
                model
                    + " did not answer within "
                    + budget.toMillis()
                    + " ms for "
                    + cfg.task().id()
                    + "; it was abandoned. Raise the timeout or pick a faster model.");
        recordTimeout(model, time);
        return new ConsensusCandidate(
            model,
            rank,
            Status.TIMED_OUT,
            Optional.empty(),
            time,
            Optional.ofNullable(t.getMessage()),
            Optional.of(t),
            Optional.empty());
      }
      return new ConsensusCandidate(
          model,
          rank,
          Status.CANCELLED,
          Optional.empty(),
          time,
          Optional.of("cancelled: the higher-ranked models already agreed"),
          Optional.empty(),
          Optional.empty());
    }
    TaskOptimizerException failure =
        cause instanceof TaskOptimizerException t
            ? t
            : new TaskOptimizerException(
                model + " failed unexpectedly for " + cfg.task().id() + ": " + cause, cause);
    if (failure instanceof ProviderTimeoutException) {
      return new ConsensusCandidate(
          model,
          rank,
          Status.TIMED_OUT,
          Optional.empty(),
          time,
          Optional.of(message(failure)),
          Optional.of(failure),
          Optional.empty());
    }
    return new ConsensusCandidate(
        model,
        rank,
        Status.FAILED,
        Optional.empty(),
        time,
        Optional.of(message(failure)),
        Optional.of(failure),
        Optional.empty());
  }

  /** The optimizer records nothing for a cancelled call, so an abandoned one is recorded here. */
  private void recordTimeout(String model, Duration time) {
    try {
      optimizer.recordFeedback(cfg.task(), model, time, false);
    } catch (IllegalStateException e) {
      log.debug("Could not record the timeout of {}: {}", model, e.getMessage());
    }
  }

  private void cancelAll() {
    for (CompletableFuture<ExecutionResult> c : calls) {
      if (c != null) {
        c.cancel(true);
      }
    }
  }

  /**
   * Runs a decision step once {@code stage} completes: skipped once the run is over (cancelled by
   * the caller), and a bug in it (or in a metric), or a failed {@code stage} (a bug while building
   * a candidate), fails the run instead of hanging it.
   */
  private void after(CompletableFuture<?> stage, Runnable step) {
    // this future fails only when the stage does, and the callback fails the run for that
    CompletableFuture<?> unused =
        stage.whenComplete(
            (ignored, failure) -> {
              if (result.isDone()) {
                return;
              }
              if (failure != null) {
                fail(Throwables.unwrap(failure));
                return;
              }
              try {
                step.run();
              } catch (RuntimeException | Error e) {
                fail(e);
              }
            });
  }

  private void fail(Throwable e) {
    cancelAll();
    result.completeExceptionally(e);
  }

  // --- small helpers -----------------------------------------------------------------------------

  /** The candidates that have finished, in rank order. */
  private List<ConsensusCandidate> finished() {
    List<ConsensusCandidate> out = new ArrayList<>();
    for (CompletableFuture<ConsensusCandidate> c : candidates) {
      if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
        out.add(c.join());
      }
    }
    return out;
  }

  private List<Comparison> comparisons() {
    synchronized (comparisons) {
      return List.copyOf(comparisons);
    }
  }

  private static String problems(List<ConsensusCandidate> cs) {
    List<String> parts = new ArrayList<>();
    for (ConsensusCandidate c : cs) {
      c.error().ifPresent(e -> parts.add(c.model() + ": " + e));
    }
    return String.join("; ", parts);
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  private String jobSuffix() {
    return posting.map(p -> " (job " + p.id() + ")").orElse("");
  }

  private static ProviderTimeoutException overallTimeout(Duration budget, String message) {
    return new ProviderTimeoutException(
        ProviderTimeoutException.Phase.OVERALL, budget, message, null);
  }
}
