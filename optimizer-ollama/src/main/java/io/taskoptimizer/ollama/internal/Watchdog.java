package io.taskoptimizer.ollama.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Timers for idle and overall timeouts, on one daemon thread shared by every provider in the JVM.
 * Timer actions must be short (they cancel a stream and hand the failure to another executor).
 */
public final class Watchdog {

  private static final ScheduledExecutorService SCHEDULER = createScheduler();

  private Watchdog() {}

  private static ScheduledExecutorService createScheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "taskopt-ollama-watchdog");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(s);
  }

  /** Runs {@code action} once after {@code delay}; cancel the returned future to disarm it. */
  public static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return SCHEDULER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * An inactivity timer: fires {@code onIdle} once no activity has been reported for
   * {@code limit}. Reporting activity is a volatile write, so it costs nothing per stream line;
   * the timer re-arms itself for the remaining time when it wakes early.
   */
  public static final class IdleTimer {
    private final long limitNanos;
    private final Runnable onIdle;
    private final LongSupplier clock;
    private volatile long lastActivity;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> pending;

    IdleTimer(Duration limit, Runnable onIdle, LongSupplier clock) {
      this.limitNanos = limit.toNanos();
      this.onIdle = onIdle;
      this.clock = clock;
      this.lastActivity = clock.getAsLong();
      arm(limitNanos);
    }

    /** Starts an idle timer measured with {@link System#nanoTime()}. */
    public static IdleTimer start(Duration limit, Runnable onIdle) {
      return new IdleTimer(limit, onIdle, System::nanoTime);
    }

    /** Records activity (a line arrived). */
    public void activity() {
      lastActivity = clock.getAsLong();
    }

    /** Disarms the timer. */
    public void stop() {
      stopped = true;
      ScheduledFuture<?> p = pending;
      if (p != null) {
        p.cancel(false);
      }
    }

    private void arm(long delayNanos) {
      if (!stopped) {
        pending = SCHEDULER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
      }
    }

    private void check() {
      if (stopped) {
        return;
      }
      long idle = clock.getAsLong() - lastActivity;
      if (idle >= limitNanos) {
        stopped = true;
        onIdle.run();
      } else {
        arm(limitNanos - idle);
      }
    }
  }
}
