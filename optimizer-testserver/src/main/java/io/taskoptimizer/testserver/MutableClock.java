package io.taskoptimizer.testserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: tests (and simulations) {@link #advance} or {@link #set} it
 * instead of waiting for wall-clock time, for example to expire a model's keep-alive through {@link
 * OllamaTestServer#clock(Clock)} or to age anything else that takes a {@link Clock}.
 *
 * <p>Thread-safe: advances from several threads add up, and every thread sees the latest time.
 * Clocks made by {@link #withZone(ZoneId)} share this clock's time.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /**
   * A clock standing at {@code start}, in UTC.
   *
   * @param start the time the clock shows until it is moved
   * @throws NullPointerException if {@code start} is null
   */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock forward (or back, with a negative duration).
   *
   * @param duration how far to move it
   * @return the new time
   * @throws NullPointerException if {@code duration} is null
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Sets the clock to a time.
   *
   * @param instant the time the clock shows from now on
   * @throws NullPointerException if {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * The zone of this clock (UTC unless made by {@link #withZone(ZoneId)}).
   *
   * @return the zone
   */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A clock in another zone that shares this clock's time: moving either moves both.
   *
   * @param zone the zone of the returned clock
   * @return this clock if the zone is the same, otherwise a clock sharing its time
   * @throws NullPointerException if {@code zone} is null
   */
  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  /**
   * The time the clock shows.
   *
   * @return the current instant of this clock
   */
  @Override
  public Instant instant() {
    return Objects.requireNonNull(now.get(), "now");
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "," + zone + "]";
  }
}
