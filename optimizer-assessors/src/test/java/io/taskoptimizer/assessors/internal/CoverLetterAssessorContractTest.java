package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class CoverLetterAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new CoverLetterAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
