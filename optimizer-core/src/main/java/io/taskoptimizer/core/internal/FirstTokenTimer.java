package io.taskoptimizer.core.internal;

import io.taskoptimizer.spi.TokenListener;
import java.time.Duration;
import java.util.Optional;

/**
 * Passes chunks on to the caller's listener and notes when the first non-empty one arrived, so the
 * optimizer can report time to first token for providers that do not measure it themselves.
 */
public final class FirstTokenTimer implements TokenListener {

  private final TokenListener delegate;
  private final long startNanos;
  private volatile long firstNanos;
  private volatile boolean seen;

  /**
   * @param delegate the caller's listener
   * @param startNanos {@link System#nanoTime()} when the call started
   */
  public FirstTokenTimer(TokenListener delegate, long startNanos) {
    this.delegate = delegate;
    this.startNanos = startNanos;
  }

  @Override
  public void onToken(String chunk) {
    if (!seen && chunk != null && !chunk.isEmpty()) {
      firstNanos = System.nanoTime();
      seen = true;
    }
    delegate.onToken(chunk);
  }

  /** {@return the time from the start to the first non-empty chunk, or empty if none arrived} */
  public Optional<Duration> timeToFirstToken() {
    return seen ? Optional.of(Duration.ofNanos(firstNanos - startNanos)) : Optional.empty();
  }
}
