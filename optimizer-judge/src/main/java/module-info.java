/**
 * Task Optimizer judge: a model grades outputs against a per-task rubric and compares the answers
 * of two models in both orders; Bradley-Terry ratings from the comparisons; both feed quality
 * evidence to the optimizer's model selection. Entry point: {@link io.taskoptimizer.judge.Judge}.
 */
module io.taskoptimizer.judge {
  requires transitive io.taskoptimizer.core;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.judge;
}
