package io.taskoptimizer.core.internal.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class AvailabilityTrackerTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** A provider whose availability the test switches. */
  static final class SwitchableProvider implements ModelProvider {
    final AtomicBoolean up = new AtomicBoolean(true);
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch entered;
    volatile CountDownLatch release;

    @Override
    public String id() {
      return "ollama";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      calls.incrementAndGet();
      CountDownLatch e = entered;
      if (e != null) {
        e.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
      if (!up.get()) {
        throw new ProviderUnavailableException("connection refused");
      }
      return List.of(ModelDescriptor.of("gemma3:1b", "ollama"));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void logsAnOutageOnceWhenItStartsAndOnceWhenItEnds() {
    Logger log = mock(Logger.class);
    SwitchableProvider provider = new SwitchableProvider();
    AvailabilityTracker tracker = new AvailabilityTracker(List.of(provider), Duration.ofSeconds(30), clock, log);
    tracker.ensureLoaded();

    provider.up.set(false);
    for (int i = 0; i < 5; i++) {
      tracker.refreshAll();
    }
    verify(log, times(1)).warn(anyString(), any(Object[].class));

    provider.up.set(true);
    for (int i = 0; i < 3; i++) {
      tracker.refreshAll();
    }
    verify(log, times(1)).info(anyString(), eq("ollama"), eq(1));
    verify(log, times(1)).warn(anyString(), any(Object[].class));
    assertThat(tracker.listing("ollama").orElseThrow().up()).isTrue();
    assertThat(provider.calls.get()).isEqualTo(9);
  }

  @Test
  void recordsADownProviderInsteadOfFailing() {
    Logger log = mock(Logger.class);
    SwitchableProvider provider = new SwitchableProvider();
    provider.up.set(false);
    AvailabilityTracker tracker = new AvailabilityTracker(List.of(provider), Duration.ofSeconds(30), clock, log);

    tracker.ensureLoaded();

    Listing l = tracker.listing("ollama").orElseThrow();
    assertThat(l.up()).isFalse();
    assertThat(l.error()).contains("connection refused");
    assertThat(l.at()).isEqualTo(clock.instant());
    assertThat(tracker.loaded()).isTrue();
    assertThat(tracker.everUp()).isFalse();
    verify(log, never()).info(anyString(), any(Object[].class));
  }

  @Test
  void aCallerNeedingTheFirstAnswerWaitsForTheLoadInFlightInsteadOfAskingAgain() throws Exception {
    SwitchableProvider provider = new SwitchableProvider();
    provider.entered = new CountDownLatch(1);
    provider.release = new CountDownLatch(1);
    AvailabilityTracker tracker = new AvailabilityTracker(List.of(provider), Duration.ofSeconds(30), clock,
        mock(Logger.class));
    Thread background = new Thread(tracker::ensureLoaded);
    background.start();
    assertThat(provider.entered.await(30, TimeUnit.SECONDS)).isTrue();

    CountDownLatch callerDone = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      tracker.ensureLoaded();
      callerDone.countDown();
    });
    caller.start();
    assertThat(callerDone.await(200, TimeUnit.MILLISECONDS)).isFalse(); // still waiting for the load
    provider.release.countDown();

    assertThat(callerDone.await(30, TimeUnit.SECONDS)).isTrue();
    background.join(30_000);
    assertThat(provider.calls.get()).isEqualTo(1);
    assertThat(tracker.everUp()).isTrue();
  }
}
