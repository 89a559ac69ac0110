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
  // the assessment bound, shared by the engine and the built-in assessors (which must not depend on core)
  exports io.taskoptimizer.api.internal to io.taskoptimizer.core, io.taskoptimizer.assessors;
}
