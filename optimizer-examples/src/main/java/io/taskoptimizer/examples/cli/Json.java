package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** The CLI's {@code --json} output: one pretty-printed JSON document on stdout. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Prints a value built from maps, lists, strings, numbers and booleans. */
  static void print(PrintWriter out, Object value) {
    out.println(write(value));
    out.flush();
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON output: " + e.getOriginalMessage(), e);
    }
  }
}
