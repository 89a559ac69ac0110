package io.taskoptimizer.consensus.internal;

import java.util.Arrays;

/**
 * Per-thread working arrays for the longest-match search, so that repeated comparisons allocate
 * nothing. The arrays stand in for difflib's {@code j2len} dictionaries: a row's entry is valid
 * only when its stamp is the previous row's, so nothing is ever cleared.
 *
 * <p>Borrow with {@link #borrow(int)}, use on the same thread only, and never across a call that
 * could borrow again (the search does not call user code).
 */
public final class MatcherScratch {

  /** Larger buffers are not kept, so one huge comparison does not pin memory in a thread. */
  private static final int MAX_CACHED = 1 << 18;

  private static final ThreadLocal<MatcherScratch> CACHE =
      ThreadLocal.withInitial(MatcherScratch::new);

  /**
   * difflib's {@code j2len} for even and odd rows: entry {@code j + 1} holds {@code (row stamp <<
   * 32) | length} of the longest match ending at {@code b[j]}.
   */
  public long[] rows0 = new long[0];

  /** See {@link #rows0}. */
  public long[] rows1 = new long[0];

  /** The result of the last search: besti, bestj, bestsize. */
  public final int[] best = new int[3];

  /** Work stack of the matching-blocks loop (alo, ahi, blo, bhi quadruples). */
  public int[] queue = new int[64];

  private int stamp = 2;

  private MatcherScratch() {}

  /**
   * Scratch arrays for a second sequence of {@code lengthB} elements.
   *
   * @param lengthB the number of elements of the second sequence, not negative
   * @return this thread's scratch (a fresh one, not cached, above the cached size), its rows long
   *     enough for {@code lengthB}
   */
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
    if (rows0.length < n + 1) {
      int cap = Math.max(n + 1, Math.min(MAX_CACHED, rows0.length * 2));
      rows0 = new long[cap];
      rows1 = new long[cap];
      stamp = 2;
    }
  }

  /**
   * Reserves stamps for a search of {@code rows} rows and returns the first. Consecutive searches
   * leave a gap so a row never sees the previous search's last row as its predecessor.
   *
   * @param rows the number of rows the search will visit, not negative
   * @return the stamp of the first row; the following rows use the following stamps
   */
  public int reserve(int rows) {
    if (stamp > Integer.MAX_VALUE - rows - 4) {
      Arrays.fill(rows0, 0L);
      Arrays.fill(rows1, 0L);
      stamp = 2;
    }
    int first = stamp + 1;
    stamp = first + rows + 1;
    return first;
  }

  /**
   * Grows the work stack to hold at least {@code n} ints, keeping its contents.
   *
   * @param n the number of ints needed
   * @return the work stack, {@link #queue}, at least {@code n} long
   */
  public int[] growQueue(int n) {
    if (queue.length < n) {
      queue = Arrays.copyOf(queue, Math.max(n, queue.length * 2));
    }
    return queue;
  }
}
