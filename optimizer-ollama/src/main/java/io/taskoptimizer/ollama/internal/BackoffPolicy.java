package io.taskoptimizer.ollama.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retry number {@code attempt} (1 for the first retry). Replaceable so that
 * tests can retry without waiting.
 */
@FunctionalInterface
public interface BackoffPolicy {

  /**
   * The delay before the given retry.
   *
   * @param attempt the retry number, 1 for the first retry
   * @return the delay, zero or positive
   */
  Duration delay(int attempt);

  /**
   * Exponential backoff with jitter: 0.5 s, 1 s, 2 s, ... capped at 10 s, each multiplied by a
   * random factor in [0.5, 1.0) so that clients that failed together do not retry together (Ollama
   * sends no Retry-After).
   *
   * @return the policy
   */
  static BackoffPolicy exponentialWithJitter() {
    return attempt -> {
      long base = Math.min(10_000L, 500L << Math.min(Math.max(attempt - 1, 0), 10));
      double factor = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
      return Duration.ofMillis((long) (base * factor));
    };
  }
}
