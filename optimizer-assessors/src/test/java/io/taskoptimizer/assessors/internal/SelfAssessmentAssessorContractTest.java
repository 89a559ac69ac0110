package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class SelfAssessmentAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new SelfAssessmentAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
