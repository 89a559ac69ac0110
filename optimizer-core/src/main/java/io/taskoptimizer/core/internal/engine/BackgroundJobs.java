package io.taskoptimizer.core.internal.engine;

import io.taskoptimizer.core.internal.feedback.FeedbackRecorder;
import io.taskoptimizer.core.internal.learning.Learner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The optimizer's background work on its scheduler: the periodic availability refresh (which also
 * picks up rankings changed by another process), the periodic feedback flush, a one-off refresh of
 * a provider that stopped serving a model, and jobs scheduled by others on the same scheduler (the
 * ranking updater). A failing job is logged and tried again at its next run; a failing flush is
 * reported once per outage.
 *
 * <p>The scheduler is either given (it belongs to the caller: {@link #stop()} cancels only this
 * optimizer's jobs on it) or a private single daemon thread that {@link #stop()} shuts down.
 *
 * <p>Thread-safe: the job handles are kept in a copy-on-write list (added while building, read once
 * by {@link #stop()}), and the flush-failure state is a volatile flag written only by the flush
 * job, which a scheduler never runs twice at the same time.
 */
public final class BackgroundJobs {

  private static final Logger log = FacadeLog.LOG;

  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final ModelSelector selector;
  private final FeedbackRecorder feedback;
  private final Learner learner;
  private final String feedbackWhere;
  private final Lifecycle lifecycle;
  private final List<ScheduledFuture<?>> jobs = new CopyOnWriteArrayList<>();
  private final Duration refreshInterval;
  private final Duration flushInterval;
  private volatile boolean flushFailing;

  /**
   * @param scheduler the caller's scheduler, or {@code null} for a private daemon thread
   * @param refreshInterval time between availability refreshes
   * @param flushInterval time between feedback flushes; zero flushes only when asked
   */
  BackgroundJobs(
      @Nullable ScheduledExecutorService scheduler,
      Duration refreshInterval,
      Duration flushInterval,
      ModelSelector selector,
      FeedbackRecorder feedback,
      Learner learner,
      String feedbackWhere,
      Lifecycle lifecycle) {
    this.ownScheduler = scheduler == null;
    this.scheduler = scheduler != null ? scheduler : newScheduler();
    this.refreshInterval = refreshInterval;
    this.flushInterval = flushInterval;
    this.selector = selector;
    this.feedback = feedback;
    this.learner = learner;
    this.feedbackWhere = feedbackWhere;
    this.lifecycle = lifecycle;
  }

  /**
   * Starts the periodic jobs: the first availability refresh runs at once (it loads availability
   * asynchronously), later ones every refresh interval; the flush every flush interval unless that
   * is zero.
   */
  void start() {
    jobs.add(
        scheduler.scheduleWithFixedDelay(
            this::refresh, 0, refreshInterval.toNanos(), TimeUnit.NANOSECONDS));
    if (!flushInterval.isZero()) {
      jobs.add(
          scheduler.scheduleWithFixedDelay(
              this::flush, flushInterval.toNanos(), flushInterval.toNanos(), TimeUnit.NANOSECONDS));
    }
  }

  /** {@return the scheduler the jobs run on, for others' periodic work (the ranking updater)} */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Adopts a job scheduled by someone else on {@link #scheduler()}, so that {@link #stop()} cancels
   * it with the optimizer's own.
   *
   * @param job the job's handle
   */
  public void adopt(ScheduledFuture<?> job) {
    jobs.add(job);
  }

  /**
   * Asks one provider again in the background, e.g. after it answered that it does not serve a
   * model it listed ('ollama rm'), so that selection stops choosing the model before the next
   * periodic refresh. Does nothing once the optimizer is closed.
   */
  void refreshProvider(String providerId) {
    if (lifecycle.isClosed()) {
      return;
    }
    try {
      scheduler.execute(
          () -> {
            try {
              selector.refreshProvider(providerId);
            } catch (RuntimeException e) {
              log.debug(
                  "Refreshing the models of provider '{}' failed: {}", providerId, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("Not refreshing provider '{}': the scheduler is shut down", providerId);
    }
  }

  /**
   * Cancels every job and, if the scheduler is this optimizer's own, shuts it down and waits up to
   * 10 s for a running job to finish (a flush in progress completes before the final one).
   */
  void stop() {
    for (ScheduledFuture<?> f : jobs) {
      f.cancel(false);
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
      try {
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
          log.warn("Background work of the TaskOptimizer did not stop within 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void refresh() {
    try {
      selector.refresh();
    } catch (RuntimeException e) {
      log.warn("Background refresh of the TaskOptimizer failed: {}", e.toString(), e);
    }
  }

  private void flush() {
    try {
      feedback.flush();
      learner.flush();
      if (flushFailing) {
        flushFailing = false;
        log.info("Feedback is persisted to {} again", feedbackWhere);
      }
    } catch (RuntimeException e) {
      if (lifecycle.isClosed()) {
        // interrupted by close(), whose own final flush persists the feedback or reports why not
        log.debug("Background feedback flush stopped by close(): {}", e.toString());
        return;
      }
      if (!flushFailing) {
        flushFailing = true;
        log.warn(
            "Could not persist feedback: {}. {} executions are kept in memory and written once"
                + " the problem is fixed (retrying every {}s).",
            e.getMessage(),
            feedback.pendingExecutions(),
            flushInterval.toSeconds());
      } else {
        log.debug("Feedback flush still failing: {}", e.getMessage());
      }
    }
  }

  private static ScheduledExecutorService newScheduler() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "taskoptimizer-background-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, threads);
    s.setRemoveOnCancelPolicy(true);
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return s;
  }
}
