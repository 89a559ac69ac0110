package io.taskoptimizer.judge.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.judge.Verdict.CriterionScore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Strict parsing of a judge's answers. Anything that is not exactly the asked-for JSON is rejected
 * with a reason (and is then no evidence): no prose or code fence around it, no duplicate or extra
 * keys, every criterion exactly once, integer scores 1..10 (not {@code 7.5}, not {@code "7"}, not
 * {@code 7.0}), reasons one non-blank line of at most {@value #MAX_REASON} characters.
 */
public final class StrictJson {

  /** Longest accepted reason. */
  public static final int MAX_REASON = 500;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /** A parse outcome: the value, or why there is none. */
  public record Parsed<T>(@Nullable T value, @Nullable String error) {
    /**
     * The value; call only when {@link #ok()} is true.
     *
     * @return the parsed value
     */
    @Override
    public T value() {
      return Objects.requireNonNull(value, "no value: check ok() first");
    }

    /**
     * Why there is no value; call only when {@link #ok()} is false.
     *
     * @return the reason
     */
    @Override
    public String error() {
      return Objects.requireNonNull(error, "no error: check ok() first");
    }

    static <T> Parsed<T> ok(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> fail(String error) {
      return new Parsed<>(null, error);
    }

    /** {@return whether it parsed (there is a value)} */
    public boolean ok() {
      return value != null;
    }
  }

  /** The pairwise answer: which position won, and the reason. */
  public enum Position {
    /** The answer shown first. */
    FIRST,
    /** The answer shown second. */
    SECOND,
    /** Neither. */
    TIE
  }

  /**
   * Parses a rubric verdict {@code {"criteria":[{"name","score","reason"}, ...]}}.
   *
   * @param text the judge's answer
   * @param names the rubric's criterion names, in order
   * @return the criterion scores in the order of {@code names}, or why the answer was rejected
   */
  public static Parsed<List<CriterionScore>> rubric(String text, List<String> names) {
    Parsed<ObjectNode> root = object(text);
    if (!root.ok()) {
      return Parsed.fail(root.error());
    }
    String keys = exactKeys(root.value(), Set.of("criteria"));
    if (keys != null) {
      return Parsed.fail(keys);
    }
    JsonNode array = root.value().get("criteria");
    if (!array.isArray()) {
      return Parsed.fail("'criteria' is not an array");
    }
    Map<String, CriterionScore> byName = new LinkedHashMap<>();
    Set<String> expected = new HashSet<>(names);
    for (JsonNode item : array) {
      if (!item.isObject()) {
        return Parsed.fail("a criteria entry is not an object");
      }
      String k = exactKeys((ObjectNode) item, Set.of("name", "score", "reason"));
      if (k != null) {
        return Parsed.fail(k);
      }
      JsonNode name = item.get("name");
      if (!name.isTextual() || !expected.contains(name.textValue())) {
        return Parsed.fail("unknown criterion " + name);
      }
      if (byName.containsKey(name.textValue())) {
        return Parsed.fail("criterion '" + name.textValue() + "' appears twice");
      }
      JsonNode score = item.get("score");
      if (!score.isIntegralNumber()
          || !score.canConvertToInt()
          || score.intValue() < 1
          || score.intValue() > 10) {
        return Parsed.fail("score of '" + name.textValue() + "' is not an integer 1..10: " + score);
      }
      String reason = reason(item.get("reason"));
      if (reason == null) {
        return Parsed.fail("reason of '" + name.textValue() + "' is not one non-blank line");
      }
      byName.put(name.textValue(), new CriterionScore(name.textValue(), score.intValue(), reason));
    }
    if (byName.size() != names.size()) {
      Set<String> missing = new HashSet<>(names);
      missing.removeAll(byName.keySet());
      return Parsed.fail("criteria missing: " + missing);
    }
    List<CriterionScore> ordered = new ArrayList<>();
    for (String n : names) {
      ordered.add(byName.get(n));
    }
    return Parsed.ok(ordered);
  }

  /**
   * Parses a pairwise answer {@code {"winner":"A"|"B"|"tie","reason":"..."}}.
   *
   * @param text the judge's answer
   * @return the winning position, or why the answer was rejected
   */
  public static Parsed<Position> pairwise(String text) {
    Parsed<ObjectNode> root = object(text);
    if (!root.ok()) {
      return Parsed.fail(root.error());
    }
    String keys = exactKeys(root.value(), Set.of("winner", "reason"));
    if (keys != null) {
      return Parsed.fail(keys);
    }
    JsonNode w = root.value().get("winner");
    if (!w.isTextual()) {
      return Parsed.fail("'winner' is not a string");
    }
    Position p =
        switch (w.textValue()) {
          case "A" -> Position.FIRST;
          case "B" -> Position.SECOND;
          case "tie" -> Position.TIE;
          default -> null;
        };
    if (p == null) {
      return Parsed.fail("'winner' must be \"A\", \"B\" or \"tie\", got " + w);
    }
    if (reason(root.value().get("reason")) == null) {
      return Parsed.fail("'reason' is not one non-blank line");
    }
    return Parsed.ok(p);
  }

  private static Parsed<ObjectNode> object(String text) {
    if (text == null || text.isBlank()) {
      return Parsed.fail("empty answer");
    }
    String t = text.strip();
    if (!t.startsWith("{")) {
      return Parsed.fail("the answer is not a bare JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      return Parsed.fail("invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return Parsed.fail("the answer is not a JSON object");
    }
    return Parsed.ok((ObjectNode) node);
  }

  private static @Nullable String exactKeys(ObjectNode o, Set<String> keys) {
    Set<String> seen = new HashSet<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        return "unexpected key '" + k + "'";
      }
      seen.add(k);
    }
    if (!seen.equals(keys)) {
      Set<String> missing = new HashSet<>(keys);
      missing.removeAll(seen);
      return "missing keys " + missing;
    }
    return null;
  }

  private static @Nullable String reason(@Nullable JsonNode r) {
    if (r == null || !r.isTextual()) {
      return null;
    }
    String s = r.textValue().strip();
    if (s.isEmpty() || s.length() > MAX_REASON || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return null;
    }
    return s;
  }
}
