package io.taskoptimizer.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

  private static final Path FILE = Path.of("config", "model_rankings.json");

  private static JsonValue parse(String text) {
    return JsonReader.parse(FILE, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsNumberTokensVerbatim() {
    JsonObject o =
        (JsonObject) parse("{\"a\": 0.8999999999999999, \"b\": 1e-05, \"c\": 6, \"d\": 1.50}");

    assertThat(((JsonNumber) o.get("a").orElseThrow()).token()).isEqualTo("0.8999999999999999");
    assertThat(((JsonNumber) o.get("b").orElseThrow()).doubleValue()).isEqualTo(1e-5);
    assertThat(((JsonNumber) o.get("c").orElseThrow()).integral()).isTrue();
    assertThat(((JsonNumber) o.get("d").orElseThrow()).token()).isEqualTo("1.50");
  }

  @Test
  void reportsLineAndColumnOfSyntaxErrors() {
    assertThatThrownBy(() -> parse("{\n  \"a\": [1, 2,\n  \"b\": 3\n}"))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo(FILE);
              assertThat(e.line()).hasValue(3);
              assertThat(e.column().getAsInt()).isPositive();
              assertThat(e.getMessage())
                  .contains("model_rankings.json:3:")
                  .contains("malformed JSON");
            });
  }

  @Test
  void rejectsDuplicateKeysWithTheirPosition() {
    assertThatThrownBy(() -> parse("{\n  \"a\": 1,\n  \"a\": 2\n}"))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(3);
              assertThat(e.getMessage()).containsIgnoringCase("duplicate").contains("'a'");
            });
  }

  @Test
  void rejectsByteOrderMark() {
    byte[] bytes = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};

    assertThatThrownBy(() -> JsonReader.parse(FILE, bytes))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("byte order mark");
  }

  @Test
  void rejectsInvalidUtf8NamingThePosition() {
    byte[] bytes = "{\n  \"a\": \"x\"}".getBytes(StandardCharsets.US_ASCII);
    bytes[9] = (byte) 0xff; // inside the string on line 2

    assertThatThrownBy(() -> JsonReader.parse(FILE, bytes))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(2);
              assertThat(e.getMessage()).contains("not valid UTF-8").contains("0xff");
            });
  }

  @Test
  void rejectsTrailingContentAndEmptyFiles() {
    assertThatThrownBy(() -> parse("{} {}"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("after the end of the JSON document");
    assertThatThrownBy(() -> parse("  \n"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("{\"a\": [1, 2"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void aFileTruncatedAfterItsLastEntryNamesTheUnclosedObjectWithoutJacksonsRedactionText() {
    assertThatThrownBy(() -> parse("{\n  \"a\": [1],\n  \"b\": {\"c\": 2}\n"))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(4);
              assertThat(e.getMessage())
                  .contains(
                      "model_rankings.json:4:1: malformed JSON: Unexpected end-of-input: expected '}'"
                          + " to close the object that starts at line 1, column 1")
                  .doesNotContain("REDACTED")
                  .doesNotContain("INCLUDE_SOURCE_IN_LOCATION")
                  .doesNotContain("[Source:");
            });
    assertThatThrownBy(() -> parse("{\"a\": [1, 2"))
        .hasMessageContaining("expected ']' to close the array that starts at line 1, column 7")
        .hasMessageNotContaining("REDACTED");
  }

  @Test
  void cleansEveryLocationJacksonPutsInItsMessages() {
    assertThat(
            JsonReader.cleanMessage(
                "Unexpected end-of-input: expected close marker for Object (start marker at"
                    + " [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 3, column: 5])"))
        .isEqualTo(
            "Unexpected end-of-input: expected '}' to close the object that starts at line 3, column 5");
    assertThat(JsonReader.cleanMessage("bad token at [Source: (byte[])\"{}\"; byte offset: #7]"))
        .isEqualTo("bad token at the input");
    assertThat(
            JsonReader.cleanMessage(
                "Document nesting depth (1001) exceeds the maximum allowed (1000, from"
                    + " `StreamReadConstraints.getMaxNestingDepth()`)"))
        .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
  }

  @Test
  void tooDeepNestingNamesTheBracketThatOpenedOneLevelTooMany() {
    // the root object is level 1, so the 1000th '[' is level 1001, one more than Jackson allows
    String text = "{\n  \"a\": " + "[".repeat(1200) + "]".repeat(1200) + "\n}";

    assertThatThrownBy(() -> parse(text))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(2);
              assertThat(e.column()).hasValue(8 + 999);
              assertThat(e.getMessage())
                  .contains("nesting depth (1001) exceeds the maximum allowed (1000)")
                  .doesNotContain("StreamReadConstraints");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "integer,                 '',       '-'",
    "fraction,                '',       '0.'",
    "exponent,                '',       '1.5e-'",
    "integer in a large file, 40000,    ''",
    "shifted in a large file, 43990,    ''",
  })
  void anOverlongNumberIsReportedAtItsStart(String name, String padding, String sign) {
    // a file over 32 K characters is read through buffers, a small one in one piece
    String pad =
        padding.isEmpty() ? "" : "\"pad\": \"" + "p".repeat(Integer.parseInt(padding)) + "\",\n";
    String text = "{\n" + pad + "  \"a\": 1,\n  \"b\": " + sign + "7".repeat(1200) + "\n}";
    int line = pad.isEmpty() ? 3 : 4;

    assertThatThrownBy(() -> parse(text))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(line);
              assertThat(e.column()).hasValue(8);
              assertThat(e.getMessage())
                  .contains("Number value length")
                  .contains("exceeds the maximum allowed (1000)");
            });
  }

  @Test
  void anOverlongNameIsReportedAtItsOpeningQuote() {
    String name =
        "x\\\"".repeat(30_000) + "\\\\"; // escaped quotes inside, an escaped backslash last

    assertThatThrownBy(() -> parse("{\n  \"a\": 1,\n   \"" + name + "\": 2}"))
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(3);
              assertThat(e.column()).hasValue(4);
              assertThat(e.getMessage())
                  .contains("Name length")
                  .doesNotContain("StreamReadConstraints");
            });
  }

  @Test
  void readsPythonNanSoValidationCanNameTheField() {
    JsonObject o = (JsonObject) parse("{\"a\": NaN}");

    assertThat(((JsonNumber) o.get("a").orElseThrow()).doubleValue()).isNaN();
  }
}
