package io.taskoptimizer.assessors.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model output read as JSON: strictly valid, valid inside a Markdown code fence, valid once the
 * prose around it is cut away, or not JSON at all. Each case earns a different share of the {@code
 * json_valid} criterion, because downstream parsers fail on all but the first.
 */
final class JsonOutput {

  /** How the output parsed. */
  enum Status {
    /** The whole output is one JSON value. */
    VALID(1.0, null),
    /** One JSON value wrapped in a Markdown code fence. */
    FENCED(0.6, "JSON wrapped in a Markdown code fence"),
    /** A JSON value with prose before or after it. */
    EMBEDDED(0.4, "JSON surrounded by other text"),
    /** No JSON value could be read. */
    INVALID(0.0, "not valid JSON");

    final double credit;
    final @Nullable String note;

    Status(double credit, @Nullable String note) {
      this.credit = credit;
      this.note = note;
    }
  }

  /** The criterion for how well an output that was asked to be JSON parses. */
  static final String JSON_VALID = "json_valid";

  /** Nesting this deep is not walked further; real answers are shallow. */
  static final int MAX_DEPTH = 32;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  final Status status;

  /** The parsed value; present unless {@link #status} is {@link Status#INVALID}. */
  final Optional<JsonNode> root;

  private JsonOutput(Status status, @Nullable JsonNode root) {
    this.status = status;
    this.root = Optional.ofNullable(root);
  }

  /**
   * Reads the output and, when JSON was asked for, scores {@value #JSON_VALID} with the given
   * weight: the one implementation of that criterion for every assessor of a JSON task.
   *
   * @param input what is assessed
   * @param sheet the sheet the criterion and its note go to
   * @param weight the criterion's weight in this assessor
   * @return the parsed output, whatever was asked for
   */
  static JsonOutput parseScoringValidity(AssessmentInput input, ScoreSheet sheet, double weight) {
    JsonOutput json = parse(input.output());
    if (input.requestedFormat().expectsJson()) {
      json.score(JSON_VALID, weight, sheet);
    }
    return json;
  }

  /**
   * Scores how well the output parsed as {@code criterion} (the status's credit) and notes what was
   * wrong, if anything.
   */
  void score(String criterion, double weight, ScoreSheet sheet) {
    sheet.criterion(criterion, status.credit, weight);
    if (status.note != null) {
      sheet.note(status.note);
    }
  }

  static JsonOutput parse(String output) {
    String s = output.strip();
    JsonNode node = tryParse(s);
    if (node != null) {
      return new JsonOutput(Status.VALID, node);
    }
    if (s.startsWith("```")) {
      int firstNewline = s.indexOf('\n');
      int closing = s.lastIndexOf("```");
      if (firstNewline > 0 && closing > firstNewline) {
        node = tryParse(s.substring(firstNewline + 1, closing));
        if (node != null) {
          return new JsonOutput(Status.FENCED, node);
        }
      }
    }
    int open = firstOpening(s);
    if (open >= 0) {
      char closeChar = s.charAt(open) == '{' ? '}' : ']';
      int close = s.lastIndexOf(closeChar);
      if (close > open) {
        node = tryParse(s.substring(open, close + 1));
        if (node != null) {
          return new JsonOutput(Status.EMBEDDED, node);
        }
      }
    }
    return new JsonOutput(Status.INVALID, null);
  }

  private static int firstOpening(String s) {
    int brace = s.indexOf('{');
    int bracket = s.indexOf('[');
    if (brace < 0) {
      return bracket;
    }
    if (bracket < 0) {
      return brace;
    }
    return Math.min(brace, bracket);
  }

  private static @Nullable JsonNode tryParse(String s) {
    if (s.isEmpty() || (s.charAt(0) != '{' && s.charAt(0) != '[')) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(s);
      return node == null || node.isMissingNode() ? null : node;
    } catch (Exception | StackOverflowError e) {
      // invalid JSON, too deep or too large: all mean "not usable as JSON"
      return null;
    }
  }

  /**
   * Lower case without separators, so {@code Job_Title}, {@code job title} and {@code jobTitle}
   * agree.
   */
  static String normalizeKey(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      }
    }
    return Terms.normalize(sb.toString()).toLowerCase(Locale.ROOT);
  }

  /**
   * The value under the first key whose normalised name is one of {@code names}, searched
   * breadth-first in objects down to a few levels (answers often nest, e.g. {@code {"job":
   * {...}}}).
   */
  static Optional<JsonNode> find(JsonNode root, List<String> names) {
    List<JsonNode> level = List.of(root);
    for (int depth = 0; depth < 4 && !level.isEmpty(); depth++) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : level) {
        if (!node.isObject()) {
          continue;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (names.contains(normalizeKey(e.getKey()))) {
            return Optional.of(e.getValue());
          }
          if (e.getValue().isObject()) {
            next.add(e.getValue());
          }
        }
      }
      level = next;
    }
    return Optional.empty();
  }

  /** Whether a value carries content: not null, not blank, not an empty array or object. */
  static boolean hasContent(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isTextual()) {
      return !v.asText().isBlank();
    }
    if (v.isContainerNode()) {
      return v.size() > 0;
    }
    return true;
  }

  /**
   * The text items of a value: a string is one item (split on commas/newlines when it is a list in
   * disguise), an array gives its strings, or for objects their {@code name}/{@code skill}/...
   * field, or their first textual field.
   */
  static List<String> textItems(JsonNode v) {
    List<String> out = new ArrayList<>();
    collectItems(v, out, 0);
    return out;
  }

  private static void collectItems(JsonNode v, List<String> out, int depth) {
    if (v == null || depth > MAX_DEPTH) {
      return;
    }
    if (v.isTextual()) {
      String t = v.asText().strip();
      if (t.indexOf('\n') >= 0 || (depth == 0 && t.indexOf(',') >= 0)) {
        out.addAll(Terms.splitList(t));
      } else if (!t.isEmpty()) {
        out.add(t);
      }
    } else if (v.isArray()) {
      for (JsonNode item : v) {
        collectItems(item, out, depth + 1);
      }
    } else if (v.isObject()) {
      JsonNode named = null;
      for (String key :
          List.of(
              "name",
              "skill",
              "title",
              "requirement",
              "item",
              "text",
              "value",
              "description",
              "bezeichnung",
              "anforderung")) {
        named = v.get(key);
        if (named != null && named.isTextual()) {
          break;
        }
        named = null;
      }
      if (named != null) {
        collectItems(named, out, depth + 1);
        return;
      }
      Iterator<JsonNode> it = v.elements();
      while (it.hasNext()) {
        JsonNode child = it.next();
        if (child.isTextual() || child.isArray()) {
          collectItems(child, out, depth + 1);
        }
      }
    } else if (v.isNumber() || v.isBoolean()) {
      out.add(v.asText());
    }
  }

  /**
   * Every array reachable from the root (breadth-first, bounded depth), largest first not implied.
   */
  static List<JsonNode> arrays(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> level = List.of(root);
    for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : level) {
        if (node.isArray()) {
          out.add(node);
        }
        if (node.isContainerNode()) {
          node.elements()
              .forEachRemaining(
                  child -> {
                    if (child.isContainerNode()) {
                      next.add(child);
                    }
                  });
        }
      }
      level = next;
    }
    return out;
  }
}
