package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class ExtractionAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new ExtractionAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
