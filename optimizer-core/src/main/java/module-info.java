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
  // the judge writes its comparisons file with the same atomic writer and file locks
  exports io.taskoptimizer.core.internal.store to io.taskoptimizer.judge;

  uses io.taskoptimizer.spi.ModelProviderFactory;
  uses io.taskoptimizer.spi.OptimizerStoreFactory;
  uses io.taskoptimizer.spi.QualityAssessor;
  uses io.taskoptimizer.spi.SimilarityMetric;

  provides io.taskoptimizer.spi.QualityAssessor with
      io.taskoptimizer.core.internal.quality.GeneralQualityAssessor,
      io.taskoptimizer.core.internal.quality.SelfAssessmentAssessor,
      io.taskoptimizer.core.internal.quality.SkillDecompositionAssessor,
      io.taskoptimizer.core.internal.quality.DomainRelationshipAssessor,
      io.taskoptimizer.core.internal.quality.CoverLetterAssessor,
      io.taskoptimizer.core.internal.quality.ExtractionAssessor;
}
