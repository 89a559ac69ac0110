package io.taskoptimizer.core.internal.store;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.core.internal.ConfigProblems;
import io.taskoptimizer.core.internal.json.JsonArray;
import io.taskoptimizer.core.internal.json.JsonNumber;
import io.taskoptimizer.core.internal.json.JsonObject;
import io.taskoptimizer.core.internal.json.JsonString;
import io.taskoptimizer.core.internal.json.JsonValue;
import java.nio.file.Path;

/**
 * Validation helpers that fail with a {@link ConfigFileException} naming file, position and field
 * path.
 */
final class Check {

  private Check() {}

  static ConfigFileException problem(Path file, JsonValue at, String path, String what) {
    return ConfigProblems.at(file, at.line(), at.column(), path + " " + what);
  }

  static JsonObject object(Path file, JsonValue v, String path) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw problem(file, v, path, "must be a JSON object ({...}), got " + describe(v));
  }

  static JsonArray array(Path file, JsonValue v, String path) {
    if (v instanceof JsonArray a) {
      return a;
    }
    throw problem(file, v, path, "must be a JSON array ([...]), got " + describe(v));
  }

  static String nonBlankString(Path file, JsonValue v, String path) {
    if (v instanceof JsonString s && !s.value().isBlank()) {
      return s.value();
    }
    throw problem(file, v, path, "must be a non-empty string, got " + describe(v));
  }

  static double unitInterval(Path file, JsonValue v, String path) {
    double d = finiteNumber(file, v, path);
    if (d < 0.0 || d > 1.0) {
      throw problem(
          file, v, path, "must be a number between 0 and 1, got " + ((JsonNumber) v).token());
    }
    return d;
  }

  static double nonNegative(Path file, JsonValue v, String path) {
    double d = finiteNumber(file, v, path);
    if (d < 0.0) {
      throw problem(file, v, path, "must not be negative, got " + ((JsonNumber) v).token());
    }
    return d;
  }

  static long count(Path file, JsonValue v, String path) {
    if (!(v instanceof JsonNumber n)) {
      throw problem(file, v, path, "must be a whole number >= 0, got " + describe(v));
    }
    if ((n.isWholeLong() && n.longValue() > Counts.MAX)
        || (!n.isWholeLong() && n.doubleValue() > Counts.MAX && n.token().matches("[0-9]+"))) {
      throw problem(
          file, v, path, "must be a whole number from 0 to " + Counts.MAX + ", got " + n.token());
    }
    if (!n.isWholeLong() || n.longValue() < 0) {
      throw problem(file, v, path, "must be a whole number >= 0, got " + n.token());
    }
    return n.longValue();
  }

  private static double finiteNumber(Path file, JsonValue v, String path) {
    if (!(v instanceof JsonNumber n)) {
      throw problem(file, v, path, "must be a number, got " + describe(v));
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw problem(file, v, path, "must be a finite number, got " + n.token());
    }
    return d;
  }

  static String describe(JsonValue v) {
    if (v instanceof JsonString s) {
      String t = s.value();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (v instanceof JsonNumber n) {
      return "the number " + n.token();
    }
    return "a value of type " + v.typeName();
  }
}
