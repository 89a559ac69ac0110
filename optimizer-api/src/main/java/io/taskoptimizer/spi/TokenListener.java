package io.taskoptimizer.spi;

/**
 * Receives generated text as a provider streams it. Called on the provider's I/O thread, in order;
 * it must return quickly and must not throw.
 *
 * <p>A listener is called from one provider thread at a time for a given call; a listener shared by
 * concurrent calls must be thread-safe.
 */
@FunctionalInterface
public interface TokenListener {

  /** A listener that ignores everything. */
  TokenListener NONE = chunk -> {};

  /**
   * Called with each piece of generated text, in order.
   *
   * @param chunk the next piece of text; never null, may be a part of a word or of a character
   *     sequence
   */
  void onToken(String chunk);
}
