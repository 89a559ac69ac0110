package io.taskoptimizer.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PyJsonWriterTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PyJsonWriterTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/seed-config/model_rankings.json",
        "/seed-config/model_performance_feedback.json",
        "/python/dumps_sample.json"
      })
  void rewritesPythonDumpsOutputByteIdentically(String name) throws IOException {
    byte[] original = resource(name);

    JsonValue doc = JsonReader.parse(Path.of(name), original);
    byte[] written = PyJsonWriter.write(doc).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(new String(written, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(new String(original, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(written).isEqualTo(original);
  }

  @Test
  void writesNewFloatsInPythonReprAndKeepsMemberOrder() {
    JsonObject o = new JsonObject();
    o.put("executions", JsonNumber.of(3));
    o.put("total_time", JsonNumber.of(0.1 + 0.2));
    o.put("quality_ratings", new JsonArray());
    o.put("average_time", JsonNumber.of(1e-5));
    o.put("executions", JsonNumber.of(4));

    assertThat(PyJsonWriter.write(o))
        .isEqualTo(
            """
        {
          "executions": 4,
          "total_time": 0.30000000000000004,
          "quality_ratings": [],
          "average_time": 1e-05
        }""");
  }

  @Test
  void escapesLikeEnsureAscii() {
    JsonArray a = new JsonArray();
    a.add(JsonString.of("ä\u0001\"\\/\u007f\uD83D\uDE00"));

    assertThat(PyJsonWriter.write(a))
        .isEqualTo("[\n  \"\\u00e4\\u0001\\\"\\\\/\\u007f\\ud83d\\ude00\"\n]");
  }
}
