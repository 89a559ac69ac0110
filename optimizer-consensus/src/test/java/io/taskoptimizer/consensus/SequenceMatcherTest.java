package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.consensus.SequenceMatcher.Match;
import io.taskoptimizer.consensus.SequenceMatcher.Opcode;
import io.taskoptimizer.consensus.SequenceMatcher.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The API around the algorithm; the algorithm itself is checked by {@link
 * SequenceMatcherGoldenTest}.
 */
class SequenceMatcherTest {

  @Test
  void countsAnEmojiAsOneElementLikePython() {
    SequenceMatcher sm = new SequenceMatcher("a😀b", "a😀c");

    assertThat(sm.lengthA()).isEqualTo(3);
    assertThat(sm.matchingBlocks()).containsExactly(new Match(0, 0, 2), new Match(3, 3, 0));
    assertThat(sm.ratio()).isEqualTo(2.0 * 2 / 6);
  }

  @Test
  void ratioOfTwoEmptyStringsIsOne() {
    assertThat(new SequenceMatcher("", "").ratio()).isEqualTo(1.0);
    assertThat(new SequenceMatcher("", "").quickRatio()).isEqualTo(1.0);
    assertThat(new SequenceMatcher("", "").opcodes()).isEmpty();
  }

  @Test
  void reproducesTheDifflibDocumentationExample() {
    SequenceMatcher sm = new SequenceMatcher("qabxcd", "abycdf");

    assertThat(sm.opcodes())
        .containsExactly(
            new Opcode(Tag.DELETE, 0, 1, 0, 0),
            new Opcode(Tag.EQUAL, 1, 3, 0, 2),
            new Opcode(Tag.REPLACE, 3, 4, 2, 3),
            new Opcode(Tag.EQUAL, 4, 6, 3, 5),
            new Opcode(Tag.INSERT, 6, 6, 5, 6));
    assertThat(Tag.REPLACE.pythonName()).isEqualTo("replace");
  }

  @Test
  void findLongestMatchPrefersTheEarliestInAThenInB() {
    // difflib's docstring: " abcd" vs "abcd abcd" finds " abcd" at b[4]
    assertThat(new SequenceMatcher(" abcd", "abcd abcd").findLongestMatch(0, 5, 0, 9))
        .isEqualTo(new Match(0, 4, 5));
    // with blanks as junk the match may not start with one
    SequenceMatcher junk = new SequenceMatcher(cp -> cp == ' ', " abcd", "abcd abcd", true);
    assertThat(junk.findLongestMatch(0, 5, 0, 9)).isEqualTo(new Match(1, 0, 4));
  }

  @Test
  void autojunkTreatsPopularElementsOfLongSequencesAsJunk() {
    String a = "x".repeat(300) + "y";
    String b = "y" + "x".repeat(300);

    assertThat(new SequenceMatcher(a, b, false).findLongestMatch()).isEqualTo(new Match(0, 1, 300));
    // 'x' is popular in b, so no match can start with it; only the extension may add it
    assertThat(new SequenceMatcher(a, b, true).ratio())
        .isLessThan(new SequenceMatcher(a, b, false).ratio());
  }

  @Test
  void callsTheJunkPredicateOncePerDistinctElementOfB() {
    AtomicInteger calls = new AtomicInteger();

    new SequenceMatcher(
        cp -> {
          calls.incrementAndGet();
          return cp == ' ';
        },
        "ignored",
        "a b a b",
        true);

    assertThat(calls).hasValue(3);
  }

  @Test
  void rejectsRangesOutsideTheSequences() {
    SequenceMatcher sm = new SequenceMatcher("abc", "ab");

    assertThatThrownBy(() -> sm.findLongestMatch(0, 4, 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> sm.findLongestMatch(0, 3, 2, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void resultsAreImmutable() {
    SequenceMatcher sm = new SequenceMatcher("abc", "abd");

    assertThatThrownBy(() -> sm.matchingBlocks().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sm.opcodes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void oneInstanceGivesTheSameAnswersOnManyThreads() throws Exception {
    String a = ConsensusExtractorTest.A.repeat(5);
    String b = ConsensusExtractorTest.A2.repeat(5);
    double expected = new SequenceMatcher(a, b).ratio();
    SequenceMatcher shared = new SequenceMatcher(a, b);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<double[]>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  double[] out = new double[20];
                  for (int i = 0; i < out.length; i++) {
                    out[i] = i % 2 == 0 ? shared.ratio() : new SequenceMatcher(a, b).ratio();
                  }
                  return out;
                }));
      }
      go.countDown();
      for (Future<double[]> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void quickRatiosAreUpperBoundsOfTheRatio() {
    SequenceMatcher sm =
        new SequenceMatcher(
            "private Thread currentThread;", "private volatile Thread currentThread;");

    assertThat(sm.ratio()).isLessThanOrEqualTo(sm.quickRatio());
    assertThat(sm.quickRatio()).isLessThanOrEqualTo(sm.realQuickRatio());
  }
}
