package io.taskoptimizer.ollama.internal;

import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Aborts one HTTP exchange only while the exchange still owns its connection.
 *
 * <p>Why this exists: the JDK client returns an HTTP/1.1 connection to its pool as soon as it has
 * parsed the last byte of a response body, and only then completes the body subscriber and, a few
 * hand-offs later, the exchange's future, for which {@code HttpClient.send} waits. Interrupting
 * that wait (which makes {@code send} cancel the exchange) or cancelling the body subscription in
 * between closes the connection unconditionally, although it may by then carry another call's
 * exchange, which fails with "connection closed locally". So an abort must never reach the JDK once
 * the response is complete.
 *
 * <p>The body subscribers call {@link #responseReceived()} as soon as they know the response is
 * complete, which for a well-formed answer is before the JDK can know it: on the final NDJSON line
 * ({@code "done":true}, Ollama's last line) or on the last byte of a {@code Content-Length} body,
 * both delivered synchronously ahead of the JDK's end-of-body handling. {@link #abort()} holds the
 * same lock while it closes the connection, so a reader that finishes meanwhile waits and the
 * connection cannot reach the pool before it is closed. A chunked body that ends without a final
 * line (a broken server) is only known complete at {@code onComplete}, after the JDK released the
 * connection; an abort racing with exactly that moment is the one case left to the JDK.
 */
final class ExchangeGuard {

  private @Nullable Thread sender;
  private boolean interruptedSender;
  private Flow.@Nullable Subscription body;
  private boolean received;
  private boolean aborted;

  /**
   * {@code thread} is about to block in {@code HttpClient.send}; returns false (do not send) if the
   * call was aborted meanwhile. Until {@link #sendReturned()}, an abort interrupts it, which makes
   * the JDK close the exchange.
   */
  synchronized boolean sending(Thread thread) {
    if (aborted) {
      return false;
    }
    sender = thread;
    return true;
  }

  /**
   * {@code send} has returned; returns whether {@link #abort()} interrupted the sending thread, so
   * that it clears its interrupt flag.
   */
  synchronized boolean sendReturned() {
    sender = null;
    boolean interrupted = interruptedSender;
    interruptedSender = false;
    return interrupted;
  }

  /**
   * The body subscription; returns whether to go on reading (false: the call was aborted, the
   * subscription is cancelled).
   */
  synchronized boolean bodyStarted(Flow.Subscription subscription) {
    if (aborted) {
      if (!received) {
        subscription.cancel();
      }
      return false;
    }
    body = subscription;
    return true;
  }

  /** The whole response has arrived (or the exchange ended): from now on an abort does nothing. */
  synchronized void responseReceived() {
    received = true;
  }

  /**
   * Closes the exchange (and with it the connection, so that Ollama stops generating) unless the
   * response is already complete. Idempotent.
   */
  synchronized void abort() {
    if (aborted) {
      return;
    }
    aborted = true;
    if (received) {
      return;
    }
    if (body != null) {
      body.cancel();
    }
    if (sender != null && !sender.isInterrupted()) {
      interruptedSender = true;
      sender.interrupt();
    }
  }
}
