package io.taskoptimizer.consensus;

import io.taskoptimizer.consensus.internal.CodePoints;
import io.taskoptimizer.consensus.internal.IntIdMap;
import io.taskoptimizer.consensus.internal.MatcherScratch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * An exact port of CPython 3.11's {@code difflib.SequenceMatcher} for strings: the same ratio (the
 * same {@code double}, bit for bit), the same matching blocks and the same opcodes, because users
 * compare our similarity numbers with the original Python tool's.
 *
 * <p>The elements are Unicode code points, as in a Python {@code str}: an emoji outside the Basic
 * Multilingual Plane is one element, and every index this class takes or returns counts code
 * points, not UTF-16 chars. All of difflib's rules carry over: elements of {@code b} for which
 * {@code isJunk} holds never start a match; with {@code autojunk} (the default) an element making
 * up more than 1% + 1 of a {@code b} of 200 or more elements is "popular" and treated like junk
 * when searching; among equally long matches the one starting earliest in {@code a}, then in {@code
 * b}, wins; and the ratio of two empty strings is 1.0. Like difflib's, the ratio is not symmetric
 * in general: swap {@code a} and {@code b} and autojunk may see different popular elements.
 *
 * <p>Instances are immutable and thread-safe; results are computed on first use and cached. The
 * golden-corpus test {@code SequenceMatcherGoldenTest} checks all of this against CPython.
 */
public final class SequenceMatcher {

  /** difflib's popularity threshold applies to {@code b} of at least this many elements. */
  private static final int AUTOJUNK_MIN_LENGTH = 200;

  private final String textA;
  private final String textB;
  private final boolean autojunk;
  private final int[] a;
  private final int[] b;

  /** Dense id of each element of b. */
  private final int[] bIds;

  /** Dense id (in b's id space) of each element of a; {@code counts.length} when b lacks it. */
  private final int[] aIds;

  /** Number of occurrences of each id in b (difflib's {@code fullbcount}). */
  private final int[] counts;

  /** Whether each id is junk (difflib's {@code bjunk}). */
  private final boolean[] junk;

  /** Whether each id is popular (difflib's {@code bpopular}). */
  private final boolean[] popular;

  /**
   * b2j as compressed rows: the positions of id k are {@code positions[start[k] .. start[k+1])}.
   */
  private final int[] start;

  private final int[] positions;

  /**
   * The positions i of a whose element has b2j entries, ascending. Only these rows can extend a
   * match, so the search visits them alone; the others would just empty {@code j2len}, which the
   * row-indexed stamps do implicitly.
   */
  private final int[] liveRows;

  /** Whether any element of b is junk; if not, the junk extension loops are skipped. */
  private final boolean anyJunk;

  private volatile @Nullable List<Match> matchingBlocks;
  private volatile @Nullable List<Opcode> opcodes;

  /**
   * Compares {@code a} with {@code b} like {@code difflib.SequenceMatcher(None, a, b)}, with
   * autojunk on.
   *
   * @param a the first sequence; must not be null
   * @param b the second sequence; must not be null; differences say how to turn {@code a} into
   *     {@code b}
   * @throws NullPointerException if {@code a} or {@code b} is null
   */
  public SequenceMatcher(String a, String b) {
    this(null, a, b, true);
  }

  /**
   * Compares like {@code difflib.SequenceMatcher(None, a, b, autojunk)}.
   *
   * @param a the first sequence; must not be null
   * @param b the second sequence; must not be null; differences say how to turn {@code a} into
   *     {@code b}
   * @param autojunk whether to apply the popular-element heuristic
   * @throws NullPointerException if {@code a} or {@code b} is null
   */
  public SequenceMatcher(String a, String b, boolean autojunk) {
    this(null, a, b, autojunk);
  }

