package io.taskoptimizer.core.internal.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the text
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record JsonString(String value, int line, int column) implements JsonValue {

  /**
   * Validates.
   *
   * @param value the text; must not be null
   * @param line 1-based source line, 0 if built in code
   * @param column 1-based source column, 0 if built in code
   * @throws NullPointerException if {@code value} is null
   */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A string built in code.
   *
   * @param value the text; must not be null
   * @return the string, without a source position
   */
  public static JsonString of(String value) {
    return new JsonString(value, 0, 0);
  }

  @Override
  public String typeName() {
    return "string";
  }
}
