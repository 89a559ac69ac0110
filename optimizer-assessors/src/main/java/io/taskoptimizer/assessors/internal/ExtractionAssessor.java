package io.taskoptimizer.assessors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scores job-posting extractions ({@code optimizer-extraction}) for {@code job_requirements} and
 * {@code job_extraction}, in JSON or as labelled text, English and German.
 *
 * <ul>
 *   <li>{@code json_valid} (weight 0.2, only when JSON was asked for).
 *   <li>{@code fields_present} (0.35): the share of required fields present and non-empty ("n/a",
 *       "unknown", "nicht angegeben" count half). Required fields are the input {@value
 *       #INPUT_REQUIRED_FIELDS} (comma separated) if given, else the top-level {@code required}
 *       list of the requested JSON schema, else {@code title, company, location, requirements} for
 *       job_extraction and {@code requirements} for job_requirements. Well-known fields are found
 *       under English and German aliases ({@code job_title}, {@code Stellenbezeichnung}, {@code
 *       Unternehmen}, {@code Standort}, {@code Anforderungen}, ...).
 *   <li>{@code grounded} (0.3, only when the source is known: input {@value
 *       GenerationRequest#INPUT_JOB_POSTING}, else the prompt): extracted values and list items
 *       must occur in the source. An item counts fully when half of its content words (stemmed)
 *       occur in the source, and by its share below that, so invented requirements lower the score.
 *   <li>{@code no_marketing} (0.15): 1 minus the share of extracted requirement items that are
 *       benefits or marketing ("competitive salary", "30 Tage Urlaub", "dynamic team"); halved when
 *       a benefits section was included although not asked for.
 * </ul>
 */
public final class ExtractionAssessor extends BaseAssessor {

  /** Input key: the fields the extraction must contain, comma separated. */
  public static final String INPUT_REQUIRED_FIELDS = "required_fields";

  /** At most this many extracted items are checked, to bound the cost on huge outputs. */
  static final int MAX_ITEMS = 500;

  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put(
        "title",
        List.of(
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
            "bezeichnung",
            "positionsbezeichnung"));
    ALIASES.put(
        "company",
        List.of(
            "company",
            "companyname",
            "employer",
            "organization",
            "organisation",
            "firm",
            "hiringcompany",
            "unternehmen",
            "firma",
            "arbeitgeber",
            "firmenname",
            "unternehmensname"));
    ALIASES.put(
        "location",
        List.of(
            "location",
            "city",
            "place",
            "workplace",
            "joblocation",
            "worklocation",
            "office",
            "ort",
            "standort",
            "arbeitsort",
            "dienstort",
            "einsatzort"));
    ALIASES.put(
        "requirements",
        List.of(
            "requirements",
            "requiredskills",
            "skills",
            "qualifications",
            "musthave",
            "musthaves",
            "requirementslist",
            "keyrequirements",
            "yourprofile",
            "profile",
            "anforderungen",
            "qualifikationen",
            "profil",
            "ihrprofil",
            "deinprofil",
            "kenntnisse",
            "voraussetzungen",
            "anforderungsprofil"));
  }

  private static final List<String> BENEFIT_KEYS =
      List.of(
          "benefits",
          "perks",
          "weoffer",
          "whatweoffer",
          "offer",
          "aboutus",
          "companydescription",
          "wirbieten",
          "dasbietenwir",
          "unserangebot",
          "vorteile",
          "ueberuns",
          "überuns");

  private static final Set<String> EMPTYISH =
      Set.of(
          "n/a",
          "na",
          "none",
          "unknown",
          "not specified",
          "not mentioned",
          "not stated",
          "not provided",
          "-",
          "—",
          "null",
          "keine angabe",
          "nicht angegeben",
          "unbekannt",
          "k.a.",
          "k. a.");

  private static final String[] MARKETING = {
    "competitive salary",
    "attractive salary",
    "competitive compensation",
    "competitive pay",
    "we offer",
    "what we offer",
    "free coffee",
    "free fruit",
    "fruit basket",
    "free drinks",
    "team events",
    "company events",
    "flexible working hours",
    "flexible hours",
    "gym membership",
    "pension plan",
    "company car",
    "vacation days",
    "days of vacation",
    "days of holiday",
    "paid time off",
    "stock options",
    "career opportunities",
    "great team",
    "dynamic team",
    "young team",
    "family atmosphere",
    "exciting projects",
    "award-winning",
    "award winning",
    "market leader",
    "leading company",
    "innovative company",
    "fast-growing",
    "fast growing",
    "wir bieten",
    "bieten wir",
    "attraktive vergütung",
    "attraktives gehalt",
    "leistungsgerechte vergütung",
    "obstkorb",
    "kostenloses obst",
    "kostenlose getränke",
    "firmenwagen",
    "dienstwagen",
    "urlaubstage",
    "tage urlaub",
    "jobrad",
    "dienstrad",
    "betriebliche altersvorsorge",
    "flexible arbeitszeiten",
    "gleitzeit",
    "teamevents",
    "firmenevents",
    "weiterbildungsmöglichkeiten",
    "entwicklungsmöglichkeiten",
    "essenszuschuss",
    "fitnessstudio",
    "urban sports",
    "familiäre atmosphäre",
    "flache hierarchien",
    "junges team",
    "dynamisches team",
    "marktführer",
    "spannende projekte",
    "abwechslungsreiche aufgaben",
    "unbefristete",
    "unbefristeter"
  };

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public ExtractionAssessor() {}

  @Override
  public String id() {
    return "optimizer-extraction";
  }

  @Override
  public boolean supports(TaskType task) {
    return TaskType.JOB_REQUIREMENTS.equals(task) || TaskType.JOB_EXTRACTION.equals(task);
  }

  @Override
  List<String> criteria() {
    return List.of(JsonOutput.JSON_VALID, "fields_present", "grounded", "no_marketing");
  }

  /** What was extracted: named fields (text or items) and every list item, from JSON or text. */
  private static final class Extraction {
    final Map<String, List<String>> fields = new LinkedHashMap<>();
    final List<String> items = new ArrayList<>();
    final List<String> requirementItems = new ArrayList<>();
    boolean benefitsSection;
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    String out = input.output();
    JsonOutput json = JsonOutput.parseScoringValidity(input, sheet, 0.2);
    List<String> required = requiredFields(input);
    Extraction ex =
        json.root
            .filter(JsonNode::isContainerNode)
            .map(root -> fromJson(root, required))
            .orElseGet(() -> fromText(out));

    double present = 0;
    List<String> missing = new ArrayList<>();
    for (String field : required) {
      List<String> values = ex.fields.get(field);
      double credit = fieldCredit(values);
      present += credit;
      if (credit < 1) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      sheet.note("missing or empty field(s): " + String.join(", ", missing));
    }
    sheet.criterion("fields_present", required.isEmpty() ? 1.0 : present / required.size(), 0.35);

    Optional<String> source =
        input
            .input(GenerationRequest.INPUT_JOB_POSTING)
            .or(() -> input.prompt().isBlank() ? Optional.empty() : Optional.of(input.prompt()));
    if (source.isPresent()) {
      double g = grounded(ex, Terms.stemSet(source.get()), sheet);
      if (g >= 0) {
        sheet.criterion("grounded", g, 0.3);
      }
    }

    sheet.criterion("no_marketing", noMarketing(ex, required, sheet), 0.15);
  }

  /** The aliases of a field that {@link #ALIASES} defines. */
  private static List<String> aliases(String field) {
    return Objects.requireNonNull(ALIASES.get(field), field);
  }

  private static double fieldCredit(@Nullable List<String> values) {
    if (values == null || values.isEmpty()) {
      return 0;
    }
    boolean anyReal = false;
    boolean anyEmptyish = false;
    for (String v : values) {
      String t = Terms.normalize(v).strip();
      if (t.isEmpty()) {
        continue;
      }
      if (EMPTYISH.contains(t)) {
        anyEmptyish = true;
      } else {
        anyReal = true;
      }
    }
    return anyReal ? 1.0 : anyEmptyish ? 0.5 : 0.0;
  }

  static List<String> requiredFields(AssessmentInput input) {
    Optional<String> given = input.input(INPUT_REQUIRED_FIELDS);
    if (given.isPresent()) {
      List<String> out = new ArrayList<>();
      for (String f : Terms.splitList(given.get())) {
        out.add(canonicalField(f));
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    Optional<String> schema = input.requestedFormat().schema();
    if (schema.isPresent()) {
      JsonOutput parsed = JsonOutput.parse(schema.get());
      JsonNode req = parsed.root.map(r -> r.get("required")).orElse(null);
      if (req != null && req.isArray() && req.size() > 0) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : req) {
          if (f.isTextual()) {
            out.add(canonicalField(f.asText()));
          }
        }
        if (!out.isEmpty()) {
          return out;
        }
      }
    }
    return TaskType.JOB_EXTRACTION.equals(input.task())
        ? List.of("title", "company", "location", "requirements")
        : List.of("requirements");
  }

  /** The well-known field a name is an alias of, or the name's normalised form. */
  static String canonicalField(String name) {
    String k = JsonOutput.normalizeKey(name);
    for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
      if (e.getValue().contains(k)) {
        return e.getKey();
      }
    }
    return k;
  }

  private static Extraction fromJson(JsonNode root, List<String> required) {
    Extraction ex = new Extraction();
    for (String field : required) {
      List<String> names = ALIASES.getOrDefault(field, List.of(field));
      JsonOutput.find(root, names).ifPresent(v -> ex.fields.put(field, values(v)));
    }
    if (root.isArray()
        && required.contains("requirements")
        && !ex.fields.containsKey("requirements")) {
      // a bare list is the requirements themselves
      ex.fields.put("requirements", values(root));
    }
    JsonOutput.find(root, aliases("requirements"))
        .ifPresent(v -> ex.requirementItems.addAll(bounded(JsonOutput.textItems(v))));
    for (String field : List.of("title", "company", "location")) {
      JsonOutput.find(root, aliases(field))
          .filter(JsonNode::isTextual)
          .ifPresent(v -> ex.items.add(v.asText()));
    }
    for (JsonNode array : JsonOutput.arrays(root)) {
      ex.items.addAll(JsonOutput.textItems(array));
      if (ex.items.size() >= MAX_ITEMS) {
        break;
      }
    }
    if (ex.requirementItems.isEmpty()) {
      ex.requirementItems.addAll(bounded(ex.items));
    }
    Optional<JsonNode> benefits = JsonOutput.find(root, BENEFIT_KEYS);
    ex.benefitsSection =
        benefits.isPresent()
            && JsonOutput.hasContent(benefits.get())
            && !required.contains("benefits");
    return ex;
  }

  private static List<String> values(JsonNode v) {
    if (v.isTextual() || v.isNumber() || v.isBoolean()) {
      return List.of(v.asText());
    }
    if (!JsonOutput.hasContent(v)) {
      return List.of();
    }
    List<String> items = JsonOutput.textItems(v);
    return items.isEmpty() ? List.of(v.toString()) : items;
  }

  private static List<String> bounded(List<String> items) {
    return items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items;
  }

  /** Labelled lines ("Company: Acme") and headed lists ("Requirements:" then "- ..."). */
  private static Extraction fromText(String out) {
    Extraction ex = new Extraction();
    String current = null;
    boolean currentIsRequirements = false;
    boolean currentIsBenefits = false;
    for (String raw : Lines.split(out)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (Lines.isListItem(line)) {
        String item = Lines.stripListMarker(line).replace("**", "").strip();
        String[] lv = Lines.labelled(line).orElse(null);
        if (lv != null && current == null && !lv[1].isEmpty()) {
          // "- Company: Acme" is a field, not an extracted item
          addField(ex, lv[0], lv[1]);
          continue;
        }
        if (ex.items.size() < MAX_ITEMS) {
          ex.items.add(item);
        }
        if (current != null) {
          ex.fields.computeIfAbsent(current, k -> new ArrayList<>()).add(item);
        }
        if (currentIsRequirements && ex.requirementItems.size() < MAX_ITEMS) {
          ex.requirementItems.add(item);
        }
        if (currentIsBenefits) {
          ex.benefitsSection = true;
        }
        continue;
      }
      String[] lv =
          Lines.isHeading(line)
              ? new String[] {Lines.headingText(line), ""}
              : Lines.labelled(line).orElse(null);
      if (lv == null) {
        continue;
      }
      String field = canonicalField(lv[0]);
      current = lv[1].isEmpty() ? field : null;
      currentIsRequirements = "requirements".equals(field);
      currentIsBenefits = BENEFIT_KEYS.contains(JsonOutput.normalizeKey(lv[0]));
      if (!lv[1].isEmpty()) {
        addField(ex, lv[0], lv[1]);
        if (currentIsBenefits) {
          ex.benefitsSection = true;
        }
        if (currentIsRequirements) {
          ex.requirementItems.addAll(bounded(Terms.splitList(lv[1])));
        }
        current = null;
        currentIsRequirements = false;
        currentIsBenefits = false;
      }
    }
    if (ex.requirementItems.isEmpty()) {
      ex.requirementItems.addAll(bounded(ex.items));
    }
    return ex;
  }

  private static void addField(Extraction ex, String label, String value) {
    String field = canonicalField(label);
    ex.fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
    if (ex.items.size() < MAX_ITEMS) {
      ex.items.add(value);
    }
  }

  /** Mean credit of the extracted values and items against the source; -1 when nothing to check. */
  private static double grounded(Extraction ex, Set<String> sourceStems, ScoreSheet sheet) {
    double sum = 0;
    int counted = 0;
    int invented = 0;
    String example = null;
    for (String item : ex.items) {
      if (EMPTYISH.contains(Terms.normalize(item).strip())) {
        continue;
      }
      double c = Terms.coverage(item, sourceStems);
      if (c < 0) {
        continue;
      }
      counted++;
      double credit = c >= 0.5 ? 1.0 : c;
      sum += credit;
      if (c < 0.5) {
        invented++;
        if (example == null) {
          example = item.length() > 60 ? item.substring(0, 57) + "..." : item;
        }
      }
    }
    if (counted == 0) {
      return -1;
    }
    if (invented > 0) {
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d of %d extracted item(s) not found in the source, e.g. '%s'",
              invented,
              counted,
              example));
    }
    return sum / counted;
  }

  private static double noMarketing(Extraction ex, List<String> required, ScoreSheet sheet) {
    int flagged = 0;
    String example = null;
    for (String item : ex.requirementItems) {
      String n = Terms.normalize(item);
      if (Signals.containsAny(n, MARKETING) != null) {
        flagged++;
        if (example == null) {
          example = item.length() > 60 ? item.substring(0, 57) + "..." : item;
        }
      }
    }
    double score =
        ex.requirementItems.isEmpty() ? 1.0 : 1.0 - (double) flagged / ex.requirementItems.size();
    if (flagged > 0) {
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d benefit/marketing item(s) among the requirements, e.g. '%s'",
              flagged,
              example));
    }
    if (ex.benefitsSection && !required.contains("benefits")) {
      sheet.note("benefits section included though not asked for");
      score *= 0.5;
    }
    return score;
  }
}