  /**
   * Compares like {@code difflib.SequenceMatcher(isjunk, a, b, autojunk)}, with the arguments in
   * difflib's order.
   *
   * @param isJunk tests a code point of {@code b}; called once per distinct code point of {@code
   *     b}, during construction only; {@code null} for no junk (as difflib's {@code None})
   * @param a the first sequence
   * @param b the second sequence; differences say how to turn {@code a} into {@code b}
   * @param autojunk whether to apply the popular-element heuristic
   */
  public SequenceMatcher(@Nullable IntPredicate isJunk, String a, String b, boolean autojunk) {
    this.textA = Objects.requireNonNull(a, "a");
    this.textB = Objects.requireNonNull(b, "b");
    this.autojunk = autojunk;
    this.a = CodePoints.of(a);
    this.b = CodePoints.of(b);

    // difflib's __chain_b: index b first, then purge junk, then popular elements.
    int lb = this.b.length;
    IntIdMap map = new IntIdMap(64);
    bIds = new int[lb];
    int[] cnt = new int[64];
    for (int j = 0; j < lb; j++) {
      int id = map.getOrAdd(this.b[j]);
      if (id == cnt.length) {
        cnt = Arrays.copyOf(cnt, cnt.length * 2);
      }
      cnt[id]++;
      bIds[j] = id;
    }
    int distinct = map.size();
    counts = Arrays.copyOf(cnt, distinct);
    junk = new boolean[distinct];
    boolean sawJunk = false;
    if (isJunk != null) {
      // one call per distinct element, in order of first occurrence, as difflib iterates b2j.keys()
      boolean[] asked = new boolean[distinct];
      for (int j = 0; j < lb; j++) {
        int id = bIds[j];
        if (!asked[id]) {
          asked[id] = true;
          if (isJunk.test(this.b[j])) {
            junk[id] = true;
            sawJunk = true;
          }
        }
      }
    }
    anyJunk = sawJunk;
    popular = new boolean[distinct];
    if (autojunk && lb >= AUTOJUNK_MIN_LENGTH) {
      int ntest = lb / 100 + 1;
      for (int id = 0; id < distinct; id++) {
        if (!junk[id] && counts[id] > ntest) {
          popular[id] = true;
        }
      }
    }
    // one extra, empty row at id `distinct` for elements of a that b lacks
    start = new int[distinct + 2];
    for (int id = 0; id < distinct; id++) {
      start[id + 1] = start[id] + (junk[id] || popular[id] ? 0 : counts[id]);
    }
    positions = new int[start[distinct]];
    int[] fill = Arrays.copyOf(start, distinct);
    for (int j = 0; j < lb; j++) {
      int id = bIds[j];
      if (!junk[id] && !popular[id]) {
        positions[fill[id]++] = j;
      }
    }
    start[distinct + 1] = start[distinct];
    aIds = new int[this.a.length];
    int[] live = new int[this.a.length];
    int liveCount = 0;
    for (int i = 0; i < this.a.length; i++) {
      int id = map.get(this.a[i]);
      aIds[i] = id < 0 ? distinct : id;
      if (start[aIds[i]] < start[aIds[i] + 1]) {
        live[liveCount++] = i;
      }
    }
    liveRows = liveCount == live.length ? live : Arrays.copyOf(live, liveCount);
  }

  /** {@return the first sequence, as given} */
  public String a() {
    return textA;
  }

  /** {@return the second sequence, as given} */
  public String b() {
    return textB;
  }

  /** {@return the length of {@code a} in code points (difflib's {@code len(a)})} */
  public int lengthA() {
    return a.length;
  }

  /** {@return the length of {@code b} in code points (difflib's {@code len(b)})} */
  public int lengthB() {
    return b.length;
  }

  /** {@return whether the popular-element heuristic is on} */
  public boolean autojunk() {
    return autojunk;
  }

  /**
   * {@return the similarity in 0..1: {@code 2.0 * M / T} where {@code M} is the number of matched
   * elements and {@code T} the total number of elements of both sequences; 1.0 when both are empty}
   */
  public double ratio() {
    int m = 0;
    for (Match block : matchingBlocks()) {
      m += block.size();
    }
    return calculateRatio(m, a.length + b.length);
  }

  /**
   * {@return an upper bound on {@link #ratio()}, computed from element counts only (difflib's
   * {@code quick_ratio})}
   */
  public double quickRatio() {
    int[] avail = counts.clone();
    int m = 0;
    for (int id : aIds) {
      if (id < avail.length && avail[id]-- > 0) {
        m++;
      }
    }
    return calculateRatio(m, a.length + b.length);
  }

