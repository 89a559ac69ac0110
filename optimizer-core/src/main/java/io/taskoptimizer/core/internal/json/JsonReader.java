package io.taskoptimizer.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.taskoptimizer.api.ConfigFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a config file into a {@link JsonValue} tree with Jackson's streaming parser, strictly:
 * UTF-8 only (no byte order mark), no duplicate keys, nothing after the root value. Every problem
 * becomes a {@link ConfigFileException} naming the file, the line and column and what was expected.
 *
 * <p>Python's {@code NaN}/{@code Infinity} tokens are parsed (json.dumps writes them) so that
 * validation can reject them with a message naming the field instead of a bare syntax error.
 */
public final class JsonReader {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private JsonReader() {}

  /**
   * Parses a whole document.
   *
   * @param file the file the bytes came from, for messages
   * @param bytes the file's content
   * @throws ConfigFileException if the content is not one well-formed UTF-8 JSON value
   */
  public static JsonValue parse(Path file, byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      throw new ConfigFileException(file, 1, 1,
          "the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM", null);
    }
    String text = decodeUtf8(file, bytes);
    if (text.isBlank()) {
      throw new ConfigFileException(file,
          "the file is empty; expected a JSON object such as {} (delete the file to start afresh)",
          null);
    }
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      JsonValue root = readValue(p, first);
      JsonToken after = p.nextToken();
      if (after != null) {
        JsonLocation loc = p.currentTokenLocation();
        throw new ConfigFileException(file, loc.getLineNr(), loc.getColumnNr(),
            "unexpected " + describe(after) + " after the end of the JSON document", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
      int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
      throw new ConfigFileException(file, line, column,
          "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot parse: " + e.getMessage(), e);
    }
  }

  private static String decodeUtf8(Path file, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
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
      throw new ConfigFileException(file, line, column, String.format(
          "the file is not valid UTF-8 (byte 0x%02x at offset %d); save it as UTF-8",
          bytes[bad] & 0xff, bad), e);
    }
  }

  private static int firstInvalidUtf8Offset(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
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
      throw new com.fasterxml.jackson.core.JsonParseException(p,
          "unexpected end of input; expected a JSON value", loc);
    }
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    switch (t) {
      case START_OBJECT: {
        JsonObject o = new JsonObject(line, col);
        JsonToken n;
        while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          o.put(name, readValue(p, p.nextToken()));
        }
        if (n != JsonToken.END_OBJECT) {
          throw new com.fasterxml.jackson.core.JsonParseException(p,
              "unexpected end of input inside an object; expected '}'", p.currentLocation());
        }
        return o;
      }
      case START_ARRAY: {
        JsonArray a = new JsonArray(line, col);
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          if (n == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p,
                "unexpected end of input inside an array; expected ']'", p.currentLocation());
          }
          a.add(readValue(p, n));
        }
        return a;
      }
      case VALUE_STRING:
        return new JsonString(p.getText(), line, col);
      case VALUE_NUMBER_INT:
        return new JsonNumber(p.getText(), true, line, col);
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(p.getText(), false, line, col);
      case VALUE_TRUE:
        return new JsonLiteral(JsonLiteral.Kind.TRUE, line, col);
      case VALUE_FALSE:
        return new JsonLiteral(JsonLiteral.Kind.FALSE, line, col);
      case VALUE_NULL:
        return new JsonLiteral(JsonLiteral.Kind.NULL, line, col);
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p,
            "unexpected " + describe(t) + "; expected a JSON value", loc);
    }
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
