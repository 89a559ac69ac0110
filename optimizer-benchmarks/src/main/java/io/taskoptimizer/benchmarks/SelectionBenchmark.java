package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code bestModelFor} when warm (availability known, rankings loaded), on one and two threads,
 * against the original system's approach of reading and parsing {@code model_rankings.json} on
 * every call ({@link NaiveSelector}), with the seed rankings (6 tasks, 15 models) and every model
 * available. Target: under 50 ns and 0 bytes allocated per call (run with {@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SelectionBenchmark {

  private Path dir;
  private TaskOptimizer optimizer;
  private NaiveSelector naive;
  private final TaskType task = TaskType.SELF_ASSESSMENT;

  /**
   * Builds a warm optimizer and checks that both approaches choose the same model for every task.
   */
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
            .build();
    naive = new NaiveSelector(dir.resolve(Fixtures.RANKINGS), new HashSet<>(Fixtures.SEED_MODELS));
    for (TaskType t : TaskType.predefined()) {
      String fast = optimizer.bestModelFor(t);
      String slow = naive.bestModelFor(t);
      if (!fast.equals(slow)) {
        throw new IllegalStateException(
            "The approaches disagree for " + t + ": " + fast + " vs " + slow);
      }
    }
  }

  /** Closes the optimizer and removes its directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    optimizer.close();
    Fixtures.delete(dir);
  }

  /** The optimizer's precomputed lookup. */
  @Benchmark
  public String bestModelFor() {
    return optimizer.bestModelFor(task);
  }

  /** The same, two threads at once (the score is the time per call on each thread). */
  @Benchmark
  @Threads(2)
  public String bestModelFor_2threads() {
    return optimizer.bestModelFor(task);
  }

  /** Read and parse the rankings file, then score: what the original did on every call. */
  @Benchmark
  public String naiveReadAndParse() {
    return naive.bestModelFor(task);
  }

  /** The naive approach on two threads. */
  @Benchmark
  @Threads(2)
  public String naiveReadAndParse_2threads() {
    return naive.bestModelFor(task);
  }
}
