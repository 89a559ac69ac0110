package io.taskoptimizer.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void standsStillUntilMoved() {
    MutableClock clock = new MutableClock(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceAddsAndSetReplaces() {
    MutableClock clock = new MutableClock(T0);

    assertThat(clock.advance(Duration.ofSeconds(9))).isEqualTo(T0.plusSeconds(9));
    clock.advance(Duration.ofNanos(1));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(9).plusNanos(1));
    clock.advance(Duration.ofSeconds(-4));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(5).plusNanos(1));

    clock.set(T0.plus(Duration.ofDays(3)));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(3)));
  }

  @Test
  void aClockInAnotherZoneSharesTheTime() {
    MutableClock utc = new MutableClock(T0);
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    MutableClock local = utc.withZone(berlin);
    utc.advance(Duration.ofHours(1));
    local.advance(Duration.ofMinutes(1));

    assertThat(local.getZone()).isEqualTo(berlin);
    assertThat(local.instant()).isEqualTo(T0.plus(Duration.ofMinutes(61)));
    assertThat(utc.instant()).isEqualTo(local.instant());
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }

  @Test
  void advancesFromManyThreadsAddUp() throws Exception {
    MutableClock clock = new MutableClock(T0);
    int threads = 4;
    int perThread = 10_000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    clock.advance(Duration.ofMillis(1));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(clock.instant()).isEqualTo(T0.plusMillis((long) threads * perThread));
  }

  @Test
  void rejectsNull() {
    MutableClock clock = new MutableClock(T0);

    assertThatThrownBy(() -> new MutableClock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> clock.withZone(null)).isInstanceOf(NullPointerException.class);
    assertThat(clock.instant()).isEqualTo(T0);
  }
}
