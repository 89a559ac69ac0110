/**
 * Task Optimizer test server: an in-JVM Ollama-protocol server ({@code OllamaTestServer}) with
 * scripted models, latency and fault injection. It needs no test framework, so an application (the
 * {@code taskopt demo}) can run on it too; the JUnit 5 extension and the contract test bases are in
 * {@code io.taskoptimizer.testkit}.
 */
module io.taskoptimizer.testserver {
  requires io.taskoptimizer.api;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;

  exports io.taskoptimizer.testserver;
}
