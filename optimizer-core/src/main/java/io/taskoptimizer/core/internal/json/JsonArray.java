package io.taskoptimizer.core.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A JSON array. Mutable; not thread-safe. */
public final class JsonArray implements JsonValue {

  private final ArrayList<JsonValue> elements = new ArrayList<>();
  private final int line;
  private final int column;

  /** An empty array built in code. */
  public JsonArray() {
    this(0, 0);
  }

  JsonArray(int line, int column) {
    this.line = line;
    this.column = column;
  }

  /**
   * Appends an element.
   *
   * @param value the element; must not be null
   * @throws NullPointerException if {@code value} is null
   */
  public void add(JsonValue value) {
    elements.add(Objects.requireNonNull(value, "value"));
  }

  /** Removes every element. */
  public void clear() {
    elements.clear();
  }

  /** {@return the elements in order, a read-only view} */
  public List<JsonValue> elements() {
    return Collections.unmodifiableList(elements);
  }

  /** {@return the number of elements} */
  public int size() {
    return elements.size();
  }

  @Override
  public int line() {
    return line;
  }

  @Override
  public int column() {
    return column;
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String toString() {
    return PyJsonWriter.write(this);
  }
}
