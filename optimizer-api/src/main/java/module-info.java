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
  // helpers shared by our modules (one implementation each), not API
  exports io.taskoptimizer.api.internal to
      io.taskoptimizer.core,
      io.taskoptimizer.consensus,
      io.taskoptimizer.judge,
      io.taskoptimizer.ollama,
      io.taskoptimizer.jdbc;
}