  /**
   * {@return a cheaper upper bound on {@link #ratio()}, from the lengths only (difflib's {@code
   * real_quick_ratio})}
   */
  public double realQuickRatio() {
    return calculateRatio(Math.min(a.length, b.length), a.length + b.length);
  }

  /**
   * {@return the longest matching block of {@code a} and {@code b}, with difflib's junk rules and
   * tie-breaking; of size 0 when nothing matches}
   */
  public Match findLongestMatch() {
    return findLongestMatch(0, a.length, 0, b.length);
  }

  /**
   * The longest matching block of {@code a[alo:ahi]} and {@code b[blo:bhi]} (code point indices),
   * as difflib's {@code find_longest_match(alo, ahi, blo, bhi)}.
   *
   * @param alo start of the range in {@code a}, inclusive
   * @param ahi end of the range in {@code a}, exclusive; at least {@code alo}, at most {@link
   *     #lengthA()}
   * @param blo start of the range in {@code b}, inclusive
   * @param bhi end of the range in {@code b}, exclusive; at least {@code blo}, at most {@link
   *     #lengthB()}
   * @return the longest match within the ranges, earliest in {@code a} then in {@code b} among
   *     equals; of size 0 (at {@code (alo, blo)}) when nothing matches
   * @throws IndexOutOfBoundsException if a range is not within its sequence
   */
  public Match findLongestMatch(int alo, int ahi, int blo, int bhi) {
    Objects.checkFromToIndex(alo, ahi, a.length);
    Objects.checkFromToIndex(blo, bhi, b.length);
    MatcherScratch s = MatcherScratch.borrow(b.length);
    longestMatch(s, alo, ahi, blo, bhi);
    return new Match(s.best[0], s.best[1], s.best[2]);
  }

  /**
   * The matching blocks, ascending and non-overlapping in both sequences, adjacent blocks merged,
   * ending with the sentinel {@code (lengthA, lengthB, 0)} (difflib's {@code
   * get_matching_blocks()}).
   *
   * @return the blocks, an unmodifiable list computed on first use
   */
  public List<Match> matchingBlocks() {
    List<Match> blocks = matchingBlocks;
    if (blocks == null) {
      blocks = computeMatchingBlocks();
      matchingBlocks = blocks;
    }
    return blocks;
  }

  /**
   * How to turn {@code a} into {@code b}: a list of {@link Opcode}s covering both sequences
   * completely (difflib's {@code get_opcodes()}).
   *
   * @return the opcodes in order, an unmodifiable list computed on first use
   */
  public List<Opcode> opcodes() {
    List<Opcode> ops = opcodes;
    if (ops == null) {
      ops = computeOpcodes();
      opcodes = ops;
    }
    return ops;
  }

  // --- the algorithm -----------------------------------------------------------------------------

  private static double calculateRatio(int matches, int length) {
    return length == 0 ? 1.0 : 2.0 * matches / length;
  }

