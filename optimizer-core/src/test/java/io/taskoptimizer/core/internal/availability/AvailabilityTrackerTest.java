package io.taskoptimizer.core.internal.availability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

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

  /**
   * A real SLF4J logger that keeps what is logged at INFO and above, formatted, so the tests assert
   * what a user would read rather than which logger methods were called.
   */
  static final class RecordingLogger extends LegacyAbstractLogger {
    final List<String> lines = new CopyOnWriteArrayList<>();

    RecordingLogger() {
      this.name = "recording";
    }

    List<String> at(Level level) {
      return lines.stream().filter(l -> l.startsWith(level + " ")).toList();
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
    }
  }

  @Test
  void logsAnOutageOnceWhenItStartsAndOnceWhenItEnds() {
    RecordingLogger log = new RecordingLogger();
    SwitchableProvider provider = new SwitchableProvider();
    AvailabilityTracker tracker =
        new AvailabilityTracker(List.of(provider), Duration.ofSeconds(30), clock, log);
    tracker.ensureLoaded();

    provider.up.set(false);
    for (int i = 0; i < 5; i++) {
      tracker.refreshAll();
    }
    assertThat(log.at(Level.WARN))
        .singleElement()
        .asString()
        .contains("'ollama'", "connection refused", "checked every 30s");

    provider.up.set(true);
    for (int i = 0; i < 3; i++) {
      tracker.refreshAll();
    }
    assertThat(log.at(Level.INFO))
        .containsExactly("INFO Model provider 'ollama' answers again and serves 1 models");
    assertThat(log.at(Level.WARN)).hasSize(1);
    assertThat(tracker.listing("ollama").orElseThrow().up()).isTrue();
    assertThat(provider.calls.get()).isEqualTo(9);
  }

  @Test
  void theOutageWarningCarriesTheProvidersAdviceOnlyOnce() {
    RecordingLogger log = new RecordingLogger();
    ModelProvider down =
        new ModelProvider() {
          @Override
          public String id() {
            return "ollama";
          }

          @Override
          public GenerationResult generate(GenerationRequest request, TokenListener listener) {
            throw new UnsupportedOperationException();
          }

          @Override
          public List<ModelDescriptor> listModels() {
            throw new ProviderUnavailableException(
                "Ollama is not reachable at http://127.0.0.1:1. Start it with 'ollama serve', or set OLLAMA_HOST");
          }
        };
    AvailabilityTracker tracker =
        new AvailabilityTracker(List.of(down), Duration.ofSeconds(30), clock, log);

    tracker.ensureLoaded();

    String warn = log.at(Level.WARN).get(0);
    assertThat(warn.split("ollama serve", -1)).as(warn).hasSize(2);
    assertThat(warn.split("OLLAMA_HOST", -1)).as(warn).hasSize(2);
  }

  @Test
  void recordsADownProviderInsteadOfFailing() {
    RecordingLogger log = new RecordingLogger();
    SwitchableProvider provider = new SwitchableProvider();
    provider.up.set(false);
    AvailabilityTracker tracker =
        new AvailabilityTracker(List.of(provider), Duration.ofSeconds(30), clock, log);

    tracker.ensureLoaded();

    Listing l = tracker.listing("ollama").orElseThrow();
    assertThat(l.up()).isFalse();
    assertThat(l.error()).contains("connection refused");
    assertThat(l.at()).isEqualTo(clock.instant());
    assertThat(tracker.loaded()).isTrue();
    assertThat(tracker.everUp()).isFalse();
    assertThat(log.at(Level.INFO)).isEmpty();
  }

  @Test
  void aCallerNeedingTheFirstAnswerWaitsForTheLoadInFlightInsteadOfAskingAgain() throws Exception {
    SwitchableProvider provider = new SwitchableProvider();
    provider.entered = new CountDownLatch(1);
    provider.release = new CountDownLatch(1);
    AvailabilityTracker tracker =
        new AvailabilityTracker(
            List.of(provider), Duration.ofSeconds(30), clock, new RecordingLogger());
    Thread background = new Thread(tracker::ensureLoaded);
    background.start();
    assertThat(provider.entered.await(30, TimeUnit.SECONDS)).isTrue();

    CountDownLatch callerDone = new CountDownLatch(1);
    Thread caller =
        new Thread(
            () -> {
              tracker.ensureLoaded();
              callerDone.countDown();
            });
    caller.start();
    assertThat(callerDone.await(200, TimeUnit.MILLISECONDS))
        .isFalse(); // still waiting for the load
    provider.release.countDown();

    assertThat(callerDone.await(30, TimeUnit.SECONDS)).isTrue();
    background.join(30_000);
    assertThat(provider.calls.get()).isEqualTo(1);
    assertThat(tracker.everUp()).isTrue();
  }
}
