package io.taskoptimizer.api.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The argument and state checks every builder of Task Optimizer uses, so that a bad value fails the
 * same way everywhere: at the setter, with {@link NullPointerException} naming a missing value,
 * {@link IllegalArgumentException} for a value out of range and {@link IllegalStateException} for
 * options that conflict (as Caffeine's {@code requireArgument} / {@code requireState}). Messages
 * name the option and show the rejected value, e.g. {@code "timeout must be positive: PT0S"}.
 *
 * <p>Internal: exported only to Task Optimizer's own modules; not an API. Stateless, so
 * thread-safe.
 */
public final class Checks {

  private Checks() {}

  /**
   * Requires a positive duration.
   *
   * @param value the duration
   * @param name the option's name, for the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is zero or negative
   */
  public static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /**
   * Requires a duration that is zero or positive.
   *
   * @param value the duration
   * @param name the option's name, for the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static Duration requireNonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }

  /**
   * Requires a positive number.
   *
   * @param value the number
   * @param name the option's name, for the message
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is zero or negative
   */
  public static int requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /**
   * Requires a number in {@code min..max} (both included).
   *
   * @param value the number
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param name the option's name, for the message
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is outside the range
   */
  public static int requireInRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ": " + value);
    }
    return value;
  }

  /**
   * Requires a condition on an argument (Caffeine's {@code requireArgument}).
   *
   * @param condition what must hold
   * @param template the message, a {@link String#format} template
   * @param args the template's arguments
   * @throws IllegalArgumentException with the formatted message if {@code condition} is false
   */
  public static void requireArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
    }
  }

  /**
   * Requires a condition on the state built so far, for options that conflict (Caffeine's {@code
   * requireState}).
   *
   * @param condition what must hold
   * @param template the message, a {@link String#format} template; say what to do instead
   * @param args the template's arguments
   * @throws IllegalStateException with the formatted message if {@code condition} is false
   */
  public static void requireState(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(Locale.ROOT, template, args));
    }
  }

  /**
   * Requires the call counts of a feedback value ({@code ModelFeedback}, {@code StoredFeedback},
   * {@code FeedbackDelta}) not to be negative.
   *
   * @param what how the message names the counts, e.g. {@code "Feedback counts"}
   * @param executions calls
   * @param successes successful calls
   * @param failures failed calls
   * @throws IllegalArgumentException naming all three if one is negative
   */
  public static void requireFeedbackCounts(
      String what, long executions, long successes, long failures) {
    if (executions < 0 || successes < 0 || failures < 0) {
      throw new IllegalArgumentException(
          what
              + " must not be negative: executions="
              + executions
              + ", successes="
              + successes
              + ", failures="
              + failures);
    }
  }

  /**
   * Copies quality ratings and requires each to be in [0, 1].
   *
   * @param what how the message names the ratings, e.g. {@code "Quality ratings"}
   * @param ratings the ratings; must not be null nor contain null
   * @return an unmodifiable copy, in the same order
   * @throws NullPointerException if {@code ratings} or one of its elements is null
   * @throws IllegalArgumentException if a rating is outside [0, 1] or NaN
   */
  public static List<Double> copyRatings(String what, List<Double> ratings) {
    List<Double> copy = List.copyOf(ratings);
    for (Double q : copy) {
      if (!(q >= 0.0 && q <= 1.0)) {
        throw new IllegalArgumentException(what + " must be between 0 and 1, got " + q);
      }
    }
    return copy;
  }
}
