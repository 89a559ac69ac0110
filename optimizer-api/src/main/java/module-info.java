/**
 * Task Optimizer public API: value types, exceptions and the service provider interfaces.
 *
 * <p>This module has no runtime dependencies. Plugins implement the interfaces in {@code
 * io.taskoptimizer.spi} and register them with {@code provides ... with ...} and in {@code
 * META-INF/services}.
 */
module io.taskoptimizer.api {
  // @Nullable appears in public signatures (exception causes), so transitive, as in Caffeine;
  // static, so it is not needed at run time
  requires static transitive org.jspecify;

  exports io.taskoptimizer.api;
  exports io.taskoptimizer.spi;
  // helpers shared by our modules (one implementation each: unwrap, redaction, the assessment
  // bound the engine and the built-in assessors share, the
  // builders' checks), not API
  exports io.taskoptimizer.api.internal to
      io.taskoptimizer.core,
      io.taskoptimizer.assessors,
      io.taskoptimizer.consensus,
      io.taskoptimizer.judge,
      io.taskoptimizer.ollama,
      io.taskoptimizer.jdbc,
      io.taskoptimizer.testserver;
}
