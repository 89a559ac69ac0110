package io.taskoptimizer.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  private static final Path FILE = Path.of("config", "model_rankings.json");

  private static JsonValue parse(String text) {
    return JsonReader.parse(FILE, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsNumberTokensVerbatim() {
    JsonObject o = (JsonObject) parse("{\"a\": 0.8999999999999999, \"b\": 1e-05, \"c\": 6, \"d\": 1.50}");

    assertThat(((JsonNumber) o.get("a").orElseThrow()).token()).isEqualTo("0.8999999999999999");
    assertThat(((JsonNumber) o.get("b").orElseThrow()).doubleValue()).isEqualTo(1e-5);
    assertThat(((JsonNumber) o.get("c").orElseThrow()).integral()).isTrue();
    assertThat(((JsonNumber) o.get("d").orElseThrow()).token()).isEqualTo("1.50");
  }

  @Test
  void reportsLineAndColumnOfSyntaxErrors() {
    assertThatThrownBy(() -> parse("{\n  \"a\": [1, 2,\n  \"b\": 3\n}"))
        .isInstanceOfSatisfying(ConfigFileException.class, e -> {
          assertThat(e.file()).isEqualTo(FILE);
          assertThat(e.line()).hasValue(3);
          assertThat(e.column().getAsInt()).isPositive();
          assertThat(e.getMessage()).contains("model_rankings.json:3:").contains("malformed JSON");
        });
  }

  @Test
  void rejectsDuplicateKeysWithTheirPosition() {
    assertThatThrownBy(() -> parse("{\n  \"a\": 1,\n  \"a\": 2\n}"))
        .isInstanceOfSatisfying(ConfigFileException.class, e -> {
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
        .isInstanceOfSatisfying(ConfigFileException.class, e -> {
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
  void readsPythonNanSoValidationCanNameTheField() {
    JsonObject o = (JsonObject) parse("{\"a\": NaN}");

    assertThat(((JsonNumber) o.get("a").orElseThrow()).doubleValue()).isNaN();
  }
}
