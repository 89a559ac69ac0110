package io.taskoptimizer.core.internal.json;

/**
 * A node of a JSON document read with {@link JsonReader} or built in code. Unlike a Jackson tree,
 * it keeps number tokens exactly as they were written, so a document can be written back
 * byte-identically by {@link PyJsonWriter}, and it remembers where each node started so that
 * validation errors can name a line and column.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonLiteral {

  /** {@return the 1-based line where the node started in its source, 0 for nodes built in code} */
  int line();

  /**
   * {@return the 1-based column where the node started in its source, 0 for nodes built in code}
   */
  int column();

  /** {@return the JSON type name for messages: object, array, string, number, boolean or null} */
  String typeName();
}
