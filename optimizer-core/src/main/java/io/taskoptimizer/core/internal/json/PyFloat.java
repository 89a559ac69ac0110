package io.taskoptimizer.core.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly like Python's {@code repr(float)}, which is what {@code json.dumps}
 * writes: the shortest decimal that reads back as the same double (ties go to the decimal nearest
 * the exact binary value), in positional notation with at least one decimal ({@code 19.5}, {@code
 * 1.0}, {@code 0.0001}) unless the decimal exponent is below -4 or at least 16, where it uses
 * {@code 1e-05} / {@code 1.5e+16} style.
 *
 * <p>JDK 17's {@code Double.toString} is not always shortest (fixed only in JDK 19), so the digits
 * are searched with {@link BigDecimal}: for each precision from 1 to 17 the decimals just below and
 * just above the exact value are tried. This costs a few microseconds per number, which is fine for
 * config files and stays off every hot path.
 */
public final class PyFloat {

  private PyFloat() {}

  /**
   * Python's {@code repr} of a double.
   *
   * @param value the value
   * @return its shortest round-trip form as Python writes it; NaN and infinities as {@code
   *     json.dumps} writes them
   */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0.0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
    }
    double abs = Math.abs(value);
    BigDecimal shortest = shortest(abs);
    String digits = shortest.unscaledValue().toString();
    int decpt = digits.length() - shortest.scale(); // value = 0.<digits> x 10^decpt
    String body = format(digits, decpt);
    return value < 0 ? "-" + body : body;
  }

  private static BigDecimal shortest(double abs) {
    BigDecimal exact = new BigDecimal(abs);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downOk = down.doubleValue() == abs;
      boolean upOk = up.doubleValue() == abs;
      if (downOk && upOk && down.compareTo(up) != 0) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp != 0) {
          return (cmp < 0 ? down : up).stripTrailingZeros();
        }
        // exactly halfway: the even last digit, as round-half-even does
        BigDecimal d = down.stripTrailingZeros();
        return d.unscaledValue().testBit(0) ? up.stripTrailingZeros() : d;
      }
      if (downOk) {
        return down.stripTrailingZeros();
      }
      if (upOk) {
        return up.stripTrailingZeros();
      }
    }
    // 17 significant digits always round-trip; not reached
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static String format(String digits, int decpt) {
    if (decpt <= -4 || decpt > 16) {
      int exp = decpt - 1;
      StringBuilder sb = new StringBuilder(digits.length() + 6);
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int absExp = Math.abs(exp);
      if (absExp < 10) {
        sb.append('0');
      }
      return sb.append(absExp).toString();
    }
    if (decpt <= 0) {
      return "0." + "0".repeat(-decpt) + digits;
    }
    if (decpt >= digits.length()) {
      return digits + "0".repeat(decpt - digits.length()) + ".0";
    }
    return digits.substring(0, decpt) + "." + digits.substring(decpt);
  }
}
