package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one persistence flush of {@code model_performance_feedback.json} holding 6 tasks x 20
 * models, each with 20 quality ratings (about 54 KB), with one new event pending for every task and
 * model: take the lock, re-read and validate the file, merge, write a temporary file, fsync, keep
 * the {@code .bak}, atomic move. Dominated by the fsync, so it depends on the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FlushBenchmark {

  static final int TASKS = 6;
  static final int MODELS = 20;
  static final int RATINGS = 20;

  private static final Duration TOOK = Duration.ofMillis(2500);

  private Path dir;
  private TaskOptimizer optimizer;
  private final List<TaskType> tasks = new ArrayList<>();
  private final List<String> models = new ArrayList<>();

  /** Fills the feedback file to its steady size (every ratings buffer full). */
  @Setup(Level.Trial)
  public void setUp() {
    dir = Fixtures.configWithSeedRankings();
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .maxQualityRatings(RATINGS)
            .build();
    tasks.addAll(TaskType.predefined().subList(0, TASKS));
    for (int m = 0; m < MODELS; m++) {
      models.add("bench-model-" + m + ":7b");
    }
    for (int i = 0; i < RATINGS; i++) {
      pending();
    }
    optimizer.flush();
  }

  /** One new event for every task and model, so the flush rewrites every entry. */
  @Setup(Level.Invocation)
  public void pending() {
    for (TaskType t : tasks) {
      for (int m = 0; m < models.size(); m++) {
        optimizer.recordFeedback(t, models.get(m), TOOK, m % 5 != 0, (m % 10) / 10.0);
      }
    }
  }

  /** Closes the optimizer and removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    optimizer.close();
    Fixtures.delete(dir);
  }

  /** One flush. */
  @Benchmark
  public void flush() {
    optimizer.flush();
  }
}
