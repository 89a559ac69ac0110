package io.taskoptimizer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs nothing by itself: tests call {@link #runAll()} to
 * run every scheduled task once, on the test thread, which makes background work deterministic.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final List<Task> tasks = new CopyOnWriteArrayList<>();
  private volatile boolean shutdown;

  /** A scheduled task and its delays. */
  static final class Task implements ScheduledFuture<Object> {
    final Runnable action;
    final long initialDelayNanos;
    final long periodNanos;
    volatile boolean cancelled;
    volatile boolean ran;

    Task(Runnable action, long initialDelayNanos, long periodNanos) {
      this.action = action;
      this.initialDelayNanos = initialDelayNanos;
      this.periodNanos = periodNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(initialDelayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || (ran && periodNanos == 0);
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }

  /** Runs every live task once, in scheduling order; one-shot tasks are then done. */
  void runAll() {
    for (Task t : new ArrayList<>(tasks)) {
      if (!t.cancelled && !(t.ran && t.periodNanos == 0)) {
        t.ran = true;
        t.action.run();
      }
    }
  }

  /** Tasks that were scheduled and not cancelled. */
  List<Task> liveTasks() {
    List<Task> out = new ArrayList<>();
    for (Task t : tasks) {
      if (!t.cancelled) {
        out.add(t);
      }
    }
    return out;
  }

  private Task add(Runnable r, long delay, long period, TimeUnit unit) {
    Task t = new Task(r, unit.toNanos(delay), unit.toNanos(period));
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, delay, 0, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not needed by the optimizer");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    tasks.add(new Task(command, 0, 0));
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
