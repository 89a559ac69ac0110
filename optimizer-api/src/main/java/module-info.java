/**
 * Task Optimizer public API: value types, exceptions and the service provider interfaces.
 *
 * <p>This module has no runtime dependencies. Plugins implement the interfaces in
 * {@code io.taskoptimizer.spi} and register them with {@code provides ... with ...} and in
 * {@code META-INF/services}.
 */
module io.taskoptimizer.api {
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.api;
  exports io.taskoptimizer.spi;
}
