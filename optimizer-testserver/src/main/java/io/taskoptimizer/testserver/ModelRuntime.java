package io.taskoptimizer.testserver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** The mutable server-side state of one scripted model: loaded or not, slots, queue, faults. */
final class ModelRuntime {

  final ScriptedModel model;
  final Semaphore slots;
  final ReentrantLock loadLock = new ReentrantLock(true);
  final AtomicInteger waitingForLoad = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final ConcurrentLinkedQueue<Fault> oneShotFaults = new ConcurrentLinkedQueue<>();

  // guarded by this
  private boolean loaded;
  private @Nullable Instant expiresAt; // null while loaded = forever
  private Map<String, Object> runnerOptions = Map.of();
  private int loadedContextLength;
  private @Nullable Instant loadedAt;

  ModelRuntime(ScriptedModel model) {
    this.model = model;
    this.slots = new Semaphore(model.parallel(), true);
  }

  /** Whether a request with these runner options can use the loaded model without a (re)load. */
  synchronized boolean isWarm(Instant now, Map<String, Object> requestedRunnerOptions) {
    if (!loaded) {
      return false;
    }
    boolean expired = expiresAt != null && !now.isBefore(expiresAt) && inFlight.get() == 0;
    if (expired) {
      loaded = false;
      return false;
    }
    return runnerOptions.equals(requestedRunnerOptions);
  }

  synchronized void markLoaded(
      Instant now,
      Map<String, Object> requestedRunnerOptions,
      int contextLength,
      @Nullable Duration keepAlive) {
    loaded = true;
    loadedAt = now;
    runnerOptions = Map.copyOf(requestedRunnerOptions);
    loadedContextLength = contextLength;
    expiresAt = keepAlive == null ? null : now.plus(keepAlive);
  }

  /** Resets the expiry after a request, as each Ollama request does; zero unloads. */
  synchronized void touch(Instant now, @Nullable Duration keepAlive) {
    if (!loaded) {
      return;
    }
    if (keepAlive != null && keepAlive.isZero()) {
      loaded = false;
      return;
    }
    expiresAt = keepAlive == null ? null : now.plus(keepAlive);
  }

  synchronized void unload() {
    loaded = false;
  }

  /** The loaded state for {@code /api/ps}, empty when not loaded or expired. */
  synchronized Optional<Loaded> loadedState(Instant now) {
    if (!loaded || (expiresAt != null && !now.isBefore(expiresAt) && inFlight.get() == 0)) {
      return Optional.empty();
    }
    return Optional.of(new Loaded(expiresAt, loadedContextLength, loadedAt));
  }

  @Nullable Fault nextFault() {
    Fault f = oneShotFaults.poll();
    return f != null ? f : model.fault().orElse(null);
  }

  void enter() {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  /** A loaded model's state. */
  static final class Loaded {
    final @Nullable Instant expiresAt;
    final int contextLength;
    final Instant loadedAt;

    Loaded(@Nullable Instant expiresAt, int contextLength, @Nullable Instant loadedAt) {
      this.expiresAt = expiresAt;
      this.contextLength = contextLength;
      this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
    }
  }
}
