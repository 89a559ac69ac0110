package io.taskoptimizer.benchmarks.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.testserver.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoiseTest {

  @Test
  void aModelCalledAtAStepBehavesTheSameWhicheverPolicyCallsIt() {
    Scenario s = Scenarios.all().get(0).withCalls(200);
    SimProvider a = new SimProvider(s, new Noise(s, 7), new MutableClock(Instant.EPOCH));
    SimProvider b = new SimProvider(s, new Noise(s, 7), new MutableClock(Instant.EPOCH));

    a.step(123);
    b.step(0);
    b.play(2, 0); // b takes another path first
    b.step(123);

    assertThat(a.play(1, 0)).isEqualTo(b.play(1, 0));
  }

  @Test
  void differentSeedsGiveDifferentDraws() {
    Scenario s = Scenarios.all().get(0).withCalls(50);

    assertThat(new Noise(s, 1).quality[0]).isNotEqualTo(new Noise(s, 2).quality[0]);
  }

  @Test
  void aCallAdvancesTheSimulatedClockByItsReportedTime() {
    Scenario s = Scenarios.all().get(0).withCalls(10);
    MutableClock clock = new MutableClock(Instant.EPOCH);
    SimProvider p = new SimProvider(s, new Noise(s, 3), clock);

    SimProvider.Outcome o = p.play(0, 0);

    assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plus(o.total()));
    assertThat(o.total().toMillis()).isPositive();
  }
}
