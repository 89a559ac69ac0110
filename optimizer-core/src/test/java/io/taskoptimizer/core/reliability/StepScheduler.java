package io.taskoptimizer.core.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose periodic tasks never run by themselves: {@link #runPeriodic()} runs each of
 * them once on the calling thread, so a test decides exactly when the optimizer's background
 * refresh happens. One-shot tasks run normally.
 */
final class StepScheduler extends ScheduledThreadPoolExecutor {

  private final List<Runnable> periodic = new CopyOnWriteArrayList<>();

  StepScheduler() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    periodic.add(command);
    return schedule(() -> {}, 365, TimeUnit.DAYS); // cancellable, never due
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return scheduleWithFixedDelay(command, initialDelay, period, unit);
  }

  /** Runs every periodic task once, now, on this thread. */
  void runPeriodic() {
    for (Runnable r : periodic) {
      r.run();
    }
  }
}
