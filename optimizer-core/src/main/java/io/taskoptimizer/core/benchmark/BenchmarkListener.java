package io.taskoptimizer.core.benchmark;

/**
 * Follows a benchmark's progress, e.g. to draw a progress bar. Every method does nothing by
 * default. Calls come from the benchmark's threads but never concurrently (one at a time, in
 * order), so implementations need no locking; they should return quickly. An exception thrown by a
 * listener is logged and otherwise ignored.
 *
 * <p>Implementations need not be thread-safe: the runner calls a listener from one thread at a
 * time.
 */
public interface BenchmarkListener {

  /** A listener that ignores everything. */
  BenchmarkListener NONE = new BenchmarkListener() {};

  /**
   * Before the first call, with what will run.
   *
   * @param plan the models, tasks and number of runs planned; never null
   */
  default void onStart(BenchmarkPlan plan) {}

  /**
   * After a model's warm-up (successful or not).
   *
   * @param warmUp the warm-up's outcome; never null
   */
  default void onWarmUp(ModelWarmUp warmUp) {}

  /**
   * After each generation, with the progress so far.
   *
   * @param run the generation that just finished (successfully or not); never null
   * @param progress the progress including {@code run}; never null
   */
  default void onRun(BenchmarkRun run, BenchmarkProgress progress) {}

  /**
   * Once at the end, also when the benchmark was cancelled.
   *
   * @param result the benchmark's result (partial when cancelled); never null
   */
  default void onFinish(BenchmarkResult result) {}
}
