/**
 * Task Optimizer public API: value types, exceptions and the service provider interfaces.
 *
 * <p>This module has no runtime dependencies. Plugins implement the interfaces in
 * {@code io.taskoptimizer.spi} and register them with {@code provides ... with ...} and in
 * {@code META-INF/services}.
 */
module io.taskoptimizer.api {
  exports io.taskoptimizer.api;
  exports io.taskoptimizer.spi;
  exports io.taskoptimizer.api.internal to io.taskoptimizer.core, io.taskoptimizer.ollama, io.taskoptimizer.consensus, io.taskoptimizer.judge, io.taskoptimizer.jdbc, io.taskoptimizer.testkit;
}
