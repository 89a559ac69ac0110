package io.taskoptimizer.core.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger of what the optimizer reports to its users (no provider found, outages, failing
 * flushes). It keeps the facade's name, {@code io.taskoptimizer.core.TaskOptimizer}, so that
 * logging configurations written for the facade still apply now that the work is done by the
 * classes of this package. Thread-safe: an SLF4J logger.
 */
final class FacadeLog {

  static final Logger LOG = LoggerFactory.getLogger("io.taskoptimizer.core.TaskOptimizer");

  private FacadeLog() {}
}
