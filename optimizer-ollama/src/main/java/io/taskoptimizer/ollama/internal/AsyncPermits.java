package io.taskoptimizer.ollama.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A fair (first come, first served) semaphore whose {@link #acquire()} never blocks: it returns a
 * future that completes when a permit is granted. Asynchronous calls wait for a permit without
 * holding a thread; cancelling the returned future gives up the place in the queue.
 */
public final class AsyncPermits {

  private final int permits;
  private final Executor executor;
  private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();
  private int available;

  /**
   * @param permits the number of permits
   * @param executor runs the continuations of waiters that get a permit on release, so that a
   *     releasing thread never runs another call's code
   */
  public AsyncPermits(int permits, Executor executor) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
    this.permits = permits;
    this.available = permits;
    this.executor = executor;
  }

  /** A granted permit; release it exactly once (further releases are ignored). */
  public final class Permit {
    private boolean released;

    /** Gives the permit back. */
    public void release() {
      synchronized (AsyncPermits.this) {
        if (released) {
          return;
        }
        released = true;
      }
      handOver();
    }
  }

  /**
   * Asks for a permit.
   *
   * @return a future that completes with a permit, at once if one is free and nobody waits
   */
  public CompletableFuture<Permit> acquire() {
    CompletableFuture<Permit> f = new CompletableFuture<>();
    synchronized (this) {
      if (available > 0 && waiters.isEmpty()) {
        available--;
        f.complete(new Permit());
        return f;
      }
      waiters.addLast(f);
    }
    // the dependent stage only mirrors f, whose outcome the caller has; its action cannot fail
    CompletableFuture<Permit> unused =
        f.whenComplete(
            (p, e) -> {
              if (e != null) {
                synchronized (this) {
                  // by identity: a future is equal only to itself
                  waiters.removeIf(w -> w == f);
                }
              }
            });
    return f;
  }

  private void handOver() {
    while (true) {
      CompletableFuture<Permit> next;
      synchronized (this) {
        next = waiters.pollFirst();
        if (next == null) {
          available++;
          return;
        }
      }
      if (next.isDone()) {
        continue; // cancelled while queued
      }
      Permit p = new Permit();
      executor.execute(
          () -> {
            if (!next.complete(p)) {
              p.release();
            }
          });
      return;
    }
  }

  /** {@return the number of requests waiting for a permit} */
  public synchronized int queued() {
    return (int) waiters.stream().filter(w -> !w.isDone()).count();
  }

  /** {@return the number of permits in use} */
  public synchronized int inUse() {
    return permits - available;
  }
}
