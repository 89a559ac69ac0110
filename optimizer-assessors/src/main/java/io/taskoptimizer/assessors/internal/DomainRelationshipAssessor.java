package io.taskoptimizer.assessors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores domain-relationship answers ({@code optimizer-domain-relationship}): relationship scores
 * between skill domains that a program can read.
 *
 * <ul>
 *   <li>{@code json_valid} (weight 0.3, only when JSON was asked for): as for the other assessors.
 *   <li>{@code scores_parsable} (0.5): at least one score could be read: a number under a
 *       score-like key in JSON ({@code score}, {@code relationship}, {@code strength}, {@code
 *       similarity}, {@code bewertung}, ...), a number after such a word in text ("Relationship
 *       score: 0.8", "7/10"), or else any number.
 *   <li>{@code scores_in_range} (0.5): the share of those scores inside the asked range. The range
 *       is the input {@value #INPUT_SCORE_RANGE} (e.g. {@code 0-10}) if given, else the first range
 *       the prompt states ("on a scale from 1 to 10", "between 0 and 1", "von 0 bis 100"), else 0
 *       to 1. "7/10" counts as in range when 10 is the upper bound.
 * </ul>
 */
public final class DomainRelationshipAssessor extends BaseAssessor {

  /** Input key: the score range asked for, as {@code low-high} (e.g. {@code 0-10}). */
  public static final String INPUT_SCORE_RANGE = "score_range";

  private static final String NUM = "(-?\\d{1,6}(?:[.,]\\d{1,6})?)";

  private static final List<Pattern> RANGE_PATTERNS =
      List.of(
          Pattern.compile(
              "(?:scale|skala|range|bereich|spanne)\\s{0,3}(?:of|from|von|between|zwischen)?\\s{0,3}"
                  + NUM
                  + "\\s{0,3}(?:to|-|–|bis|and|und)\\s{0,3}"
                  + NUM),
          Pattern.compile(
              "(?:between|zwischen)\\s{1,3}" + NUM + "\\s{0,3}(?:and|und|-|–)\\s{0,3}" + NUM),
          Pattern.compile("(?:from|von)\\s{1,3}" + NUM + "\\s{0,3}(?:to|bis|-|–)\\s{0,3}" + NUM),
          Pattern.compile(NUM + "\\s{0,2}(?:-|–|to|bis)\\s{0,2}" + NUM + "\\s{0,3}(?:scale|skala)"),
          Pattern.compile(
              "^\\s{0,3}" + NUM + "\\s{0,3}(?:-|–|\\.\\.|to|bis)\\s{0,3}" + NUM + "\\s{0,3}$"));

  private static final Pattern KEYED_TEXT_SCORE =
      Pattern.compile(
          "(?:score|rating|relationship|relation|strength|similarity|relevance|relatedness|overlap|bewertung|wert"
              + "|stärke|staerke|ähnlichkeit|aehnlichkeit|relevanz|zusammenhang|beziehung|verwandtschaft)"
              + "[^\\d\\n]{0,30}?"
              + NUM
              + "(?:\\s{0,2}/\\s{0,2}"
              + NUM
              + ")?");

  private static final Pattern ANY_NUMBER =
      Pattern.compile("(?<![\\w.])" + NUM + "(?:\\s{0,2}/\\s{0,2}" + NUM + ")?(?![\\w.])");

  private static final List<String> SCORE_KEY_PARTS =
      List.of(
          "score",
          "rating",
          "relation",
          "strength",
          "similar",
          "relevan",
          "related",
          "overlap",
          "confidence",
          "bewertung",
          "wert",
          "staerke",
          "stärke",
          "aehnlich",
          "ähnlich",
          "zusammenhang",
          "beziehung");

  /** Scores read from one output are capped, so huge outputs cost linear time at most. */
  static final int MAX_SCORES = 1000;

  /** A score and the denominator written with it ("7/10"), if any. */
  record Score(double value, double outOf) {}

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public DomainRelationshipAssessor() {}

  @Override
  public String id() {
    return "optimizer-domain-relationship";
  }

  @Override
  public boolean supports(TaskType task) {
    return TaskType.DOMAIN_RELATIONSHIP.equals(task);
  }

  @Override
  List<String> criteria() {
    return List.of(JsonOutput.JSON_VALID, "scores_parsable", "scores_in_range");
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    String out = input.output();
    JsonOutput json = JsonOutput.parseScoringValidity(input, sheet, 0.3);
    double[] range = range(input);
    List<Score> scores =
        json.root
            .map(DomainRelationshipAssessor::scoresFromJson)
            .filter(s -> !s.isEmpty())
            .orElseGet(() -> scoresFromText(out));
    sheet.criterion("scores_parsable", scores.isEmpty() ? 0.0 : 1.0, 0.5);
    if (scores.isEmpty()) {
      sheet.note("no score could be read");
      sheet.criterion("scores_in_range", 0.0, 0.5);
      return;
    }
    int inRange = 0;
    Score firstOut = null;
    for (Score s : scores) {
      boolean ok =
          s.outOf() > 0
              ? s.outOf() == range[1] && s.value() >= range[0] && s.value() <= range[1]
              : s.value() >= range[0] && s.value() <= range[1];
      if (ok) {
        inRange++;
      } else if (firstOut == null) {
        firstOut = s;
      }
    }
    if (firstOut != null) {
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d of %d scores outside %s..%s, e.g. %s",
              scores.size() - inRange,
              scores.size(),
              fmt(range[0]),
              fmt(range[1]),
              fmt(firstOut.value()) + (firstOut.outOf() > 0 ? "/" + fmt(firstOut.outOf()) : "")));
    }
    sheet.criterion("scores_in_range", (double) inRange / scores.size(), 0.5);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** The asked range: the score_range input, else the prompt's first stated range, else 0..1. */
  static double[] range(AssessmentInput input) {
    Optional<String> given = input.input(INPUT_SCORE_RANGE);
    if (given.isPresent()) {
      Optional<double[]> r = firstRange(given.get());
      if (r.isPresent()) {
        return r.get();
      }
    }
    return firstRange(input.prompt()).orElseGet(() -> new double[] {0.0, 1.0});
  }

  private static Optional<double[]> firstRange(String text) {
    String norm = Terms.normalize(text);
    double[] best = null;
    int bestAt = Integer.MAX_VALUE;
    for (Pattern p : RANGE_PATTERNS) {
      Matcher m = p.matcher(norm);
      while (m.find() && m.start() < bestAt) {
        double lo = number(m.group(1));
        double hi = number(m.group(2));
        if (lo < hi) {
          best = new double[] {lo, hi};
          bestAt = m.start();
          break;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static double number(String s) {
    return Double.parseDouble(s.replace(',', '.'));
  }

  static List<Score> scoresFromJson(JsonNode root) {
    List<Score> keyed = new ArrayList<>();
    List<Score> any = new ArrayList<>();
    collect(root, false, keyed, any, 0);
    return keyed.isEmpty() ? any : keyed;
  }

  private static void collect(
      JsonNode node, boolean underScoreKey, List<Score> keyed, List<Score> any, int depth) {
    if (depth > JsonOutput.MAX_DEPTH || keyed.size() >= MAX_SCORES || any.size() >= MAX_SCORES) {
      return;
    }
    if (node.isNumber()) {
      Score s = new Score(node.asDouble(), 0);
      (underScoreKey ? keyed : any).add(s);
    } else if (node.isTextual() && underScoreKey) {
      List<Score> inText = scoresFromText(node.asText());
      if (inText.size() == 1) {
        keyed.add(inText.get(0));
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        collect(item, underScoreKey, keyed, any, depth + 1);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), underScoreKey || isScoreKey(e.getKey()), keyed, any, depth + 1);
      }
    }
  }

  private static boolean isScoreKey(String key) {
    String k = JsonOutput.normalizeKey(key);
    for (String part : SCORE_KEY_PARTS) {
      if (k.contains(part)) {
        return true;
      }
    }
    return false;
  }

  static List<Score> scoresFromText(String text) {
    String norm = Terms.normalize(text);
    List<Score> keyed = find(KEYED_TEXT_SCORE, norm);
    if (!keyed.isEmpty()) {
      return keyed;
    }
    List<Score> any = new ArrayList<>();
    for (String raw : Lines.split(norm)) {
      String line = raw.strip();
      int marker = Lines.listMarkerLength(line);
      any.addAll(
          find(
              ANY_NUMBER,
              marker > 0 && Character.isDigit(line.charAt(0)) ? line.substring(marker) : line));
      if (any.size() >= MAX_SCORES) {
        break;
      }
    }
    return any;
  }

  private static List<Score> find(Pattern p, String text) {
    List<Score> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find() && out.size() < MAX_SCORES) {
      double value = number(m.group(1));
      double outOf = m.group(2) == null ? 0 : number(m.group(2));
      out.add(new Score(value, outOf));
    }
    return out;
  }
}
