package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.SelectionPolicies;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code nextModelFor}: the selection policy's pick for the next call, with the seed rankings (15
 * models, all served, so 15 arms) and the default guardrails, on one and two threads; and the loop
 * of a learning application, {@code recordFeedback} then {@code nextModelFor}, which also pays for
 * recomputing the task's estimates after each new observation. Target: under 1 µs for {@code
 * nextModelFor} ({@code bestModelFor} is measured by {@link SelectionBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class NextModelBenchmark {

  private static final Duration TOOK = Duration.ofMillis(1234);

  /** The selection policy. */
  @Param({"thompson", "greedy"})
  public String policy;

  private Path dir;
  private TaskOptimizer optimizer;
  private final TaskType task = TaskType.SELF_ASSESSMENT;
  private int n;

  /** Builds a warm optimizer serving every seed model, with some evidence for a few of them. */
  @Setup(Level.Trial)
  public void setUp() {
    dir = Fixtures.configWithSeedRankings();
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(new StaticProvider(Fixtures.SEED_MODELS))
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .availabilityRefreshInterval(Duration.ofHours(1))
            .selectionPolicy(
                policy.equals("greedy")
                    ? SelectionPolicies.greedy()
                    : SelectionPolicies.thompsonSampling())
            .build();
    for (int i = 0; i < 200; i++) {
      optimizer.recordFeedback(
          task, Fixtures.SEED_MODELS.get(i % 5), TOOK, true, 0.5 + (i % 5) / 10.0);
    }
    optimizer.nextModelFor(task);
  }

  /** Closes the optimizer and removes its directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    optimizer.close();
    Fixtures.delete(dir);
  }

  /** The policy's pick, estimates unchanged (the snapshot is reused). */
  @Benchmark
  public String nextModelFor() {
    return optimizer.nextModelFor(task);
  }

  /** The same, two threads at once (the score is the time per call on each thread). */
  @Benchmark
  @Threads(2)
  public String nextModelFor_2threads() {
    return optimizer.nextModelFor(task);
  }

  /** The exploit-only lookup beside it, for comparison. */
  @Benchmark
  public String bestModelFor() {
    return optimizer.bestModelFor(task);
  }

  /** A learning loop step: one observation, then the next pick (recomputes the estimates). */
  @Benchmark
  public String recordThenNextModelFor() {
    String m = optimizer.nextModelFor(task);
    optimizer.recordFeedback(task, m, TOOK, true, (n++ & 7) / 8.0);
    return m;
  }
}
