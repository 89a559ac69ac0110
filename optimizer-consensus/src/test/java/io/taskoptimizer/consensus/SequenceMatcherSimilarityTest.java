package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.spi.SimilarityMetric;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SequenceMatcherSimilarityTest {

  @Test
  void isDiscoveredByServiceLoaderUnderItsName() {
    assertThat(ServiceLoader.load(SimilarityMetric.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            m -> {
              assertThat(m).isInstanceOf(SequenceMatcherSimilarity.class);
              assertThat(m.id()).isEqualTo("sequence-matcher");
            });
  }

  @Test
  void isFoundByNameThroughTheCoreDiscovery() {
    assertThat(
            io.taskoptimizer.core.internal.similarity.SimilarityMetrics.named("sequence-matcher"))
        .isInstanceOf(SequenceMatcherSimilarity.class);
  }

  @Test
  void byDefaultEqualsDifflibsRatioOfTheRawTexts() {
    String a = "Senior  Java\nDeveloper";
    String b = "senior java developer";

    assertThat(new SequenceMatcherSimilarity().similarity(a, b))
        .isEqualTo(new SequenceMatcher(a, b).ratio())
        .isLessThan(1.0);
  }

  @Test
  void canIgnoreWhitespaceLayoutAndCase() {
    SequenceMatcherSimilarity m =
        SequenceMatcherSimilarity.builder().normalizeWhitespace(true).ignoreCase(true).build();

    assertThat(m.similarity("  Senior  Java\n\tDeveloper\u00a0", "senior java developer"))
        .isEqualTo(1.0);
    assertThat(m.similarity("Straße", "STRASSE")).isEqualTo(1.0);
    assertThat(m.normalizeWhitespace()).isTrue();
    assertThat(m.ignoreCase()).isTrue();
  }

  @Test
  void toBuilderCopiesEverySettingAndLeavesTheOriginalAlone() {
    SequenceMatcherSimilarity original =
        SequenceMatcherSimilarity.builder()
            .normalizeWhitespace(true)
            .ignoreCase(true)
            .autojunk(false)
            .build();

    SequenceMatcherSimilarity copy = original.toBuilder().build();
    SequenceMatcherSimilarity changed = original.toBuilder().ignoreCase(false).build();

    assertThat(copy.toString()).isEqualTo(original.toString());
    assertThat(changed.ignoreCase()).isFalse();
    assertThat(changed.normalizeWhitespace()).isTrue();
    assertThat(changed.autojunk()).isFalse();
    assertThat(original.ignoreCase()).isTrue();
  }

  @Test
  void whitespaceNormalisationAloneKeepsCase() {
    SequenceMatcherSimilarity m =
        SequenceMatcherSimilarity.builder().normalizeWhitespace(true).build();

    assertThat(m.similarity("a  b", "a b")).isEqualTo(1.0);
    assertThat(m.similarity("A b", "a b")).isLessThan(1.0);
  }

  @Test
  void autojunkCanBeTurnedOff() {
    String a = "x".repeat(300) + "y";
    String b = "y" + "x".repeat(300);
    SequenceMatcherSimilarity off = SequenceMatcherSimilarity.builder().autojunk(false).build();

    assertThat(off.similarity(a, b)).isEqualTo(new SequenceMatcher(a, b, false).ratio());
    assertThat(new SequenceMatcherSimilarity().autojunk()).isTrue();
  }
}
