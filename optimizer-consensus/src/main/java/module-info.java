/**
 * Task Optimizer consensus verification: a difflib-exact {@link
 * io.taskoptimizer.consensus.SequenceMatcher}, the multi-model {@link
 * io.taskoptimizer.consensus.ConsensusExtractor} and job posting loading.
 *
 * @provides io.taskoptimizer.spi.SimilarityMetric
 */
module io.taskoptimizer.consensus {
  requires transitive io.taskoptimizer.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.consensus;

  provides io.taskoptimizer.spi.SimilarityMetric with
      io.taskoptimizer.consensus.SequenceMatcherSimilarity;
}
