package io.taskoptimizer.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the demo's simulated models "understand" of a prompt: the task asked for, and the job
 * posting or requirement text inside it (sections, bullet items, skills, title, contact). Plain
 * string heuristics for English and German; this is a simulation, not language understanding.
 */
final class PromptFacts {

  /** The kind of answer a prompt asks for. */
  enum Kind {
    JOB_EXTRACTION,
    COVER_LETTER,
    SELF_ASSESSMENT,
    SKILL_DECOMPOSITION,
    DOMAIN_RELATIONSHIP,
    JOB_REQUIREMENTS,
    GENERIC
  }

  /** Skills the simulated models recognise, in the spelling they answer with. */
  static final List<String> SKILL_VOCABULARY =
      List.of(
          "Java",
          "Spring Boot",
          "Kotlin",
          "Python",
          "Go",
          "SQL",
          "PostgreSQL",
          "MySQL",
          "Snowflake",
          "Apache Kafka",
          "Kafka",
          "Apache Spark",
          "Spark",
          "Kubernetes",
          "Docker",
          "Terraform",
          "AWS",
          "Azure",
          "GCP",
          "Argo CD",
          "GitLab CI",
          "CI/CD",
          "Prometheus",
          "Grafana",
          "Linux",
          "REST",
          "microservices",
          "TypeScript",
          "React",
          "machine learning",
          "LLM",
          "Ollama",
          "vLLM",
          "GPU",
          "data pipelines",
          "data modelling",
          "event streaming",
          "observability",
          "mentoring",
          "communication",
          "German",
          "English",
          "leadership",
          "project management",
          "Scrum",
          "statistics",
          "Excel",
          "payments",
          "risk management",
          "compliance");

