package io.taskoptimizer.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void formatsRfc3339NanoWithTrailingZerosTrimmed() {
    assertThat(Wire.rfc3339(Instant.parse("2025-10-26T17:21:21.196249000Z"), ZoneOffset.UTC))
        .isEqualTo("2025-10-26T17:21:21.196249Z");
    assertThat(Wire.rfc3339(Instant.parse("2025-10-26T17:21:21Z"), ZoneOffset.UTC))
        .isEqualTo("2025-10-26T17:21:21Z");
    assertThat(
            Wire.rfc3339(Instant.parse("2025-05-10T15:06:48.639712648Z"), ZoneOffset.ofHours(-7)))
        .isEqualTo("2025-05-10T08:06:48.639712648-07:00");
  }

  @Test
  void parsesGoDurationsWithGoErrorMessages() {
    assertThat(Wire.goDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Wire.goDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Wire.goDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Wire.goDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Wire.goDuration("-1m")).isEqualTo(Duration.ofMinutes(-1));
    assertThat(Wire.goDuration("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Wire.goDuration("-1"))
        .hasMessage("time: missing unit in duration \"-1\"");
    assertThatThrownBy(() -> Wire.goDuration("1d"))
        .hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThatThrownBy(() -> Wire.goDuration("")).hasMessage("time: invalid duration \"\"");
  }

  @Test
  void keepAliveNumbersAreSecondsAndNegativeMeansForever() {
    assertThat(Wire.keepAlive(300)).isEqualTo(Duration.ofMinutes(5));
    assertThat(Wire.keepAlive(0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(Wire.keepAlive(-1)).isNull();
    assertThat(Wire.keepAlive("-1m")).isNull();
    assertThatThrownBy(() -> Wire.keepAlive(true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokensConcatenateBackToTheText() {
    assertThat(Wire.tokens("The capital  is\nParis."))
        .containsExactly("The", " capital", "  is", "\nParis.");
    assertThat(Wire.tokens("")).isEmpty();
    assertThat(Wire.tokens(" lead")).containsExactly(" lead");
  }
}
