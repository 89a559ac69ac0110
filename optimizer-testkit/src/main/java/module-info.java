/**
 * Task Optimizer testkit: a JUnit 5 extension that runs an {@code OllamaTestServer} (from {@code
 * io.taskoptimizer.testserver}, which this module passes on) around tests, and contract test bases
 * for plugin authors ({@code ModelProviderContract}, {@code QualityAssessorContract}).
 */
module io.taskoptimizer.testkit {
  requires transitive io.taskoptimizer.api;
  requires transitive io.taskoptimizer.testserver;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.testkit;
}
