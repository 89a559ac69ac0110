package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatchdogTest {

  @Test
  void aShortTimerStartedAfterALongOneFiresWithoutWaitingForTheLongOne() throws Exception {
    Watchdog.IdleTimer longTimer = Watchdog.IdleTimer.start(Duration.ofHours(1), () -> {});
    CountDownLatch fired = new CountDownLatch(1);
    try {
      Watchdog.IdleTimer.start(Duration.ofMillis(20), fired::countDown);

      assertThat(fired.await(10, TimeUnit.SECONDS)).as("the short timer fired").isTrue();
    } finally {
      longTimer.stop();
    }
  }

  @Test
  void aTimerFiresOnceItsClockRunsOutAndAStoppedOneNever() throws Exception {
    AtomicLong clock =
        new AtomicLong(); // the timers' idea of time: nothing runs out until it moves
    CountDownLatch stoppedFired = new CountDownLatch(1);
    new Watchdog.IdleTimer(Duration.ofMillis(10), stoppedFired::countDown, clock::get).stop();
    CountDownLatch fired = new CountDownLatch(1);
    AtomicInteger fires = new AtomicInteger();
    new Watchdog.IdleTimer(
        Duration.ofMillis(10),
        () -> {
          fires.incrementAndGet();
          fired.countDown();
        },
        clock::get);

    clock.addAndGet(Duration.ofSeconds(1).toNanos()); // both have run out now

    assertThat(fired.await(10, TimeUnit.SECONDS)).as("the live timer fired").isTrue();
    assertThat(stoppedFired.getCount()).as("the stopped timer did not fire").isEqualTo(1);
    assertThat(fires).hasValue(1);
  }
}
