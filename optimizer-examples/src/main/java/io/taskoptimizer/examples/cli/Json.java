package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * The CLI's {@code --json} output: one pretty-printed JSON document on stdout. Numbers computed in
 * binary floating point are rounded to {@value #SIGNIFICANT_DIGITS} significant digits, so a
 * weighted score prints as {@code 0.88} (as the rankings file holds it), not {@code
 * 0.8800000000000001}.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Enough digits for every figure the CLI shows; too few for binary floating-point noise. */
  static final int SIGNIFICANT_DIGITS = 12;

  private Json() {}

  /** Prints a value built from maps, lists, strings, numbers and booleans. */
  static void print(PrintWriter out, Object value) {
    out.println(write(value));
    out.flush();
  }

  static String write(Object value) {
    try {
      JsonNode tree = MAPPER.valueToTree(value);
      return MAPPER.writeValueAsString(
          tree.isDouble() ? round(tree.doubleValue()) : roundAll(tree));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot write JSON output: " + e.getMessage(), e);
    }
  }

  /** The number without floating-point noise: 0.8800000000000001 becomes 0.88. */
  static double round(double v) {
    if (!Double.isFinite(v) || v == 0.0) {
      return v;
    }
    return new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
  }

  private static JsonNode roundAll(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getValue().isDouble() || e.getValue().isFloat()) {
          e.setValue(DoubleNode.valueOf(round(e.getValue().doubleValue())));
        } else {
          roundAll(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isDouble() || a.get(i).isFloat()) {
          a.set(i, DoubleNode.valueOf(round(a.get(i).doubleValue())));
        } else {
          roundAll(a.get(i));
        }
      }
    }
    return node;
  }
}
