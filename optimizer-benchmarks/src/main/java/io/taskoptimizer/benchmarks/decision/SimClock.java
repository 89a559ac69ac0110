package io.taskoptimizer.benchmarks.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Simulated time: advanced by the simulated calls, never by the wall clock. */
final class SimClock extends Clock {

  private final AtomicLong nanos = new AtomicLong();
  private final Instant start;

  SimClock(Instant start) {
    this.start = start;
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanos.get());
  }
}
