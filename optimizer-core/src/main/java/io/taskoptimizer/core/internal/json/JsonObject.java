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

  /** The member with this name. */
  public Optional<JsonValue> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /** Sets a member; an existing member keeps its position, a new one is appended. */
  public void put(String name, JsonValue value) {
    members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
  }

  /** Whether the member exists. */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** The members in order, read-only. */
  public Map<String, JsonValue> members() {
    return Collections.unmodifiableMap(members);
  }

  /** Number of members. */
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
