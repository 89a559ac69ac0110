package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sending thread is this test's own: an abort interrupts it as it would a thread blocked in
 * send.
 */
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

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void abortingWhileTheResponseIsArrivingInterruptsTheSenderAndCancelsTheBodyOnce() {
    ExchangeGuard guard = new ExchangeGuard();
    CountingSubscription body = new CountingSubscription();
    assertThat(guard.sending(Thread.currentThread())).isTrue();
    assertThat(guard.bodyStarted(body)).isTrue();

    guard.abort();
    guard.abort();

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(body.cancels).hasValue(1);
    assertThat(guard.sendReturned()).as("the guard reports its own interrupt").isTrue();
  }

  @Test
  void abortingAfterTheResponseWasReceivedLeavesTheExchangeAlone() {
    ExchangeGuard guard = new ExchangeGuard();
    CountingSubscription body = new CountingSubscription();
    guard.sending(Thread.currentThread());
    guard.bodyStarted(body);
    guard.responseReceived();

    guard.abort();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(body.cancels).hasValue(0);
    assertThat(guard.sendReturned()).isFalse();
  }

  @Test
  void anAbortBeforeSendingMeansTheRequestIsNotSent() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.abort();

    assertThat(guard.sending(Thread.currentThread())).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void anAbortAfterSendReturnedDoesNotInterruptTheThreadThatMovedOn() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.sending(Thread.currentThread());
    guard.sendReturned();

    guard.abort();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallersOwnInterruptIsNotTakenForTheGuards() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.sending(Thread.currentThread());
    Thread.currentThread().interrupt(); // the caller of a blocking generate was interrupted

    guard.abort();

    assertThat(guard.sendReturned())
        .as("so the sender keeps the flag and reports the interrupt")
        .isFalse();
  }

  @Test
  void aBodyThatStartsAfterAnAbortIsCancelledAndNotRead() {
    ExchangeGuard guard = new ExchangeGuard();
    guard.sending(Thread.currentThread());
    guard.abort();
    CountingSubscription body = new CountingSubscription();

    assertThat(guard.bodyStarted(body)).isFalse();
    assertThat(body.cancels).hasValue(1);
  }
}
