package io.taskoptimizer.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void aPositiveDurationPassesAndZeroNegativeOrNullFailNamingTheOption() {
    assertThat(Checks.requirePositive(Duration.ofMillis(1), "timeout"))
        .isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Checks.requirePositive(Duration.ZERO, "timeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> Checks.requirePositive(Duration.ofSeconds(-1), "timeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
    assertThatThrownBy(() -> Checks.requirePositive((Duration) null, "timeout"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void aNonNegativeDurationAllowsZero() {
    assertThat(Checks.requireNonNegative(Duration.ZERO, "keepAlive")).isZero();
    assertThatThrownBy(() -> Checks.requireNonNegative(Duration.ofSeconds(-1), "keepAlive"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keepAlive must not be negative: PT-1S");
    assertThatThrownBy(() -> Checks.requireNonNegative(null, "keepAlive"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("keepAlive");
  }

  @Test
  void numbersAreCheckedAgainstTheirRange() {
    assertThat(Checks.requirePositive(3, "topK")).isEqualTo(3);
    assertThatThrownBy(() -> Checks.requirePositive(0, "topK"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topK must be positive: 0");
    assertThat(Checks.requireInRange(64, 1, 64, "threads")).isEqualTo(64);
    assertThatThrownBy(() -> Checks.requireInRange(65, 1, 64, "threads"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 64: 65");
  }

  @Test
  void argumentAndStateChecksFormatTheirMessage() {
    Checks.requireArgument(true, "never %s", "shown");
    Checks.requireState(true, "never %s", "shown");
    assertThatThrownBy(() -> Checks.requireArgument(false, "bad %s", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad x");
    assertThatThrownBy(() -> Checks.requireState(false, "%s conflicts with %s", "a", "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a conflicts with b");
  }
}
