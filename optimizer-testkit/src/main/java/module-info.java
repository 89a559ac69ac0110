/**
 * Task Optimizer testkit: an in-JVM Ollama-protocol server ({@code OllamaTestServer}) with scripted
 * models, latency and fault injection, a JUnit 5 extension, and contract test bases for plugin
 * authors ({@code ModelProviderContract}).
 */
module io.taskoptimizer.testkit {
  requires transitive io.taskoptimizer.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.testkit;
}
