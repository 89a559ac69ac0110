package io.taskoptimizer.core.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A JSON object whose members keep their order. Mutable; not thread-safe. */
public final class JsonObject implements JsonValue {

  private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
  private final int line;
  private final int column;

  /** An empty object built in code. */
  public JsonObject() {
    this(0, 0);
  }

  JsonObject(int line, int column) {
    this.line = line;
    this.column = column;
  }

  /**
   * The member with this name.
   *
   * @param name the member name
   * @return its value, or empty if there is no such member
   */
  public Optional<JsonValue> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /**
   * Sets a member; an existing member keeps its position, a new one is appended.
   *
   * @param name the member name; must not be null
   * @param value the value; must not be null
   * @throws NullPointerException if {@code name} or {@code value} is null
   */
  public void put(String name, JsonValue value) {
    members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
  }

  /**
   * Whether the member exists.
   *
   * @param name the member name
   * @return true if the object has a member of that name
   */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** {@return the members in order, a read-only view} */
  public Map<String, JsonValue> members() {
    return Collections.unmodifiableMap(members);
  }

  /** {@return the number of members} */
  public int size() {
    return members.size();
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
    return "object";
  }

  @Override
  public String toString() {
    return PyJsonWriter.write(this);
  }
}
