package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExchangeGuardTest {

  /** Counts cancellations, as the JDK's body subscription would close the connection on each. */
  private static final class CountingSubscription implements Flow.Subscription {
    final AtomicInteger cancels = new AtomicInteger();

    @Override
    public void request(long n) {
      // the guard never requests
    }

    @Override
    public void cancel() {
      cancels.incrementAndGet();
    }
  }

  @Test
  void abortingWhileTheResponseIsArrivingCancelsTheExchangeAndTheBodyOnce() {
    ExchangeGuard guard = new ExchangeGuard();
    CompletableFuture<String> exchange = new CompletableFuture<>();
    CountingSubscription body = new CountingSubscription();
    guard.sent(exchange);
    assertThat(guard.bodyStarted(body)).isTrue();

    guard.abort();
    guard.abort();

    assertThat(exchange).isCancelled();
    assertThat(body.cancels).hasValue(1);
  }

  @Test
  void abortingAfterTheResponseWasReceivedLeavesTheExchangeAlone() {
    ExchangeGuard guard = new ExchangeGuard();
    CompletableFuture<String> exchange = new CompletableFuture<>();
    CountingSubscription body = new CountingSubscription();
    guard.sent(exchange);
    guard.bodyStarted(body);
    guard.responseReceived();

    guard.abort();

    assertThat(exchange).isNotDone();
    assertThat(body.cancels).hasValue(0);
  }

  @Test
  void aResponseReceivedBeforeSendAsyncReturnedIsNotCancelledWhenItsFutureArrives() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.responseReceived(); // the whole answer came in on an I/O thread
    guard.abort();
    CompletableFuture<String> exchange = new CompletableFuture<>();

    guard.sent(exchange);

    assertThat(exchange).isNotDone();
  }

  @Test
  void anAbortBeforeSendAsyncReturnedCancelsTheFutureWhenItArrives() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.abort();
    CompletableFuture<String> exchange = new CompletableFuture<>();

    guard.sent(exchange);

    assertThat(exchange).isCancelled();
  }

  @Test
  void aBodyThatStartsAfterAnAbortIsCancelledAndNotRead() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.sent(new CompletableFuture<>());
    guard.abort();
    CountingSubscription body = new CountingSubscription();

    assertThat(guard.bodyStarted(body)).isFalse();
    assertThat(body.cancels).hasValue(1);
  }
}
