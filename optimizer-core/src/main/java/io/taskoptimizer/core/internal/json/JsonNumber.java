package io.taskoptimizer.core.internal.json;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number that keeps its token exactly as written ({@code 0.8999999999999999}, {@code 1e-05},
 * {@code 19.5}, {@code 6}), so that an unchanged value is written back unchanged.
 *
 * @param token the number as written; Python's {@code NaN}, {@code Infinity} and {@code -Infinity}
 *     are accepted so that validation can reject them with a clear message
 * @param integral whether the token is an integer (no fraction, no exponent)
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record JsonNumber(String token, boolean integral, int line, int column)
    implements JsonValue {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * Validates.
   *
   * @param token the number as written; must not be null
   * @param integral whether the token is an integer (no fraction, no exponent)
   * @param line 1-based source line, 0 if built in code
   * @param column 1-based source column, 0 if built in code
   * @throws NullPointerException if {@code token} is null
   */
  public JsonNumber {
    Objects.requireNonNull(token, "token");
  }

  /**
   * A float, written the way Python's {@code repr} writes it.
   *
   * @param value the value; NaN and infinities give Python's tokens
   * @return the number, without a source position
   */
  public static JsonNumber of(double value) {
    return new JsonNumber(PyFloat.repr(value), false, 0, 0);
  }

  /**
   * An integer.
   *
   * @param value the value
   * @return the number, without a source position
   */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value), true, 0, 0);
  }

  /** {@return the value as a double (NaN and infinities included)} */
  public double doubleValue() {
    return switch (token) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  /**
   * {@return whether the value is a whole number that fits in a {@code long} (e.g. {@code 6} or
   * {@code 6.0})}
   */
  public boolean isWholeLong() {
    if (integral) {
      BigInteger v = new BigInteger(token);
      return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }
    double d = doubleValue();
    return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53;
  }

  /** {@return the value as a long; call {@link #isWholeLong()} first} */
  public long longValue() {
    return integral ? Long.parseLong(token) : (long) doubleValue();
  }

  @Override
  public String typeName() {
    return "number";
  }
}
