package io.taskoptimizer.ollama.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The health of one host: closed (in use) until {@code threshold} calls in a row fail, then open
 * for a cooldown that doubles with every further trip up to {@code maxCooldown}; when the cooldown
 * ends, one call is let through as a probe (half-open): success closes the circuit and resets the
 * cooldown, failure opens it again for twice as long. Time comes from the injected clock only, so
 * tests move time instead of sleeping. Thread-safe.
 */
public final class CircuitBreaker {

  /** The state of a circuit. */
  public enum State {
    /** In use. */
    CLOSED,
    /** Cooling down; no calls. */
    OPEN,
    /** The cooldown ended; one probe call at a time. */
    HALF_OPEN
  }

  private final int threshold;
  private final Duration cooldown;
  private final Duration maxCooldown;
  private final Clock clock;
  private int failures;
  private int trips;
  private boolean open;
  private Instant openUntil = Instant.MIN;
  private boolean probing;

  /** Read without the lock by the router's fast path: true only while closed. */
  private volatile boolean closed = true;

  /**
   * @param threshold consecutive failures that open the circuit, at least 1
   * @param cooldown the first cooldown
   * @param maxCooldown the longest cooldown
   * @param clock the time source
   */
  public CircuitBreaker(int threshold, Duration cooldown, Duration maxCooldown, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
    }
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.maxCooldown = maxCooldown;
    this.clock = clock;
  }

  /** {@return whether a call could go to this host now} Changes no state. */
  public boolean allows() {
    if (closed) {
      return true;
    }
    synchronized (this) {
      return !probing && !clock.instant().isBefore(openUntil);
    }
  }

  /**
   * Claims the right to call this host: always while closed; once the cooldown ended, for exactly
   * one probe at a time. Every successful claim must be followed by {@link #onSuccess}, {@link
   * #onFailure} or {@link #onNeutral}.
   *
   * @return whether the claim succeeded
   */
  public boolean tryAcquire() {
    if (closed) {
      return true;
    }
    synchronized (this) {
      if (!open) {
        return true;
      }
      if (probing || clock.instant().isBefore(openUntil)) {
        return false;
      }
      probing = true;
      return true;
    }
  }

  /** A call succeeded: the circuit closes and the cooldown resets. */
  public synchronized void onSuccess() {
    failures = 0;
    trips = 0;
    open = false;
    probing = false;
    closed = true;
  }

  /** A call failed because of the host (connection, 503, first-byte timeout, cut stream). */
  public synchronized void onFailure() {
    failures++;
    if (probing || failures >= threshold) {
      trips++;
      long factor = 1L << Math.min(trips - 1, 30);
      Duration d = cooldown.multipliedBy(factor);
      if (d.compareTo(maxCooldown) > 0 || d.isNegative()) {
        d = maxCooldown;
      }
      open = true;
      closed = false;
      openUntil = clock.instant().plus(d);
    }
    probing = false;
  }

  /** A claimed call ended with no verdict on the host (e.g. the request itself was invalid). */
  public synchronized void onNeutral() {
    probing = false;
  }

  /** {@return the state now} */
  public synchronized State state() {
    if (!open) {
      return State.CLOSED;
    }
    return probing || !clock.instant().isBefore(openUntil) ? State.HALF_OPEN : State.OPEN;
  }

  /** {@return the number of failed calls in a row} */
  public synchronized int consecutiveFailures() {
    return failures;
  }

  /** {@return when an open circuit lets a probe through; empty while closed} */
  public synchronized Optional<Instant> openUntil() {
    return open ? Optional.of(openUntil) : Optional.empty();
  }
}
