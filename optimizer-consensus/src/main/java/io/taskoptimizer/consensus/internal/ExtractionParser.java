package io.taskoptimizer.consensus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a job extraction out of a model's answer, tolerantly: the labelled format the
 * default prompt asks for ({@code TITLE: ...}, {@code REQUIREMENTS:} followed by {@code - item}
 * lines), with or without Markdown decoration, in English or German, or a JSON object with the same
 * (or aliased) keys, also inside a {@code ```json} fence.
 */
public final class ExtractionParser {

  /** The fields of an extraction. */
  public enum Field {
    /** The job title. */
    TITLE(
        false,
        "title",
        "jobtitle",
        "position",
        "positiontitle",
        "role",
        "roletitle",
        "titel",
        "jobtitel",
        "stellentitel",
        "stellenbezeichnung",
        "stelle"),
    /** The employer. */
    COMPANY(
        false,
        "company",
        "companyname",
        "employer",
        "organization",
        "organisation",
        "unternehmen",
        "firma",
        "arbeitgeber"),
    /** The location. */
    LOCATION(
        false,
        "location",
        "locations",
        "city",
        "joblocation",
        "worklocation",
        "ort",
        "standort",
        "arbeitsort",
        "einsatzort",
        "dienstort"),
    /** The main tasks. */
    RESPONSIBILITIES(
        true,
        "responsibilities",
        "keyresponsibilities",
        "mainresponsibilities",
        "tasks",
        "duties",
        "yourtasks",
        "yourresponsibilities",
        "whatyouwilldo",
        "aufgaben",
        "ihreaufgaben",
        "deineaufgaben",
        "aufgabengebiet",
        "taetigkeiten",
        "tätigkeiten",
        "verantwortlichkeiten"),
    /** The requirements. */
    REQUIREMENTS(
        true,
        "requirements",
        "keyrequirements",
        "qualifications",
        "requiredqualifications",
        "skills",
        "requiredskills",
        "yourprofile",
        "profile",
        "musthave",
        "anforderungen",
        "qualifikationen",
        "profil",
        "ihrprofil",
        "deinprofil",
        "voraussetzungen",
        "kenntnisse"),
    /** How to get in touch. */
    CONTACT(
        false,
        "contact",
        "contactinfo",
        "contactinformation",
        "contactdetails",
        "contactperson",
        "kontakt",
        "ansprechpartner",
        "ansprechpartnerin",
        "kontaktdaten");

    final boolean list;

    // Set.of(...) is unmodifiable, which Error Prone cannot tell from the Set interface
    @SuppressWarnings("ImmutableEnumChecker")
    final Set<String> aliases;

    Field(boolean list, String... aliases) {
      this.list = list;
      this.aliases = Set.of(aliases);
    }

    /** {@return whether the field holds a list of items} */
    public boolean isList() {
      return list;
    }
  }

  /** What was found: scalar fields have at most one value, list fields any number of items. */
  public record Parsed(Map<Field, List<String>> fields) {
    /**
     * The value of a scalar field.
     *
     * @param f the field
     * @return its value, or empty when it was not found
     */
    public Optional<String> value(Field f) {
      List<String> v = fields.get(f);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * The items of a list field.
     *
     * @param f the field
     * @return its items in the answer's order, empty when none were found
     */
    public List<String> items(Field f) {
      return fields.getOrDefault(f, List.of());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOTHING =
      Set.of(
          "not specified",
          "not mentioned",
          "not stated",
          "not provided",
          "not available",
          "n/a",
          "na",
          "none",
          "unknown",
          "-",
          "—",
          "null",
          "nicht angegeben",
          "keine angabe",
          "keine angaben",
          "unbekannt",
          "k.a.",
          "k. a.");

  /**
   * A label at the start of a line: optional bullet, Markdown heading or emphasis, then a colon.
   */
  private static final Pattern LABEL =
      Pattern.compile(
          "^\\s*(?:[-*•]\\s+)?(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*([\\p{L}][\\p{L} /&_-]{1,40}?)\\s*(?:\\*\\*|__)?\\s*:"
              + "\\s*(?:\\*\\*|__)?\\s*(.*)$");

  /** A heading without colon: {@code ## Requirements} or {@code **Requirements**}. */
  private static final Pattern HEADING =
      Pattern.compile(
          "^\\s*(?:#{1,6}\\s*|\\*\\*|__)([\\p{L}][\\p{L} /&_-]{1,40}?)\\s*(?:\\*\\*|__)?\\s*$");

  private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·–]|\\d{1,2}[.)])\\s+");
  private static final Pattern FENCE =
      Pattern.compile("(?s)^\\s*```[a-zA-Z]*\\s*(.*?)\\s*```\\s*$");

  private ExtractionParser() {}

  /**
   * Parses a model's answer; never throws, returns what it could find.
   *
   * @param output the model's answer; must not be null
   * @return the fields found, possibly none
   */
  public static Parsed parse(String output) {
    String text = output.strip();
    Matcher fence = FENCE.matcher(text);
    if (fence.matches()) {
      text = fence.group(1);
    }
    if (text.startsWith("{")) {
      Optional<Parsed> json = fromJson(text);
      if (json.isPresent()) {
        return json.get();
      }
    }
    return fromText(output);
  }

  private static Optional<Parsed> fromJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    Map<Field, List<String>> out = new EnumMap<>(Field.class);
    collect(root, out, 0);
    return Optional.of(new Parsed(out));
  }

  /** Looks for known keys at the top level and one level down (e.g. {@code {"job": {...}}}). */
  private static void collect(JsonNode node, Map<Field, List<String>> out, int depth) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      Field f = field(e.getKey());
      JsonNode v = e.getValue();
      if (f != null && !out.containsKey(f)) {
        List<String> values = new ArrayList<>();
        values(v, values);
        values.removeIf(ExtractionParser::isNothing);
        if (!values.isEmpty()) {
          out.put(
              f, f.list ? values : List.of(String.join(f == Field.CONTACT ? ", " : "; ", values)));
        }
      } else if (f == null && v.isObject() && depth == 0) {
        collect(v, out, depth + 1);
      }
    }
  }

  private static void values(JsonNode v, List<String> into) {
    if (v.isTextual() || v.isNumber() || v.isBoolean()) {
      String s = v.asText().strip();
      if (!s.isEmpty()) {
        into.add(s);
      }
    } else if (v.isArray()) {
      v.forEach(e -> values(e, into));
    } else if (v.isObject()) {
      // e.g. {"email": "...", "phone": "..."}: keep the values in order
      v.properties().forEach(e -> values(e.getValue(), into));
    }
  }

  private static Parsed fromText(String output) {
    Map<Field, List<String>> out = new LinkedHashMap<>();
    Field current = null;
    // limit -1 keeps trailing empty lines, which the loop skips like any empty line
    for (String raw : output.split("\\R", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("```")) {
        continue;
      }
      Matcher label = LABEL.matcher(line);
      Matcher heading = HEADING.matcher(line);
      Field f = null;
      String value = "";
      if (label.matches()) {
        f = field(label.group(1));
        value = label.group(2);
      } else if (heading.matches()) {
        f = field(heading.group(1));
      } else if (!BULLET.matcher(line).find()) {
        f = field(line); // a bare "Requirements" line
      }
      if (f != null) {
        current = f;
        out.computeIfAbsent(f, k -> new ArrayList<>());
        add(out, f, clean(value));
        continue;
      }
      if (current != null) {
        add(out, current, clean(BULLET.matcher(line).replaceFirst("")));
      }
    }
    Map<Field, List<String>> result = new EnumMap<>(Field.class);
    out.forEach(
        (f, v) -> {
          if (!v.isEmpty()) {
            result.put(
                f,
                f.list ? List.copyOf(v) : List.of(String.join(f == Field.CONTACT ? ", " : " ", v)));
          }
        });
    return new Parsed(result);
  }

  private static void add(Map<Field, List<String>> out, Field f, String value) {
    if (value.isEmpty() || isNothing(value)) {
      return;
    }
    List<String> values = out.computeIfAbsent(f, k -> new ArrayList<>());
    if (f.list || f == Field.CONTACT || values.isEmpty()) {
      values.add(value);
    }
    // a second line under a scalar label (other than contact) is commentary, not the value
  }

  private static String clean(String s) {
    String t = s.strip();
    t = t.replaceAll("^(\\*\\*|__)|(\\*\\*|__)$", "").strip();
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\""))) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t;
  }

  private static boolean isNothing(String s) {
    return NOTHING.contains(s.strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", ""));
  }

  private static @Nullable Field field(String label) {
    String key = label.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
    for (Field f : Field.values()) {
      if (f.aliases.contains(key)) {
        return f;
      }
    }
    return null;
  }
}
