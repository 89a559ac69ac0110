package io.taskoptimizer.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.core.internal.ConfigProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a config file into a {@link JsonValue} tree with Jackson's streaming parser, strictly:
 * UTF-8 only (no byte order mark), no duplicate keys, nothing after the root value. Every problem
 * becomes a {@link ConfigFileException} naming the file, the line and column and what was expected.
 *
 * <p>Python's {@code NaN}/{@code Infinity} tokens are parsed (json.dumps writes them) so that
 * validation can reject them with a message naming the field instead of a bare syntax error.
 */
public final class JsonReader {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  /** {@code [Source: <description>; line: L, column: C]}, as JsonLocation prints itself. */
  private static final Pattern LOCATION =
      Pattern.compile("\\[Source: .*?; line: (-?\\d+), column: (-?\\d+)\\]");

  /** Any other location text ({@code ...; byte offset: #N]}, unknown line, ...). */
  private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; [^\\]]*\\]");

  private static final Pattern REDACTED =
      Pattern.compile(
          "\\s*REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\)");
  private static final Pattern CLOSE_MARKER =
      Pattern.compile(
          "expected close marker for (Object|Array) \\(start marker at line (\\d+), column (\\d+)\\)");
  private static final Pattern CONSTRAINT_METHOD =
      Pattern.compile(", from `StreamReadConstraints\\.\\w+\\(\\)`");

  private JsonReader() {}

  /**
   * Parses a whole document.
   *
   * @param file the file the bytes came from, for messages
   * @param bytes the file's content
   * @return the value, with the source position of every value
   * @throws ConfigFileException if the content is not one well-formed UTF-8 JSON value
   */
  public static JsonValue parse(Path file, byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      throw ConfigProblems.at(
          file, 1, 1, "the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM");
    }
    String text = decodeUtf8(file, bytes);
    if (text.isBlank()) {
      throw ConfigProblems.of(
          file,
          "the file is empty; expected a JSON object such as {} (delete the file to start afresh)");
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      try {
        JsonToken first = p.nextToken();
        JsonValue root = readValue(p, first);
        JsonToken after = p.nextToken();
        if (after != null) {
          JsonLocation loc = p.currentTokenLocation();
          throw ConfigProblems.at(
              file,
              loc.getLineNr(),
              loc.getColumnNr(),
              "unexpected " + describe(after) + " after the end of the JSON document");
        }
        return root;
      } catch (JsonProcessingException e) {
        throw problem(
            file,
            "malformed JSON: ",
            e,
            p,
            offset -> offset >= 0 && offset < text.length() ? text.charAt((int) offset) : -1);
      }
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot parse: " + cleanMessage(e.getMessage()), e);
    }
  }

  /**
   * The {@link ConfigFileException} for Jackson's error {@code e} met while {@code parser} read
   * {@code file}: Jackson's message without its location text (which, with the source redacted,
   * would say {@code REDACTED ... INCLUDE_SOURCE_IN_LOCATION}), at the line and column Jackson
   * reports. Where it reports none (limits of {@link StreamReadConstraints}: nesting depth, number
   * length, ...), the position is taken from the parser: the bracket that went too deep, the start
   * of the overlong number, string or name, else where the parser stopped.
   *
   * @param file the file being read, for the exception
   * @param prefix put before the problem, such as {@code "malformed JSON: "}
   * @param e Jackson's error
   * @param parser the parser that met it, for the position
   * @param charAt the input's character (byte, for a byte parser) at an offset the parser reports,
   *     or -1 outside the input
   * @return the exception, to throw
   */
  public static ConfigFileException problem(
      Path file,
      String prefix,
      JsonProcessingException e,
      JsonParser parser,
      LongToIntFunction charAt) {
    String original = e.getOriginalMessage();
    JsonLocation loc = e.getLocation();
    int line = 0;
    int column = 0;
    if (loc != null && loc.getLineNr() > 0) {
      line = loc.getLineNr();
      column = Math.max(loc.getColumnNr(), 0);
    } else if (parser != null) {
      JsonLocation at = parser.currentLocation();
      if (at != null && at.getLineNr() > 0) {
        line = at.getLineNr();
        column = Math.max(at.getColumnNr(), 0);
        if (e instanceof StreamConstraintsException && original != null) {
          column = constraintColumn(original, at, column, charAt);
        }
      }
    }
    return new ConfigFileException(file, line, column, prefix + cleanMessage(original), e);
  }

  /**
   * Jackson's message with every location description ({@code [Source: ...; line: L, column: C]})
   * turned into {@code line L, column C}, the end-of-input message for an unclosed object or array
   * said plainly, and references to Jackson's configuration methods removed.
   */
  static String cleanMessage(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "unknown problem";
    }
    String m = LOCATION.matcher(message).replaceAll("line $1, column $2");
    m = SOURCE.matcher(m).replaceAll("the input");
    m = REDACTED.matcher(m).replaceAll("");
    Matcher close = CLOSE_MARKER.matcher(m);
    if (close.find()) {
      boolean object = close.group(1).equals("Object");
      m =
          m.substring(0, close.start())
              + "expected '"
              + (object ? "}" : "]")
              + "' to close the "
              + (object ? "object" : "array")
              + " that starts at line "
              + close.group(2)
              + ", column "
              + close.group(3)
              + m.substring(close.end());
    }
    return CONSTRAINT_METHOD.matcher(m).replaceAll("");
  }

  /** The column of the construct that broke a stream constraint, best effort. */
  private static int constraintColumn(
      String message, JsonLocation at, int column, LongToIntFunction charAt) {
    long offset = at.getCharOffset() >= 0 ? at.getCharOffset() : at.getByteOffset();
    if (offset <= 0 || column <= 1) {
      return column;
    }
    if (message.contains("nesting depth")) {
      // the parser has just consumed the bracket that opened one level too many
      int c = charAt.applyAsInt(offset - 1);
      return c == '[' || c == '{' ? column - 1 : column;
    }
    if (message.startsWith("Number value length")) {
      // the parser stops right after the number; numbers never span lines
      long lineStart = offset - (column - 1);
      long start = offset;
      while (start > lineStart && isNumberChar(charAt.applyAsInt(start - 1))) {
        start--;
      }
      return column - (int) (offset - start);
    }
    if (message.startsWith("String value length") || message.startsWith("Name length")) {
      // the parser stops right after the closing quote; strings never span lines (a raw line
      // break is not allowed in them), and a quote inside one follows an odd number of backslashes
      if (charAt.applyAsInt(offset - 1) != '"') {
        return column;
      }
      long lineStart = offset - (column - 1);
      for (long q = offset - 2; q >= lineStart; q--) {
        if (charAt.applyAsInt(q) == '"') {
          long b = q;
          while (b > lineStart && charAt.applyAsInt(b - 1) == '\\') {
            b--;
          }
          if ((q - b) % 2 == 0) {
            return column - (int) (offset - q);
          }
        }
      }
    }
    return column;
  }

  private static boolean isNumberChar(int c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  private static String decodeUtf8(Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8Offset(bytes);
      String prefix = new String(bytes, 0, bad, StandardCharsets.UTF_8);
      int line = 1;
      int column = 1;
      for (int i = 0; i < prefix.length(); i++) {
        if (prefix.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      throw new ConfigFileException(
          file,
          line,
          column,
          String.format(
              "the file is not valid UTF-8 (byte 0x%02x at offset %d); save it as UTF-8",
              bytes[bad] & 0xff, bad),
          e);
    }
  }

  private static int firstInvalidUtf8Offset(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  private static JsonValue readValue(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      JsonLocation loc = p.currentLocation();
      throw new com.fasterxml.jackson.core.JsonParseException(
          p, "unexpected end of input; expected a JSON value", loc);
    }
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    return switch (t) {
      case START_OBJECT -> {
        JsonObject o = new JsonObject(line, col);
        JsonToken n;
        while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          o.put(name, readValue(p, p.nextToken()));
        }
        if (n != JsonToken.END_OBJECT) {
          throw new com.fasterxml.jackson.core.JsonParseException(
              p, "unexpected end of input inside an object; expected '}'", p.currentLocation());
        }
        yield o;
      }
      case START_ARRAY -> {
        JsonArray a = new JsonArray(line, col);
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          if (n == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(
                p, "unexpected end of input inside an array; expected ']'", p.currentLocation());
          }
          a.add(readValue(p, n));
        }
        yield a;
      }
      case VALUE_STRING -> new JsonString(p.getText(), line, col);
      case VALUE_NUMBER_INT -> new JsonNumber(p.getText(), true, line, col);
      case VALUE_NUMBER_FLOAT -> new JsonNumber(p.getText(), false, line, col);
      case VALUE_TRUE -> new JsonLiteral(JsonLiteral.Kind.TRUE, line, col);
      case VALUE_FALSE -> new JsonLiteral(JsonLiteral.Kind.FALSE, line, col);
      case VALUE_NULL -> new JsonLiteral(JsonLiteral.Kind.NULL, line, col);
      default ->
          throw new com.fasterxml.jackson.core.JsonParseException(
              p, "unexpected " + describe(t) + "; expected a JSON value", loc);
    };
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "'{'";
      case END_OBJECT -> "'}'";
      case START_ARRAY -> "'['";
      case END_ARRAY -> "']'";
      case FIELD_NAME -> "field name";
      default -> "value";
    };
  }
}
