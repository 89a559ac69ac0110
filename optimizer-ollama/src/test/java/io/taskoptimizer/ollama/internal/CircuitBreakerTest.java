package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.testserver.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CircuitBreaker breaker =
      new CircuitBreaker(3, Duration.ofSeconds(5), Duration.ofSeconds(15), clock);

  @Test
  void opensAfterTheThresholdOfFailuresInARowOnly() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.allows()).isFalse();
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void letsOneProbeThroughAfterTheCooldownAndDoublesItOnFailureUpToTheMaximum() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    clock.advance(Duration.ofSeconds(5));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse(); // one probe at a time
    breaker.onFailure();
    assertThat(breaker.openUntil()).contains(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onFailure();
    assertThat(breaker.openUntil()).contains(clock.instant().plusSeconds(15)); // capped
    clock.advance(Duration.ofSeconds(15));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.onFailure();
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.openUntil())
        .contains(clock.instant().plusSeconds(5)); // reset after recovery
  }

  @Test
  void aNeutralOutcomeReleasesTheProbeWithoutAVerdict() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    clock.advance(Duration.ofSeconds(5));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onNeutral();
    assertThat(breaker.tryAcquire()).isTrue();
  }
}
