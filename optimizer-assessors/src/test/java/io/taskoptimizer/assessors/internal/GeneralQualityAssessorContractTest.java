package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class GeneralQualityAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new GeneralQualityAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
