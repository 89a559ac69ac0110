package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.testkit.QualityAssessorContract;

class DomainRelationshipAssessorContractTest extends QualityAssessorContract {

  @Override
  protected QualityAssessor createAssessor() {
    return new DomainRelationshipAssessor();
  }

  @Override
  protected boolean reservedIdAllowed() {
    return true;
  }
}
