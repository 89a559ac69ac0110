package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class SkillDecompositionAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new SkillDecompositionAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
