package io.taskoptimizer.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ModelFeedback;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredFeedbackTest {

  @Test
  void keepsTheSecondsExactly() {
    StoredFeedback f =
        new StoredFeedback(7, 6, 1, 12.345678901234567, 1.7636684144620811, List.of(0.9, 0.8));

    assertThat(f.totalTimeSeconds()).isEqualTo(12.345678901234567);
    assertThat(f.averageTimeSeconds()).isEqualTo(1.7636684144620811);
    assertThat(f.qualityRatings()).containsExactly(0.9, 0.8);
  }

  @Test
  void rejectsNegativeCountsTimesThatAreNegativeOrNotFiniteAndRatingsOutsideZeroToOne() {
    assertThatThrownBy(() -> new StoredFeedback(-1, 0, 0, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executions=-1");
    assertThatThrownBy(() -> new StoredFeedback(1, 1, 0, Double.NaN, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total_time");
    assertThatThrownBy(() -> new StoredFeedback(1, 1, 0, -0.5, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total_time=-0.5");
    assertThatThrownBy(() -> new StoredFeedback(1, 1, 0, 1, Double.POSITIVE_INFINITY, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("average_time=Infinity");
    assertThatThrownBy(() -> new StoredFeedback(1, 1, 0, 1, 1, List.of(1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }

  @Test
  void emptyHasNothingRecordedAndBecomesTheEmptyModelFeedback() {
    assertThat(StoredFeedback.empty()).isEqualTo(new StoredFeedback(0, 0, 0, 0.0, 0.0, List.of()));
    assertThat(StoredFeedback.empty().toModelFeedback()).isEqualTo(ModelFeedback.empty());
  }

  @Test
  void toModelFeedbackKeepsCountsAndRatingsAndConvertsTheSecondsToDurations() {
    ModelFeedback f = new StoredFeedback(4, 3, 1, 10.0, 2.5, List.of(0.5, 1.0)).toModelFeedback();

    assertThat(f)
        .isEqualTo(
            new ModelFeedback(
                4, 3, 1, Duration.ofSeconds(10), Duration.ofMillis(2500), List.of(0.5, 1.0)));
    assertThat(f.successRate()).hasValue(0.75);
    assertThat(f.averageQuality()).hasValue(0.75);
  }

  @Test
  void toModelFeedbackRoundsTheSecondsToTheNearestNanosecond() {
    ModelFeedback f =
        new StoredFeedback(7, 6, 1, 12.345678901234567, 1.7636684144620811, List.of())
            .toModelFeedback();

    assertThat(f.totalTime()).isEqualTo(Duration.ofNanos(12_345_678_901L));
    assertThat(f.averageTime()).isEqualTo(Duration.ofNanos(1_763_668_414L));
    assertThat(new StoredFeedback(1, 1, 0, 1e-9, 0.6e-9, List.of()).toModelFeedback())
        .extracting(ModelFeedback::totalTime, ModelFeedback::averageTime)
        .containsExactly(Duration.ofNanos(1), Duration.ofNanos(1));
    assertThat(new StoredFeedback(1, 1, 0, 0.4e-9, 0.0, List.of()).toModelFeedback().totalTime())
        .as("less than half a nanosecond rounds down to zero")
        .isZero();
  }

  @Test
  void toModelFeedbackSaturatesTimesTooLargeForADurationOfNanoseconds() {
    Duration largest = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);
    ModelFeedback f =
        new StoredFeedback(1, 1, 0, Double.MAX_VALUE, Long.MAX_VALUE / 1e9, List.of())
            .toModelFeedback();

    assertThat(f.totalTime()).isEqualTo(largest);
    assertThat(f.averageTime()).isEqualTo(largest);
    assertThat(new StoredFeedback(1, 1, 0, 1e12, 0, List.of()).toModelFeedback().totalTime())
        .as("a thousand billion seconds is more than a long of nanoseconds holds")
        .isEqualTo(largest);
  }
}
