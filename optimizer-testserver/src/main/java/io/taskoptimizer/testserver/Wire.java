package io.taskoptimizer.testserver;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Ollama wire-format details: Go-style JSON, RFC 3339 timestamps, Go durations, token splitting.
 */
final class Wire {

  private Wire() {}

  /** Writes compact JSON the way Go's encoding/json does, including its HTML-safe escapes. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
  }

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON object; throws IOException for anything else. */
  static Map<String, Object> parseObject(byte[] body) throws IOException {
    Map<String, Object> m = MAPPER.readValue(body, MAP);
    if (m == null) {
      throw new IOException("json: body is null, not an object");
    }
    return m;
  }

  /**
   * Formats like Go's {@code time.RFC3339Nano}: the fraction has its trailing zeros trimmed (and is
   * omitted when zero), UTC is written {@code Z}, other offsets {@code +hh:mm}.
   */
  static String rfc3339(Instant instant, ZoneOffset offset) {
    OffsetDateTime t = instant.atOffset(offset);
    StringBuilder sb = new StringBuilder(36);
    sb.append(
        String.format(
            Locale.ROOT,
            "%04d-%02d-%02dT%02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond()));
    int nanos = t.getNano();
    if (nanos != 0) {
      String f = String.format(Locale.ROOT, "%09d", nanos);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(f, 0, end);
    }
    sb.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return sb.toString();
  }

  /**
   * Parses a {@code keep_alive} value as Ollama's {@code api.Duration} does: a JSON number is
   * seconds, a string is a Go duration; negative means forever (returned as {@code null}).
   *
   * @throws IllegalArgumentException with Go's error text for a bad value
   */
  static @Nullable Duration keepAlive(Object value) {
    if (value instanceof Number number) {
      double seconds = number.doubleValue();
      if (seconds < 0) {
        return null;
      }
      return Duration.ofNanos((long) (seconds * 1e9));
    }
    if (value instanceof String text) {
      Duration d = goDuration(text);
      return d.isNegative() ? null : d;
    }
    throw new IllegalArgumentException(
        "Unsupported type: '"
            + (value == null
                ? "null"
                : value instanceof Boolean ? "bool" : value.getClass().getSimpleName())
            + "'");
  }

  /** Go's {@code time.ParseDuration}, with its error messages. */
  static Duration goDuration(String s) {
    String orig = s;
    String quoted = "\"" + orig + "\"";
    boolean neg = false;
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      i++;
    }
    if (s.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == s.length()) {
      throw new IllegalArgumentException("time: invalid duration " + quoted);
    }
    double totalNanos = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("time: invalid duration " + quoted);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + quoted);
      }
      double scale =
          switch (unit) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default ->
                throw new IllegalArgumentException(
                    "time: unknown unit \"" + unit + "\" in duration " + quoted);
          };
      totalNanos += Double.parseDouble(number) * scale;
    }
    long n = (long) totalNanos;
    return Duration.ofNanos(neg ? -n : n);
  }

  /**
   * Splits text into token-like pieces that concatenate back to it exactly: a new piece starts at
   * each run of whitespace that follows a non-space ({@code "Hi there"} gives {@code "Hi"}, {@code
   * " there"}), like the word-piece chunks Ollama streams.
   */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** A rough prompt token count (about four characters per token, at least one). */
  static int promptTokens(String promptText) {
    return Math.max(1, (promptText.length() + 3) / 4);
  }

  /** Go's json.Marshal escapes {@code < > &} and U+2028/U+2029; so do we. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) {
        return new SerializedString("\\u2028");
      }
      if (ch == 0x2029) {
        return new SerializedString("\\u2029");
      }
      return null;
    }
  }
}
