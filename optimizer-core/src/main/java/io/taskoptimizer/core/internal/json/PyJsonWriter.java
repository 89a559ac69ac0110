package io.taskoptimizer.core.internal.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link JsonValue} exactly as Python's {@code json.dumps(obj, indent=2)} does with its
 * defaults: two-space indent, {@code ","} then a newline between items, {@code ": "} after keys,
 * {@code []} and {@code {}} for empty containers, {@code ensure_ascii} escapes (every character
 * outside printable ASCII as a lowercase {@code \\uXXXX}), number tokens as stored (new floats in
 * Python {@code repr} form), and no trailing newline.
 */
public final class PyJsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyJsonWriter() {}

  /**
   * Writes a document.
   *
   * @param value the document's root
   * @return the document as {@code json.dumps(value, indent=2)} would write it, without a trailing
   *     newline
   */
  public static String write(JsonValue value) {
    StringBuilder sb = new StringBuilder(4096);
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, JsonValue value, int level) {
    if (value instanceof JsonObject o) {
      writeObject(sb, o.members(), level);
    } else if (value instanceof JsonArray a) {
      writeArray(sb, a.elements(), level);
    } else if (value instanceof JsonString s) {
      writeString(sb, s.value());
    } else if (value instanceof JsonNumber n) {
      sb.append(n.token());
    } else if (value instanceof JsonLiteral l) {
      sb.append(l.token());
    }
  }

  private static void writeObject(StringBuilder sb, Map<String, JsonValue> members, int level) {
    if (members.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> e = it.next();
      newline(sb, level + 1);
      writeString(sb, e.getKey());
      sb.append(": ");
      write(sb, e.getValue(), level + 1);
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    newline(sb, level);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, List<JsonValue> elements, int level) {
    if (elements.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < elements.size(); i++) {
      newline(sb, level + 1);
      write(sb, elements.get(i), level + 1);
      if (i < elements.size() - 1) {
        sb.append(',');
      }
    }
    newline(sb, level);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int level) {
    sb.append('\n');
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  /** Appends a JSON string literal with Python's {@code ensure_ascii=True} escaping. */
  static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c >= 0x20 && c <= 0x7e) {
            sb.append(c);
          } else {
            // non-ASCII and control characters; astral characters are already surrogate pairs
            sb.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          }
        }
      }
    }
    sb.append('"');
  }
}
