/**
 * Task Optimizer core: the {@link io.taskoptimizer.core.TaskOptimizer} facade.
 *
 * @uses io.taskoptimizer.spi.ModelProviderFactory
 * @uses io.taskoptimizer.spi.OptimizerStoreFactory
 * @uses io.taskoptimizer.spi.QualityAssessor
 * @uses io.taskoptimizer.spi.SimilarityMetric
 */
module io.taskoptimizer.core {
  requires transitive io.taskoptimizer.api;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.core;
  exports io.taskoptimizer.core.benchmark;
  // the judge writes its comparisons file, consensus its result files, the CLI the files it
  // creates, with the same atomic writer (and the judge with the same file locks)
  exports io.taskoptimizer.core.internal.store to
      io.taskoptimizer.judge,
      io.taskoptimizer.consensus,
      io.taskoptimizer.examples;
  // consensus looks its similarity metric up with the same plugin discovery
  exports io.taskoptimizer.core.internal.similarity to
      io.taskoptimizer.consensus;

  uses io.taskoptimizer.spi.ModelProviderFactory;
  uses io.taskoptimizer.spi.OptimizerStoreFactory;
  uses io.taskoptimizer.spi.QualityAssessor;
  uses io.taskoptimizer.spi.SimilarityMetric;
}
