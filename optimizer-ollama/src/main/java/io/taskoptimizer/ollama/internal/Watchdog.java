package io.taskoptimizer.ollama.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Timers for idle and overall timeouts, on one daemon thread shared by every provider in the JVM.
 * Timer actions must be short (they cancel a stream and hand the failure to another executor).
 */
public final class Watchdog {

  private static final Logger log = OllamaClient.log; // the provider's logger, as its calls use

  private static final ScheduledExecutorService SCHEDULER = createScheduler();

  private Watchdog() {}

  private static ScheduledExecutorService createScheduler() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "taskopt-ollama-watchdog");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(s);
  }

  /**
   * Runs {@code action} once after {@code delay}.
   *
   * @param delay how long to wait
   * @param action what to run, on the watchdog thread: it must be short
   * @return the timer; cancel it to disarm it
   */
  public static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return SCHEDULER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Live idle timers, checked by {@link #sweep()}. */
  private static final Set<IdleTimer> TIMERS = ConcurrentHashMap.newKeySet();

  /**
   * When the next sweep is due ({@link System#nanoTime()}), or {@link Long#MAX_VALUE} if none is
   * armed.
   */
  private static final AtomicLong NEXT_SWEEP = new AtomicLong(Long.MAX_VALUE);

  /**
   * Arms a sweep at {@code due} unless one is armed at or before it. A timer started while the
   * sweep at {@code w} is armed needs nothing when it ends later (the usual case: every call has
   * the same limit), so starting and stopping a timer costs two concurrent-set operations and no
   * scheduling, and the watchdog thread wakes once per limit rather than once per call.
   */
  private static void armSweep(long due) {
    while (true) {
      long armed = NEXT_SWEEP.get();
      if (armed <= due) {
        return;
      }
      if (NEXT_SWEEP.compareAndSet(armed, due)) {
        // sweep() catches what a timer action throws, so this future has no failure to report
        ScheduledFuture<?> unused =
            SCHEDULER.schedule(
                Watchdog::sweep, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        return;
      }
    }
  }

  /** Fires the timers that ran out and re-arms for the earliest remaining one. */
  private static void sweep() {
    long now = System.nanoTime();
    if (NEXT_SWEEP.get() > now) {
      return; // an earlier sweep re-armed for later (this one was scheduled before it ran)
    }
    // a timer started from here on arms its own sweep; one started before is seen by the loop
    NEXT_SWEEP.set(Long.MAX_VALUE);
    long earliest = Long.MAX_VALUE;
    for (IdleTimer t : TIMERS) {
      long due = t.checkAt();
      if (due != Long.MIN_VALUE) {
        earliest = Math.min(earliest, due);
      }
    }
    if (earliest != Long.MAX_VALUE) {
      armSweep(earliest);
    }
  }

  /**
   * An inactivity timer: fires {@code onIdle} once no activity has been reported for {@code limit}
   * (without activity, a plain deadline). Reporting activity is a volatile write, so it costs
   * nothing per stream line; the shared sweep finds the timers that ran out.
   */
  public static final class IdleTimer {
    private final long limitNanos;
    private final Runnable onIdle;
    private final LongSupplier clock;
    private volatile long lastActivity;
    private final AtomicBoolean stopped = new AtomicBoolean();

    IdleTimer(Duration limit, Runnable onIdle, LongSupplier clock) {
      this.limitNanos = limit.toNanos();
      this.onIdle = onIdle;
      this.clock = clock;
      this.lastActivity = clock.getAsLong();
      TIMERS.add(this);
      armSweep(saturatedAdd(System.nanoTime(), limitNanos));
    }

    /**
     * Starts an idle timer measured with {@link System#nanoTime()}.
     *
     * @param limit the longest time without activity
     * @param onIdle runs once, on the watchdog thread, when the limit is reached: it must be short
     * @return the running timer
     */
    public static IdleTimer start(Duration limit, Runnable onIdle) {
      return new IdleTimer(limit, onIdle, System::nanoTime);
    }

    /** Records activity (a line arrived). */
    public void activity() {
      lastActivity = clock.getAsLong();
    }

    /** Disarms the timer. */
    public void stop() {
      if (stopped.compareAndSet(false, true)) {
        TIMERS.remove(this);
      }
    }

    /**
     * Fires the timer if it ran out; returns when it is due next ({@link System#nanoTime()}), or
     * {@link Long#MIN_VALUE} if it is over.
     */
    private long checkAt() {
      if (stopped.get()) {
        TIMERS.remove(this);
        return Long.MIN_VALUE;
      }
      long idle = clock.getAsLong() - lastActivity;
      if (idle >= limitNanos) {
        if (stopped.compareAndSet(false, true)) {
          TIMERS.remove(this);
          try {
            onIdle.run();
          } catch (RuntimeException e) {
            // a failing action must not end the sweep: the other timers would never be re-armed
            log.warn("An Ollama timeout action failed", e);
          }
        }
        return Long.MIN_VALUE;
      }
      return saturatedAdd(System.nanoTime(), limitNanos - idle);
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
  }
}
