package io.taskoptimizer.core.internal.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.core.ExactMatchMetric;
import io.taskoptimizer.spi.SimilarityMetric;
import org.junit.jupiter.api.Test;

class SimilarityMetricsTest {

  @Test
  void discoversMetricsRegisteredForServiceLoader() {
    assertThat(SimilarityMetrics.discover())
        .extracting(SimilarityMetric::id)
        .contains("test-exact");
  }

  @Test
  void findsAMetricByName() {
    SimilarityMetric m = SimilarityMetrics.named("test-exact");

    assertThat(m).isInstanceOf(ExactMatchMetric.class);
    assertThat(m.similarity("a", "a")).isEqualTo(1.0);
  }

  @Test
  void anUnknownNameListsTheMetricsThatWereFound() {
    assertThatThrownBy(() -> SimilarityMetrics.named("cosine"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'cosine'")
        .hasMessageContaining("test-exact")
        .hasMessageContaining("optimizer-consensus");
  }
}
