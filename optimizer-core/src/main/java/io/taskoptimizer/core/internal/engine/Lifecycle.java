package io.taskoptimizer.core.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the optimizer is still open. Every component reads it: to refuse new work after {@code
 * close()}, and to drop the feedback of calls that finish after close (the final flush has already
 * run, so it would be lost anyway). Thread-safe: one atomic flag, set once.
 */
final class Lifecycle {

  private final AtomicBoolean closed = new AtomicBoolean();

  boolean isClosed() {
    return closed.get();
  }

  /** Marks the optimizer closed; {@code true} only for the one call that did it. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  /** Throws if closed, for the operations that start new work. */
  void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This TaskOptimizer is closed");
    }
  }
}
