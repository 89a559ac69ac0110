package io.taskoptimizer.benchmarks.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final Scenario STATIONARY = Scenarios.all().get(0).withCalls(1000);
  private static final int BEST = 0; // llama3.2:3b
  private static final int WORST = 4; // mistral:7b

  @Test
  void alwaysChoosingTheOracleReachesAllOfItsUtilityWithNoRegret() {
    int[] chosen = new int[1000];
    Arrays.fill(chosen, BEST);

    Metrics m = Metrics.of(STATIONARY, chosen);

    assertThat(m.share()).isEqualTo(1.0);
    assertThat(m.regret()).containsOnly(0.0);
    assertThat(m.callsToMain()).hasValue(0);
    assertThat(m.explored()).isZero();
  }

  @Test
  void alwaysChoosingAWorseModelReachesTheRatioOfTheTrueUtilities() {
    int[] chosen = new int[1000];
    Arrays.fill(chosen, WORST);

    Metrics m = Metrics.of(STATIONARY, chosen);

    double expected =
        STATIONARY.utility(STATIONARY.models().get(WORST), 0, 0)
            / STATIONARY.utility(STATIONARY.models().get(BEST), 0, 0);
    assertThat(m.share()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.callsToMain()).isEmpty();
    assertThat(m.regret().get(m.regret().size() - 1)).isPositive();
  }

  @Test
  void theTrueBestModelOfTheFleetIsLlamaWithTheDocumentedUtilities() {
    assertThat(STATIONARY.oracle(0, 0)).isEqualTo(BEST);
    assertThat(STATIONARY.utility(STATIONARY.models().get(BEST), 0, 0))
        .isCloseTo(0.727, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void settleCountsCallsUntilEveryLaterWindowHasTheModelAsMajority() {
    int[] seq = new int[1000];
    Arrays.fill(seq, 0, 300, 1);
    Arrays.fill(seq, 300, 1000, 0);

    // windows starting at 250 or later hold more than 50 zeros
    assertThat(Metrics.settle(seq, 0, 0, true)).hasValue(251);
    // model 1 holds at most 50 of the window from 250 on
    assertThat(Metrics.settle(seq, 0, 1, false)).hasValue(250);
    assertThat(Metrics.settle(seq, 100, 0, true)).hasValue(151);
  }

  @Test
  void settleIsEmptyWhenTheLastWindowStillFails() {
    int[] seq = new int[500];
    Arrays.fill(seq, 1);

    assertThat(Metrics.settle(seq, 0, 0, true)).isEqualTo(OptionalInt.empty());
    assertThat(Metrics.settle(seq, 0, 0, false)).hasValue(0);
  }

  @Test
  void aDropMakesTheDegradedModelWorseThanTheRunnerUpFromTheDropOn() {
    Scenario drift =
        Scenarios.all().stream().filter(s -> s.name().equals("drift")).findFirst().orElseThrow();

    assertThat(drift.oracle(0, 2999)).isEqualTo(BEST);
    assertThat(drift.models().get(drift.oracle(0, 3000)).name()).isEqualTo("gemma3:1b");
  }

  @Test
  void aNewModelIsTheOracleOnlyOnceItIsServed() {
    Scenario s =
        Scenarios.all().stream()
            .filter(x -> x.name().equals("new-model"))
            .findFirst()
            .orElseThrow();

    assertThat(s.models().get(s.oracle(0, 1999)).name()).isEqualTo("llama3.2:3b");
    assertThat(s.models().get(s.oracle(0, 2000)).name()).isEqualTo("granite3.3:2b");
  }
}
