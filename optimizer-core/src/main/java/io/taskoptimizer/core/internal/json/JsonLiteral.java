package io.taskoptimizer.core.internal.json;

/**
 * {@code true}, {@code false} or {@code null}.
 *
 * @param kind which literal
 * @param line 1-based source line, 0 if built in code
 * @param column 1-based source column, 0 if built in code
 */
public record JsonLiteral(Kind kind, int line, int column) implements JsonValue {

  /** The three literals. */
  public enum Kind {
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE,
    /** {@code null}. */
    NULL
  }

  @Override
  public String typeName() {
    return kind == Kind.NULL ? "null" : "boolean";
  }

  /** {@return the literal as written in JSON} */
  public String token() {
    return switch (kind) {
      case TRUE -> "true";
      case FALSE -> "false";
      case NULL -> "null";
    };
  }
}