  /**
   * difflib's {@code find_longest_match}, writing besti, bestj and bestsize to {@code s.best}.
   *
   * <p>difflib keeps {@code j2len} (the length of the longest match ending at {@code a[i-1]} and
   * {@code b[j]}) in a fresh dict per row; here two alternating arrays hold it, and an entry counts
   * only when its stamp is the previous row's, which is the same as starting from an empty dict and
   * needs no clearing.
   */
  private void longestMatch(MatcherScratch s, int alo, int ahi, int blo, int bhi) {
    final int[] a = this.a;
    final int[] b = this.b;
    final int[] aIds = this.aIds;
    final int[] start = this.start;
    final int[] positions = this.positions;
    final int[] liveRows = this.liveRows;
    int besti = alo;
    int bestj = blo;
    int bestsize = 0;
    // row i has stamp base + i: a row skipped because a[i] has no b2j entry leaves no entries with
    // its stamp, so the next row starts from an empty j2len, exactly as in difflib
    final int base = s.reserve(ahi - alo) - alo;
    int r = alo == 0 ? 0 : lowerBound(liveRows, 0, liveRows.length, alo);
    for (; r < liveRows.length; r++) {
      final int i = liveRows[r];
      if (i >= ahi) {
        break;
      }
      final int stamp = base + i;
      int id = aIds[i];
      int p = start[id];
      int end = start[id + 1];
      if (positions[p] < blo) {
        // difflib skips j < blo one by one; usually only a few, so step first, then bisect
        int lim = Math.min(end, p + 8);
        do {
          p++;
        } while (p < lim && positions[p] < blo);
        if (p == lim && p < end && positions[p] < blo) {
          p = lowerBound(positions, p, end, blo);
        }
      }
      // entries are (stamp << 32 | length), stored at j + 1 so that j - 1 needs no bounds test
      final long[] cur = (stamp & 1) == 0 ? s.rows0 : s.rows1;
      final long[] prev = (stamp & 1) == 0 ? s.rows1 : s.rows0;
      final long stampBits = (long) stamp << 32;
      final int prevStamp = stamp - 1;
      for (; p < end; p++) {
        int j = positions[p];
        if (j >= bhi) {
          break;
        }
        long v = prev[j];
        int k = (int) (v >>> 32) == prevStamp ? (int) v + 1 : 1;
        cur[j + 1] = stampBits | k;
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
    }
    // Extend by non-junk elements on each end (popular elements are not in b2j, so the best match
    // so far contains none; they may join here).
    final int[] bIds = this.bIds;
    final boolean[] junk = this.junk;
    while (besti > alo && bestj > blo && !junk[bIds[bestj - 1]] && a[besti - 1] == b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi
        && bestj + bestsize < bhi
        && !junk[bIds[bestj + bestsize]]
        && a[besti + bestsize] == b[bestj + bestsize]) {
      bestsize++;
    }
    if (anyJunk) {
      // then suck up matching junk on each side, as difflib does
      while (besti > alo && bestj > blo && junk[bIds[bestj - 1]] && a[besti - 1] == b[bestj - 1]) {
        besti--;
        bestj--;
        bestsize++;
      }
      while (besti + bestsize < ahi
          && bestj + bestsize < bhi
          && junk[bIds[bestj + bestsize]]
          && a[besti + bestsize] == b[bestj + bestsize]) {
        bestsize++;
      }
    }
    s.best[0] = besti;
    s.best[1] = bestj;
    s.best[2] = bestsize;
  }

  /**
   * The first index in {@code [from, to)} of the ascending array whose value is at least {@code
   * key}.
   */
  private static int lowerBound(int[] sorted, int from, int to, int key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** difflib's get_matching_blocks: the same work queue (popped from the end), sort and merge. */
  private List<Match> computeMatchingBlocks() {
    int la = a.length;
    int lb = b.length;
    MatcherScratch s = MatcherScratch.borrow(lb);
    int[] queue = s.growQueue(4);
    queue[0] = 0;
    queue[1] = la;
    queue[2] = 0;
    queue[3] = lb;
    int top = 4;
    int[] found = new int[3 * 8];
    int count = 0;
    while (top > 0) {
      top -= 4;
      int alo = queue[top];
      int ahi = queue[top + 1];
      int blo = queue[top + 2];
      int bhi = queue[top + 3];
      longestMatch(s, alo, ahi, blo, bhi);
      int i = s.best[0];
      int j = s.best[1];
      int k = s.best[2];
      if (k > 0) {
        if (3 * count + 3 > found.length) {
          found = Arrays.copyOf(found, found.length * 2);
        }
        found[3 * count] = i;
        found[3 * count + 1] = j;
        found[3 * count + 2] = k;
        count++;
        if (alo < i && blo < j) {
          queue = s.growQueue(top + 4);
          queue[top] = alo;
          queue[top + 1] = i;
          queue[top + 2] = blo;
          queue[top + 3] = j;
          top += 4;
        }
        if (i + k < ahi && j + k < bhi) {
          queue = s.growQueue(top + 4);
          queue[top] = i + k;
          queue[top + 1] = ahi;
          queue[top + 2] = j + k;
          queue[top + 3] = bhi;
          top += 4;
        }
      }
    }
    // difflib sorts the (i, j, k) triples; blocks never overlap in a, so sorting by i is the same.
    long[] order = new long[count];
    for (int n = 0; n < count; n++) {
      order[n] = ((long) found[3 * n] << 32) | n;
    }
    Arrays.sort(order);
    List<Match> result = new ArrayList<>(count + 1);
    int i1 = 0;
    int j1 = 0;
    int k1 = 0;
    for (long o : order) {
      int n = (int) o;
      int i2 = found[3 * n];
      int j2 = found[3 * n + 1];
      int k2 = found[3 * n + 2];
      if (i1 + k1 == i2 && j1 + k1 == j2) {
        k1 += k2; // adjacent: collapse
      } else {
        if (k1 > 0) {
          result.add(new Match(i1, j1, k1));
        }
        i1 = i2;
        j1 = j2;
        k1 = k2;
      }
    }
    if (k1 > 0) {
      result.add(new Match(i1, j1, k1));
    }
    result.add(new Match(la, lb, 0));
    return Collections.unmodifiableList(result);
  }

  /** difflib's get_opcodes. */
  private List<Opcode> computeOpcodes() {
    List<Match> blocks = matchingBlocks();
    List<Opcode> answer = new ArrayList<>(blocks.size() * 2);
    int i = 0;
    int j = 0;
    for (Match m : blocks) {
      int ai = m.a();
      int bj = m.b();
      int size = m.size();
      Tag tag = null;
      if (i < ai && j < bj) {
        tag = Tag.REPLACE;
      } else if (i < ai) {
        tag = Tag.DELETE;
      } else if (j < bj) {
        tag = Tag.INSERT;
      }
      if (tag != null) {
        answer.add(new Opcode(tag, i, ai, j, bj));
      }
      i = ai + size;
      j = bj + size;
      if (size > 0) {
        answer.add(new Opcode(Tag.EQUAL, ai, i, bj, j));
      }
    }
    return Collections.unmodifiableList(answer);
  }

  /**
   * A matching block: {@code a[a:a+size]} equals {@code b[b:b+size]} (code point indices), as
   * difflib's {@code Match(a, b, size)}.
   *
   * <p>Immutable, so thread-safe.
   *
   * @param a start in the first sequence
   * @param b start in the second sequence
   * @param size the number of equal elements
   */
  public record Match(int a, int b, int size) {}

  /** The kind of an {@link Opcode}, named as in difflib. Immutable and thread-safe. */
  public enum Tag {
    /** {@code a[i1:i2]} should be replaced by {@code b[j1:j2]}. */
    REPLACE,
    /** {@code a[i1:i2]} should be deleted ({@code j1 == j2}). */
    DELETE,
    /** {@code b[j1:j2]} should be inserted at {@code a[i1:i1]} ({@code i1 == i2}). */
    INSERT,
    /** {@code a[i1:i2]} equals {@code b[j1:j2]}. */
    EQUAL;

    /**
     * {@return the tag as difflib spells it: {@code replace}, {@code delete}, {@code insert},
     * {@code equal}}
     */
    public String pythonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One step of turning {@code a} into {@code b}, as difflib's {@code (tag, i1, i2, j1, j2)} tuple
   * (code point indices).
   *
   * <p>Immutable, so thread-safe.
   *
   * @param tag what to do
   * @param i1 start in {@code a}
   * @param i2 end (exclusive) in {@code a}
   * @param j1 start in {@code b}
   * @param j2 end (exclusive) in {@code b}
   */
  public record Opcode(Tag tag, int i1, int i2, int j1, int j2) {

    /**
     * Validates the components.
     *
     * @param tag what to do; must not be null
     * @param i1 start in {@code a}
     * @param i2 end (exclusive) in {@code a}
     * @param j1 start in {@code b}
     * @param j2 end (exclusive) in {@code b}
     * @throws NullPointerException if {@code tag} is null
     */
    public Opcode {
      Objects.requireNonNull(tag, "tag");
    }
  }
}
