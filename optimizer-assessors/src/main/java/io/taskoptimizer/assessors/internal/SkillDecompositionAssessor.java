package io.taskoptimizer.assessors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scores skill decompositions ({@code optimizer-skill-decomposition}): a requirement broken into
 * distinct skills.
 *
 * <ul>
 *   <li>{@code json_valid} (weight 0.4, only when JSON was asked for): 1 for valid JSON, 0.6 inside
 *       a Markdown code fence, 0.4 with prose around it, 0 otherwise.
 *   <li>{@code distinct_skills} (0.35): distinct skills found divided by 3, capped at 1 (at least
 *       three are expected). Skills are read from JSON (the array under a {@code skills}-like key,
 *       else the largest array, else an object's keys) or from list items / comma-separated text.
 *   <li>{@code no_duplicates} (0.25): 1 minus the share of skills that repeat another one (case,
 *       punctuation and word order ignored).
 * </ul>
 */
public final class SkillDecompositionAssessor extends BaseAssessor {

  /** Fewer distinct skills than this is an incomplete decomposition. */
  static final int MIN_SKILLS = 3;

  private static final List<String> SKILL_KEYS =
      List.of(
          "skills",
          "skill",
          "subskills",
          "components",
          "decomposition",
          "items",
          "competencies",
          "competences",
          "faehigkeiten",
          "fähigkeiten",
          "kompetenzen",
          "teilfaehigkeiten",
          "teilfähigkeiten",
          "skillset",
          "requiredskills",
          "kenntnisse");

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public SkillDecompositionAssessor() {}

  @Override
  public String id() {
    return "optimizer-skill-decomposition";
  }

  @Override
  public boolean supports(TaskType task) {
    return TaskType.SKILL_DECOMPOSITION.equals(task);
  }

  @Override
  List<String> criteria() {
    return List.of(JsonOutput.JSON_VALID, "distinct_skills", "no_duplicates");
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    String out = input.output();
    JsonOutput json = JsonOutput.parseScoringValidity(input, sheet, 0.4);
    List<String> skills =
        json.root
            .map(SkillDecompositionAssessor::skillsFromJson)
            .filter(s -> !s.isEmpty())
            .orElseGet(() -> skillsFromText(out));

    Set<String> distinct = new HashSet<>();
    int duplicates = 0;
    String firstDuplicate = null;
    for (String skill : skills) {
      String key = canonical(skill);
      if (key.isEmpty()) {
        continue;
      }
      if (!distinct.add(key)) {
        duplicates++;
        if (firstDuplicate == null) {
          firstDuplicate = skill;
        }
      }
    }
    int total = distinct.size() + duplicates;
    if (distinct.size() < MIN_SKILLS) {
      sheet.note(distinct.size() + " distinct skill(s), expected at least " + MIN_SKILLS);
    }
    sheet.criterion("distinct_skills", (double) distinct.size() / MIN_SKILLS, 0.35);
    if (duplicates > 0) {
      // the loop records the first duplicate when it counts one
      String example = Objects.requireNonNull(firstDuplicate, "firstDuplicate");
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d duplicate skill(s), e.g. '%s'",
              duplicates,
              example.length() > 60 ? example.substring(0, 57) + "..." : example));
    }
    sheet.criterion("no_duplicates", total == 0 ? 0.0 : 1.0 - (double) duplicates / total, 0.25);
  }

  static List<String> skillsFromJson(JsonNode root) {
    Optional<JsonNode> keyed = JsonOutput.find(root, SKILL_KEYS);
    if (keyed.isPresent() && JsonOutput.hasContent(keyed.get())) {
      if (keyed.get().isObject()) {
        return keysOrItems(keyed.get());
      }
      return JsonOutput.textItems(keyed.get());
    }
    JsonNode largest = null;
    for (JsonNode array : JsonOutput.arrays(root)) {
      if (largest == null || array.size() > largest.size()) {
        largest = array;
      }
    }
    if (largest != null && largest.size() > 0) {
      return JsonOutput.textItems(largest);
    }
    if (root.isObject()) {
      return keysOrItems(root);
    }
    return List.of();
  }

  /**
   * An object such as {@code {"Python": "advanced", "SQL": "basic"}} names its skills in its keys.
   */
  private static List<String> keysOrItems(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static List<String> skillsFromText(String out) {
    List<String> items = new ArrayList<>();
    for (String raw : Lines.split(out)) {
      String line = raw.strip();
      if (Lines.isListItem(line)) {
        String item = Lines.stripListMarker(line);
        int colon = item.indexOf(':');
        // "Python: used for scripting" names the skill before the colon
        items.add(colon > 0 && colon < 50 ? item.substring(0, colon) : item);
      }
    }
    if (!items.isEmpty()) {
      return items;
    }
    String body = out.strip();
    int colon = body.indexOf(':');
    if (colon >= 0 && colon < 80 && body.indexOf('\n') < 0) {
      body = body.substring(colon + 1);
    }
    return Terms.splitList(body);
  }

  /**
   * A skill's identity: its words lower-cased and sorted, so "SQL, advanced" equals "advanced SQL".
   */
  static String canonical(String skill) {
    List<String> tokens = new ArrayList<>(Terms.tokens(skill.replace("*", "")));
    tokens.removeIf(Terms::isStopWord);
    tokens.sort(null);
    return String.join(" ", tokens);
  }
}
