package io.taskoptimizer.core.internal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkRun;
import io.taskoptimizer.core.benchmark.TaskModelResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BenchmarkStatsTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;

  private static BenchmarkRun ok(String model, long millis, double quality) {
    return new BenchmarkRun(
        SA,
        model,
        "s",
        1,
        true,
        Optional.of(Duration.ofMillis(millis)),
        Optional.empty(),
        OptionalDouble.of(quality),
        false,
        OptionalInt.empty(),
        Optional.empty());
  }

  private static BenchmarkRun failed(String model) {
    return new BenchmarkRun(
        SA,
        model,
        "s",
        1,
        false,
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        false,
        OptionalInt.empty(),
        Optional.of("ProviderTimeoutException: slow"));
  }

  @Test
  void computesMedianPercentileMinMaxAndSpread() {
    List<Long> ms = List.of(100L, 300L, 200L, 400L, 1000L);

    BenchmarkStats.Latency l = BenchmarkStats.latency(ms).orElseThrow();

    assertThat(l.median()).isEqualTo(300);
    assertThat(l.p95()).isEqualTo(1000);
    assertThat(l.min()).isEqualTo(100);
    assertThat(l.max()).isEqualTo(1000);
    // population standard deviation of 100, 200, 300, 400, 1000 (mean 400)
    assertThat(l.stdDev())
        .isEqualTo(Math.round(Math.sqrt((90000 + 40000 + 10000 + 0 + 360000) / 5.0)));
    assertThat(BenchmarkStats.latency(List.of(100L, 200L)).orElseThrow().median()).isEqualTo(150);
    assertThat(BenchmarkStats.latency(List.of())).isEmpty();
  }

  @Test
  void scoresSpeedAgainstTheFastestMedianAndRanksByWeightedScoreTimesSuccessRate() {
    List<BenchmarkRun> runs =
        new ArrayList<>(
            List.of(
                ok("fast", 100, 0.6), ok("fast", 100, 0.6),
                ok("slow", 400, 0.9), ok("slow", 400, 0.9),
                ok("flaky", 100, 0.9), failed("flaky")));

    List<TaskModelResult> r =
        BenchmarkStats.compute(
            List.of(SA),
            List.of("fast", "slow", "flaky"),
            Map.of("fast", "p", "slow", "p", "flaky", "p"),
            runs,
            t -> PriorityWeights.of(0.6, 0.4));

    TaskModelResult fast =
        r.stream().filter(x -> x.model().equals("fast")).findFirst().orElseThrow();
    TaskModelResult slow =
        r.stream().filter(x -> x.model().equals("slow")).findFirst().orElseThrow();
    TaskModelResult flaky =
        r.stream().filter(x -> x.model().equals("flaky")).findFirst().orElseThrow();
    assertThat(fast.speed()).isEqualTo(1.0);
    assertThat(slow.speed()).isEqualTo(0.25);
    assertThat(fast.weightedScore()).isCloseTo(0.6 * 0.6 + 0.4, within(1e-9));
    assertThat(slow.weightedScore()).isCloseTo(0.6 * 0.9 + 0.4 * 0.25, within(1e-9));
    assertThat(flaky.successRate()).isEqualTo(0.5);
    assertThat(flaky.weightedScore()).isCloseTo((0.6 * 0.9 + 0.4) * 0.5, within(1e-9));
    assertThat(r).extracting(TaskModelResult::model).containsExactly("fast", "slow", "flaky");
    assertThat(r).extracting(TaskModelResult::rank).containsExactly(1, 2, 3);
  }

  @Test
  void ranksAModelWithoutSuccessLastWithSpeedZero() {
    List<TaskModelResult> r =
        BenchmarkStats.compute(
            List.of(SA),
            List.of("broken", "ok"),
            Map.of("broken", "p", "ok", "p"),
            List.of(failed("broken"), ok("ok", 50, 0.1)),
            t -> PriorityWeights.of(1.0, 0.0));

    assertThat(r).extracting(TaskModelResult::model).containsExactly("ok", "broken");
    assertThat(r.get(1).speed()).isZero();
    assertThat(r.get(1).quality()).isEmpty();
    assertThat(r.get(1).latencyMedian()).isEmpty();
  }
}
