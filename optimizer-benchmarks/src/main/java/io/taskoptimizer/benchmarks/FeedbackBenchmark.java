package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.TaskType;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-memory feedback recording ({@code recordFeedback}), in events per second, on one and two
 * threads, all threads recording the same task and model (the most contended case). Target: over 5
 * million events per second. Nothing is flushed during the measurement (flush interval zero); the
 * tear-down's close() persists the totals once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FeedbackBenchmark {

  private static final Duration TOOK = Duration.ofMillis(1234);

  private Path dir;
  private TaskOptimizer optimizer;

  /** An optimizer with an empty config directory and no background flush. */
  @Setup(Level.Trial)
  public void setUp() {
    dir = Fixtures.configWithSeedRankings();
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .build();
  }

  /** Persists once and removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    optimizer.close();
    Fixtures.delete(dir);
  }

  /** One successful call without a quality rating. */
  @Benchmark
  public void record() {
    optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", TOOK, true);
  }

  /** The same on two threads. */
  @Benchmark
  @Threads(2)
  public void record_2threads() {
    optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", TOOK, true);
  }

  /** One call with a quality rating (which also goes into the bounded ratings buffer). */
  @Benchmark
  public void recordWithQuality() {
    optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", TOOK, true, 0.75);
  }

  /** The same on two threads. */
  @Benchmark
  @Threads(2)
  public void recordWithQuality_2threads() {
    optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", TOOK, true, 0.75);
  }
}