  private static final Pattern BULLET =
      Pattern.compile("^\\s*(?:[-*\u2022\u2013]|\\d{1,2}[.)])\\s+(.+)$");
  private static final Pattern LISTED_TITLE = Pattern.compile("listed title: ([^;\\n]+);");
  private static final Pattern LISTED_LOCATION =
      Pattern.compile("listed location: ([^\\n]+?)\\):?[ \\t]*$", Pattern.MULTILINE);
  private static final Pattern LABEL =
      Pattern.compile(
          "^[ \\t]*(title|job title|role|position|location|company)[ \\t]*:[ \\t]*(.+)$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** A posting's headline such as "Data Analyst (m/w/d) - Example AG, Leipzig". */
  private static final Pattern HEADLINE =
      Pattern.compile(
          "^[ \\t]*([^\\n]{3,80}?) [-\u2013] ([^,\\n]{2,60}), ([^\\n]{2,60}?)[ \\t]*$",
          Pattern.MULTILINE);

  /**
   * The heading line of the CLI's self-assessment prompt: "Job posting: TITLE at COMPANY
   * (LOCATION)".
   */
  private static final Pattern JOB_POSTING_LINE =
      Pattern.compile(
          "^Job posting: (.+?)(?: at ([^(\\n]+?))?(?: \\(([^)\\n]+)\\))?[ \\t]*$",
          Pattern.MULTILINE);

  private static final Pattern AT_COMPANY =
      Pattern.compile("\\b(?:at|bei)\\s+((?:[A-Z][\\p{L}&-]+\\s){0,2}[A-Z][\\p{L}&-]+)");
  private static final Pattern RANGE =
      Pattern.compile(
          "(?:between|from|von|scale (?:of|from))\\s+(\\d+(?:\\.\\d+)?)\\s+(?:and|to|bis)\\s+(\\d+(?:\\.\\d+)?)"
              + "|\\b(\\d+(?:\\.\\d+)?)\\s*(?:-|to)\\s*(\\d+(?:\\.\\d+)?)\\s*(?:scale|range)",
          Pattern.CASE_INSENSITIVE);

  final String prompt;
  final String lower;
  final String instructions;
  final String source;
  final List<String> responsibilities = new ArrayList<>();
  final List<String> requirements = new ArrayList<>();
  final List<String> benefits = new ArrayList<>();
  final List<String> otherItems = new ArrayList<>();
  final List<String> contact = new ArrayList<>();
  final List<String> skills;
  Optional<String> title = Optional.empty();
  Optional<String> location = Optional.empty();
  Optional<String> company = Optional.empty();

  private PromptFacts(String prompt) {
    this.prompt = prompt;
    this.source = quoted(prompt);
    this.instructions = prompt.replaceAll("(?s)\"\"\".*?\"\"\"", " ");
    this.lower = instructions.toLowerCase(Locale.ROOT);
    readSections(source);
    this.skills = findSkills(source);
    readLabels();
  }

  static PromptFacts of(String prompt) {
    return new PromptFacts(prompt);
  }

  /** The task a prompt asks for, by its wording. */
  Kind kind() {
    if (has("extract") || has("extrahier")) {
      return Kind.JOB_EXTRACTION;
    }
    if (has("cover letter") || has("anschreiben")) {
      return Kind.COVER_LETTER;
    }
    if (has("self-assessment") || has("self assessment") || has("selbsteinsch")) {
      return Kind.SELF_ASSESSMENT;
    }
    if (has("decompos")
        || has("break down")
        || has("break the")
        || has("individual skills")
        || has("distinct skills")
        || has("list of skills")
        || has("zerleg")) {
      return Kind.SKILL_DECOMPOSITION;
    }
    if (has("relationship")
        || has("related")
        || has("relatedness")
        || has("how close")
        || has("beziehung")
        || has("verwandt")) {
      return Kind.DOMAIN_RELATIONSHIP;
    }
    if (has("requirement") || has("anforderung") || has("qualification")) {
      return Kind.JOB_REQUIREMENTS;
    }
    return Kind.GENERIC;
  }

  boolean has(String s) {
    return lower.contains(s);
  }

  /** The score range the prompt asks for, {@code [0, 1]} unless it says otherwise. */
  double[] scoreRange() {
    Matcher m = RANGE.matcher(prompt);
    while (m.find()) {
      String lo = m.group(1) != null ? m.group(1) : m.group(3);
      String hi = m.group(1) != null ? m.group(2) : m.group(4);
      double a = Double.parseDouble(lo);
      double b = Double.parseDouble(hi);
      if (b > a) {
        return new double[] {a, b};
      }
    }
    if (has("percent") || has("0-100") || has("0 to 100")) {
      return new double[] {0, 100};
    }
    if (has("1-10") || has("1 to 10") || has("/10") || has("0-10")) {
      return new double[] {0, 10};
    }
    return new double[] {0, 1};
  }

  /** The first double-quoted phrase of the instructions, e.g. the requirement to decompose. */
  Optional<String> quotedPhrase() {
    Matcher m =
        Pattern.compile("[\"\u201c\u201e]([^\"\u201c\u201d\u201e\\n]{3,120})[\"\u201d\u201c]")
            .matcher(instructions);
    while (m.find()) {
      String p = m.group(1).strip();
      if (!p.contains("...") && !p.contains(":")) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Skill domains named in the prompt for a relationship question, at least two. */
  List<String> domains() {
    List<String> found = new ArrayList<>(skills);
    if (found.size() < 2) {
      Matcher m = Pattern.compile("[\"'\u201c]([^\"'\u201d\\n]{2,40})[\"'\u201d]").matcher(prompt);
      while (m.find() && found.size() < 4) {
        found.add(m.group(1).strip());
      }
    }
    while (found.size() < 2) {
      found.add(found.isEmpty() ? "the first domain" : "the second domain");
    }
    return found;
  }

  /** The text inside the first triple-quoted block (the posting), or the whole prompt. */
  private static String quoted(String prompt) {
    int a = prompt.indexOf("\"\"\"");
    if (a >= 0) {
      int b = prompt.indexOf("\"\"\"", a + 3);
      if (b > a) {
        return prompt.substring(a + 3, b);
      }
    }
    return prompt;
  }

  private enum Section {
    NONE,
    RESPONSIBILITIES,
    REQUIREMENTS,
    BENEFITS,
    CONTACT,
    OTHER
  }

  private void readSections(String text) {
    Section section = Section.NONE;
    boolean englishSeen = false;
    // -1: keeps trailing empty lines, which are skipped like the others
    for (String raw : text.split("\\R", -1)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher bullet = BULLET.matcher(line);
      if (bullet.matches()) {
        String item = bullet.group(1).strip();
        switch (section) {
          case RESPONSIBILITIES -> addOnce(responsibilities, item);
          case REQUIREMENTS -> addOnce(requirements, item);
          case BENEFITS -> addOnce(benefits, item);
          case CONTACT -> addOnce(contact, item);
          default -> addOnce(otherItems, item);
        }
        continue;
      }
      String l = line.toLowerCase(Locale.ROOT);
      if (line.contains("@") || l.startsWith("contact") || l.startsWith("kontakt")) {
        addOnce(contact, contactPart(line));
      }
      if (line.split("\\s+").length <= 7 && !line.endsWith(".")) {
        Section s = heading(l);
        if (s != Section.NONE) {
          // a bilingual posting repeats its sections: keep the English version only
          boolean english = !containsGermanHeading(l);
          if (english && !englishSeen && (!responsibilities.isEmpty() || !requirements.isEmpty())) {
            responsibilities.clear();
            requirements.clear();
          }
          englishSeen |= english && (s == Section.RESPONSIBILITIES || s == Section.REQUIREMENTS);
          section =
              englishSeen && !english && s != Section.BENEFITS && s != Section.CONTACT
                  ? Section.OTHER
                  : s;
        }
      }
    }
    contact.removeIf(String::isBlank);
  }

  /** The sentence of a contact line that holds the address, without "Contact:" or "Write to". */
  private static String contactPart(String line) {
    String part = line;
    if (line.contains("@")) {
      for (String sentence : line.split("(?<=[.?!])\\s+", -1)) {
        if (sentence.contains("@")) {
          part = sentence;
          break;
        }
      }
    }
    part =
        part.replaceFirst("(?i)^(contact|kontakt)(\\s*/\\s*contact)?\\s*:?\\s*", "")
            .replaceFirst("(?i)^(please )?(write|send|e-?mail) (to|us at)\\s+", "")
            .strip();
    return part.endsWith(".") ? part.substring(0, part.length() - 1) : part;
  }

  private static boolean containsGermanHeading(String l) {
    return l.contains("aufgaben")
        || l.matches(".*\\bprofil\\b.*")
        || l.contains("wir bieten")
        || l.contains("ihre")
        || l.contains("deine")
        || l.contains("dein ")
        || l.contains("über uns");
  }

  private static Section heading(String l) {
    if (l.contains("responsibil")
        || l.contains("aufgaben")
        || l.contains("your tasks")
        || l.contains("what you will do")
        || l.contains("you will")
        || l.contains("your role")
        || l.contains("duties")) {
      return Section.RESPONSIBILITIES;
    }
    if (l.contains("profil")
        || l.contains("requirement")
        || l.contains("what you bring")
        || l.contains("qualification")
        || l.contains("you bring")
        || l.contains("skills")
        || l.contains("anforderung")
        || l.contains("mitbringen")
        || l.contains("bringst du mit")
        || l.contains("bringen sie mit")) {
      return Section.REQUIREMENTS;
    }
    if (l.contains("offer") || l.contains("bieten") || l.contains("benefit")) {
      return Section.BENEFITS;
    }
    if (l.startsWith("contact") || l.startsWith("kontakt")) {
      return Section.CONTACT;
    }
    if (l.startsWith("about") || l.startsWith("über")) {
      return Section.OTHER;
    }
    return Section.NONE;
  }

  private void readLabels() {
    Matcher jp = JOB_POSTING_LINE.matcher(instructions);
    if (jp.find()) {
      title = Optional.of(jp.group(1).strip());
      company = Optional.ofNullable(jp.group(2)).map(String::strip);
      location = Optional.ofNullable(jp.group(3)).map(String::strip);
    }
    Matcher h = HEADLINE.matcher(source);
    if (title.isEmpty() && h.find()) {
      title = Optional.of(h.group(1).strip());
      company = Optional.of(h.group(2).strip());
      location = Optional.of(h.group(3).strip());
    }
    Matcher t = LISTED_TITLE.matcher(prompt);
    if (title.isEmpty() && t.find() && !t.group(1).strip().equals("not given")) {
      title = Optional.of(t.group(1).strip());
    }
    Matcher loc = LISTED_LOCATION.matcher(prompt);
    if (location.isEmpty() && loc.find() && !loc.group(1).strip().equals("not given")) {
      location = Optional.of(loc.group(1).strip());
    }
    Matcher m = LABEL.matcher(source);
    while (m.find()) {
      String key = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2).strip();
      if (value.startsWith("<")) {
        continue;
      }
      if ((key.contains("title") || key.equals("role") || key.equals("position"))
          && title.isEmpty()) {
        title = Optional.of(value);
      } else if (key.equals("location") && location.isEmpty()) {
        location = Optional.of(value);
      } else if (key.equals("company") && company.isEmpty()) {
        company = Optional.of(value);
      }
    }
    Matcher c = AT_COMPANY.matcher(source);
    if (company.isEmpty() && c.find()) {
      company = Optional.of(c.group(1).strip());
    }
    if (title.isEmpty()) {
      for (String line : source.split("\\R", -1)) {
        String s = line.strip();
        if (!s.isEmpty()
            && s.length() < 80
            && heading(s.toLowerCase(Locale.ROOT)) == Section.NONE) {
          title = Optional.of(s);
          break;
        }
      }
    }
  }

  private static List<String> findSkills(String text) {
    Set<String> found = new LinkedHashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (String skill : SKILL_VOCABULARY) {
      Matcher m =
          Pattern.compile(
                  "(?<![\\p{L}])" + Pattern.quote(skill.toLowerCase(Locale.ROOT)) + "(?![\\p{L}])")
              .matcher(lower);
      if (m.find()) {
        boolean covered =
            found.stream()
                .anyMatch(f -> f.toLowerCase(Locale.ROOT).contains(skill.toLowerCase(Locale.ROOT)));
        if (!covered) {
          found.add(skill);
        }
      }
    }
    return List.copyOf(found);
  }

  private static void addOnce(List<String> list, String item) {
    if (!item.isEmpty() && !list.contains(item)) {
      list.add(item);
    }
  }
}
