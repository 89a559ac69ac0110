package io.taskoptimizer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.consensus.SequenceMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class PostingPairsTest {

  static final java.util.List<String> NAMES = PostingPairs.NAMES;

  @ParameterizedTest(name = "{0}")
  @FieldSource("NAMES")
  void committedPairEqualsWhatTheSeededGeneratorProduces(String name) {
    PostingPairs.Pair committed = PostingPairs.load(name);
    PostingPairs.Pair generated = PostingPairs.generate(name);

    assertThat(committed.a()).isEqualTo(generated.a());
    assertThat(committed.b()).isEqualTo(generated.b());
  }

  /** The CPython values come from difflib_bench.py (CPython 3.11) on the same files. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2k-agree,    2048, 0.84814453125",
    "2k-disagree, 2048, 0.095703125",
    "8k-agree,    8192, 0.9512939453125",
    "8k-disagree, 8192, 0.053955078125",
  })
  void pairHasTheAdvertisedSizeAndDifflibsRatio(String name, int chars, double difflibRatio) {
    PostingPairs.Pair p = PostingPairs.load(name);

    assertThat(p.a().codePointCount(0, p.a().length())).isEqualTo(chars);
    assertThat(p.b().codePointCount(0, p.b().length())).isEqualTo(chars);
    assertThat(new SequenceMatcher(p.a(), p.b()).ratio()).isEqualTo(difflibRatio);
  }
}
