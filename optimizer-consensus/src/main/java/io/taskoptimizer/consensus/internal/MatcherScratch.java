package io.taskoptimizer.consensus.internal;

import java.util.Arrays;

/**
 * Per-thread working arrays for the longest-match search, so that repeated comparisons allocate
 * nothing. The arrays stand in for difflib's {@code j2len} dictionaries: a row's entry is valid
 * only when its generation stamp equals the row's stamp, so nothing is ever cleared.
 *
 * <p>Borrow with {@link #borrow(int)}, use on the same thread only, and never across a call that
 * could borrow again (the search does not call user code).
 */
public final class MatcherScratch {

  /** Larger buffers are not kept, so one huge comparison does not pin memory in a thread. */
  private static final int MAX_CACHED = 1 << 18;

  private static final ThreadLocal<MatcherScratch> CACHE = ThreadLocal.withInitial(MatcherScratch::new);

  /** Lengths of the matches ending at each j, for even and odd rows. */
  public int[] len0 = new int[0];
  /** See {@link #len0}. */
  public int[] len1 = new int[0];
  /** The row stamp each {@link #len0} entry belongs to. */
  public int[] gen0 = new int[0];
  /** The row stamp each {@link #len1} entry belongs to. */
  public int[] gen1 = new int[0];
  /** The result of the last search: besti, bestj, bestsize. */
  public final int[] best = new int[3];
  /** Work stack of the matching-blocks loop (alo, ahi, blo, bhi quadruples). */
  public int[] queue = new int[64];
  private int stamp = 2;

  private MatcherScratch() {}

  /** Scratch arrays for a second sequence of {@code lengthB} elements. */
  public static MatcherScratch borrow(int lengthB) {
    if (lengthB > MAX_CACHED) {
      MatcherScratch s = new MatcherScratch();
      s.ensure(lengthB);
      return s;
    }
    MatcherScratch s = CACHE.get();
    s.ensure(lengthB);
    return s;
  }

  private void ensure(int n) {
    if (len0.length < n) {
      int cap = Math.max(n, Math.min(MAX_CACHED, len0.length * 2));
      len0 = new int[cap];
      len1 = new int[cap];
      gen0 = new int[cap];
      gen1 = new int[cap];
      stamp = 2;
    }
  }

  /**
   * Reserves stamps for a search of {@code rows} rows and returns the first. Consecutive searches
   * leave a gap so a row never sees the previous search's last row as its predecessor.
   */
  public int reserve(int rows) {
    if (stamp > Integer.MAX_VALUE - rows - 4) {
      Arrays.fill(gen0, 0);
      Arrays.fill(gen1, 0);
      stamp = 2;
    }
    int first = stamp + 1;
    stamp = first + rows + 1;
    return first;
  }

  /** Grows the work stack to hold at least {@code n} ints. */
  public int[] growQueue(int n) {
    if (queue.length < n) {
      queue = Arrays.copyOf(queue, Math.max(n, queue.length * 2));
    }
    return queue;
  }
}
