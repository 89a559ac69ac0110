/**
 * Task Optimizer's built-in quality assessors: rule-based scores for each predefined task and a
 * general one for every task, found by {@code TaskOptimizer} through {@link
 * java.util.ServiceLoader}. Leave this module out to use only assessors of your own.
 *
 * @provides io.taskoptimizer.spi.QualityAssessor
 */
module io.taskoptimizer.assessors {
  requires io.taskoptimizer.api;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  provides io.taskoptimizer.spi.QualityAssessor with
      io.taskoptimizer.assessors.internal.GeneralQualityAssessor,
      io.taskoptimizer.assessors.internal.SelfAssessmentAssessor,
      io.taskoptimizer.assessors.internal.SkillDecompositionAssessor,
      io.taskoptimizer.assessors.internal.DomainRelationshipAssessor,
      io.taskoptimizer.assessors.internal.CoverLetterAssessor,
      io.taskoptimizer.assessors.internal.ExtractionAssessor;
}
