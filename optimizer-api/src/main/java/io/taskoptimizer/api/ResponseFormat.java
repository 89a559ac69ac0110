package io.taskoptimizer.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The output format asked of a model: free text, any JSON, or JSON matching a schema.
 *
 * <p>The schema is kept as JSON text so that this API needs no JSON library.
 *
 * <p>Immutable, so thread-safe.
 */
public final class ResponseFormat {

  /** Free text (no {@code format} sent). */
  public static final ResponseFormat TEXT = new ResponseFormat(Kind.TEXT, null);

  /** Any valid JSON ({@code "format":"json"}). */
  public static final ResponseFormat JSON = new ResponseFormat(Kind.JSON, null);

  /** The kinds of format. Immutable (an enum), so thread-safe. */
  public enum Kind {
    /** Free text. */
    TEXT,
    /** Any JSON value. */
    JSON,
    /** JSON matching a JSON Schema. */
    JSON_SCHEMA
  }

  private final Kind kind;
  private final @Nullable String schema;

  private ResponseFormat(Kind kind, @Nullable String schema) {
    this.kind = kind;
    this.schema = schema;
  }

  /**
   * JSON output matching the given JSON Schema.
   *
   * @param schemaJson the schema as a JSON object text, e.g. {@code {"type":"object",...}}
   * @return a format of kind {@link Kind#JSON_SCHEMA} holding the stripped schema text
   * @throws IllegalArgumentException if the text is not a JSON object
   * @throws NullPointerException if {@code schemaJson} is null
   */
  public static ResponseFormat jsonSchema(String schemaJson) {
    Objects.requireNonNull(schemaJson, "schemaJson");
    String s = schemaJson.strip();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new IllegalArgumentException(
          "A JSON schema must be a JSON object such as "
              + "{\"type\":\"object\"}, got: "
              + (s.length() > 60 ? s.substring(0, 60) + "..." : s));
    }
    return new ResponseFormat(Kind.JSON_SCHEMA, s);
  }

  /**
   * The kind of format.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The JSON schema text.
   *
   * @return the schema without surrounding white space for {@link Kind#JSON_SCHEMA}, empty for the
   *     other kinds
   */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * Whether the output is expected to be JSON.
   *
   * @return {@code true} for {@link Kind#JSON} and {@link Kind#JSON_SCHEMA}
   */
  public boolean expectsJson() {
    return kind != Kind.TEXT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseFormat f && f.kind == kind && Objects.equals(f.schema, schema);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, schema);
  }

  @Override
  public String toString() {
    return kind == Kind.JSON_SCHEMA ? "JSON_SCHEMA" + schema : kind.name();
  }
}
