package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.taskoptimizer.testserver.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answers of the demo's simulated models. Each model has a {@link Tier}: how careful its
 * answers are. A thorough model follows the prompt closely (structure, every requirement, a clear
 * conclusion, valid JSON); a sloppy one opens with a chatty preamble, misses things, pads lists
 * with benefits and duplicates and ends with "I hope this helps". Answers are deterministic for a
 * given prompt, so consensus between two careful models is reproducible.
 */
final class SimulatedAnswers {

  /** How careful a simulated model's answers are. */
  enum Tier {
    SLOPPY,
    SOLID,
    THOROUGH
  }

  private static final String[] EVIDENCE = {
    "I have used this daily in production for several years, most recently when we moved billing to event streams.",
    "my last two roles depended on it, and I can walk through concrete designs and the trade-offs I made.",
    "I introduced it in my current team and wrote the guidelines the other engineers now follow.",
    "I applied it while cutting settlement time from eight hours to four minutes.",
    "I reviewed and mentored colleagues on it, which forced me to understand the details well.",
    "it was central to the reconciliation services I built and still maintain today.",
    "I have hands-on experience with it, although mostly on one large system rather than many small ones.",
    "I used it to automate our staging environment, so changes reached production safely and quickly."
  };

  private SimulatedAnswers() {}

  /** The answer of a model of this tier to a request. */
  static String answer(Tier tier, RecordedRequest request) {
    boolean json = request.format().isPresent();
    return answer(tier, request.promptText(), json);
  }

  static String answer(Tier tier, String prompt, boolean jsonRequested) {
    PromptFacts f = PromptFacts.of(prompt);
    boolean json = jsonRequested || (f.has("json") && !f.has("no json"));
    return switch (f.kind()) {
      case JOB_EXTRACTION -> json ? extractionJson(tier, f) : extraction(tier, f);
      case COVER_LETTER -> coverLetter(tier, f);
      case SELF_ASSESSMENT -> selfAssessment(tier, f);
      case SKILL_DECOMPOSITION -> skills(tier, f, json);
      case DOMAIN_RELATIONSHIP -> relationship(tier, f, json);
      case JOB_REQUIREMENTS -> requirements(tier, f, json);
      case GENERIC -> generic(tier, f);
    };
  }

  // --- job extraction ------------------------------------------------------------------------

  private static String extraction(Tier tier, PromptFacts f) {
    List<String> resp = limit(f.responsibilities, tier == Tier.THOROUGH ? 8 : 4);
    List<String> reqs = limit(f.requirements, tier == Tier.THOROUGH ? 8 : 4);
    if (tier == Tier.SLOPPY) {
      StringBuilder sb =
          new StringBuilder("Sure! Here are the key details of this exciting opportunity:\n\n");
      sb.append("**Title:** ").append(f.title.orElse("Not specified")).append('\n');
      sb.append("**Location:** ").append(f.location.orElse("Not specified")).append("\n\n");
      sb.append("**What you will do:**\n");
      limit(resp, 2).forEach(r -> sb.append("* ").append(r).append('\n'));
      sb.append("\n**Requirements:**\n");
      limit(reqs, 2).forEach(r -> sb.append("* ").append(r).append('\n'));
      f.benefits.forEach(b -> sb.append("* ").append(b).append('\n'));
      sb.append("* A passion for working in a dynamic, fast-paced team\n");
      sb.append("\nI hope this helps! Let me know if you need anything else.");
      return sb.toString();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("TITLE: ").append(f.title.orElse("Not specified")).append('\n');
    sb.append("COMPANY: ").append(f.company.orElse("Not specified")).append('\n');
    sb.append("LOCATION: ").append(f.location.orElse("Not specified")).append('\n');
    sb.append("RESPONSIBILITIES:\n");
    (resp.isEmpty() ? List.of("Not specified") : resp)
        .forEach(r -> sb.append("- ").append(r).append('\n'));
    sb.append("REQUIREMENTS:\n");
    (reqs.isEmpty() ? List.of("Not specified") : reqs)
        .forEach(r -> sb.append("- ").append(r).append('\n'));
    sb.append("CONTACT: ")
        .append(f.contact.isEmpty() ? "Not specified" : f.contact.get(f.contact.size() - 1));
    return sb.toString();
  }

  private static String extractionJson(Tier tier, PromptFacts f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", f.title.orElse("Not specified"));
    m.put("company", f.company.orElse("Not specified"));
    m.put("location", f.location.orElse("Not specified"));
    m.put("responsibilities", limit(f.responsibilities, tier == Tier.SLOPPY ? 2 : 8));
    List<String> reqs = new ArrayList<>(limit(f.requirements, tier == Tier.SLOPPY ? 2 : 8));
    if (tier == Tier.SLOPPY) {
      reqs.addAll(f.benefits);
    }
    m.put("requirements", reqs);
    m.put(
        "contact_info",
        f.contact.isEmpty() ? "Not specified" : f.contact.get(f.contact.size() - 1));
    return wrapJson(tier, m, "Here is the extracted information in JSON format:");
  }

  // --- self-assessment ----------------------------------------------------------------------

  private static String selfAssessment(Tier tier, PromptFacts f) {
    List<String> reqs = f.requirements.isEmpty() ? f.skills : f.requirements;
    String skills =
        f.skills.isEmpty()
            ? "the core technologies of the role"
            : String.join(", ", limit(f.skills, 4));
    String role = f.title.orElse("this role");
    if (tier == Tier.SLOPPY) {
      String first = reqs.isEmpty() ? "the main requirement" : reqs.get(0);
      return "Sure! Here is a self-assessment for you.\n\n"
          + "I think I am a good candidate for "
          + role
          + ". I have worked with "
          + skills
          + " and I like learning new things. For example, "
          + lower(first)
          + " is something I know.\n\n"
          + "I hope this helps! Let me know if you want me to change anything.";
    }
    int n = tier == Tier.THOROUGH ? 6 : 3;
    StringBuilder sb = new StringBuilder("Strengths:\n");
    List<String> met = limit(reqs, n);
    for (int i = 0; i < met.size(); i++) {
      sb.append("- ")
          .append(trimDot(met.get(i)))
          .append(": ")
          .append(EVIDENCE[i % EVIDENCE.length])
          .append('\n');
    }
    sb.append("\nAcross these points, my experience with ")
        .append(skills)
        .append(" covers the centre of the ")
        .append(role)
        .append(
            " position, and I have used it on systems with real customers and real deadlines.\n");
    sb.append("\nGaps:\n");
    String gap =
        reqs.size() > n
            ? trimDot(reqs.get(reqs.size() - 1))
            : "deeper knowledge of the employer's domain";
    sb.append("- ")
        .append(gap)
        .append(": I meet this only partly. I would close the gap in the first months")
        .append(
            " with focused practice, pairing with experienced colleagues and a small project of my own.\n");
    if (tier == Tier.THOROUGH) {
      sb.append(
              "- Formal certification: I have none, but my track record shows the same knowledge in practice,")
          .append(" and I would take the exam if the team values it.\n");
    }
    sb.append("\nConclusion: ")
        .append(tier == Tier.THOROUGH ? "8/10" : "7/10")
        .append(
            ". Overall, the role matches my strongest experience, and the remaining gaps are small and learnable.");
    return sb.toString();
  }

  // --- cover letter -------------------------------------------------------------------------

  private static String coverLetter(Tier tier, PromptFacts f) {
    String role = f.title.orElse("advertised");
    String company = f.company.map(c -> " at " + c).orElse("");
    String skills =
        f.skills.isEmpty() ? "modern backend technologies" : String.join(", ", limit(f.skills, 4));
    if (tier == Tier.SLOPPY) {
      return "# Cover Letter\n\nHere is your cover letter:\n\nI want to apply for the job. I am a hard worker and a"
          + " team player with experience in "
          + skills
          + ". I am very motivated and I learn fast. I think I"
          + " would be a great fit for your company and I am excited about this opportunity.\n\n"
          + "I hope this helps!";
    }
    List<String> resp = limit(f.responsibilities, 2);
    StringBuilder sb = new StringBuilder("Dear Hiring Manager,\n\n");
    sb.append("I am writing to apply for the ")
        .append(role)
        .append(" position")
        .append(company)
        .append(
            ". For seven years I have built and operated backend systems for payments and logistics,")
        .append(" and the problems your team describes are the ones I enjoy solving most.\n\n");
    sb.append("In my current role I moved a nightly billing batch to event-driven processing with ")
        .append(skills)
        .append(
            ". Settlement time fell from eight hours to four minutes, and the new services have run")
        .append(
            " without a major incident since. I designed the data model, wrote most of the code and")
        .append(" introduced the monitoring that lets the team sleep at night.\n\n");
    if (!resp.isEmpty()) {
      sb.append("Your posting mentions that the role will ")
          .append(lower(trimDot(resp.get(0))))
          .append(resp.size() > 1 ? " and " + lower(trimDot(resp.get(1))) : "")
          .append(
              ". I have done both, and I would bring tested habits: small releases, careful reviews and")
          .append(" clear documentation.\n\n");
    }
    if (tier == Tier.THOROUGH) {
      sb.append(
              "Beyond the technology, I care about the people around me. I have mentored three junior")
          .append(
              " engineers, two of whom now lead their own services, and I like turning vague requests")
          .append(" into plans that a whole team understands and can deliver step by step.\n\n");
    }
    sb.append(
            "I would welcome the chance to discuss how my experience can help your team. Thank you for")
        .append(" considering my application.\n\nKind regards,\nAlex Morgan");
    return sb.toString();
  }

  // --- skill decomposition ------------------------------------------------------------------

  /** Keywords of a requirement and the skills a careful model breaks them into. */
  private static final List<Map.Entry<String, List<String>>> DECOMPOSITION =
      List.of(
          Map.entry("event", List.of("event-driven architecture", "message brokers such as Kafka")),
          Map.entry("backend", List.of("backend API design", "Java or Kotlin")),
          Map.entry("operat", List.of("monitoring and alerting", "incident response")),
          Map.entry("service", List.of("microservice design", "automated testing")),
          Map.entry("cloud", List.of("cloud infrastructure", "infrastructure as code")),
          Map.entry("daten", List.of("SQL", "Datenbereinigung", "Datenvisualisierung")),
          Map.entry("data", List.of("SQL", "data cleaning", "data visualisation")),
          Map.entry("analys", List.of("Statistik", "Python")),
          Map.entry("vertrieb", List.of("Vertriebskennzahlen", "Dashboard-Erstellung")),
          Map.entry("sales", List.of("sales KPIs", "dashboard design")),
          Map.entry("lead", List.of("people leadership", "stakeholder communication")));

  private static String skills(Tier tier, PromptFacts f, boolean json) {
    List<String> skills = new ArrayList<>();
    String phrase = f.quotedPhrase().orElse("").toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> e : DECOMPOSITION) {
      if (phrase.contains(e.getKey())) {
        e.getValue().stream().filter(x -> !skills.contains(x)).forEach(skills::add);
      }
    }
    f.skills.stream().filter(x -> !skills.contains(x)).forEach(skills::add);
    if (skills.size() < 3) {
      for (String item : f.otherItems.isEmpty() ? f.requirements : f.otherItems) {
        for (String part : item.split(",| and | und ", -1)) {
          String p = trimDot(part.strip());
          if (!p.isEmpty() && p.split("\\s+").length <= 4 && !skills.contains(p)) {
            skills.add(p);
          }
        }
      }
    }
    if (skills.size() < 3) {
      skills.addAll(List.of("communication", "problem solving", "domain knowledge"));
    }
    if (tier == Tier.SLOPPY) {
      List<String> dup = new ArrayList<>(limit(skills, 2));
      dup.add(skills.get(0).toLowerCase(Locale.ROOT));
      dup.add(skills.get(0));
      return "Sure! Here are the skills:\n```json\n"
          + Json.write(Map.of("skills", dup))
          + "\n```\nI hope this helps!";
    }
    List<String> chosen = limit(skills, tier == Tier.THOROUGH ? 8 : 4);
    if (json) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (String s : chosen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s);
        if (tier == Tier.THOROUGH) {
          m.put("category", category(s));
        }
        items.add(m);
      }
      return wrapJson(tier, Map.of("skills", items), "");
    }
    StringBuilder sb = new StringBuilder();
    chosen.forEach(
        s ->
            sb.append("- ")
                .append(s)
                .append(tier == Tier.THOROUGH ? " (" + category(s) + ")" : "")
                .append('\n'));
    return sb.toString().strip();
  }

  private static String category(String skill) {
    String s = skill.toLowerCase(Locale.ROOT);
    if (List.of(
            "communication",
            "leadership",
            "mentoring",
            "german",
            "english",
            "project management",
            "scrum")
        .contains(s)) {
      return "soft skill";
    }
    return "technical";
  }

  // --- domain relationship ------------------------------------------------------------------

  private static String relationship(Tier tier, PromptFacts f, boolean json) {
    double[] range = f.scoreRange();
    List<String> d = f.domains();
    String a = d.get(0);
    String b = d.get(1);
    // abs of the remainder: the same value as abs(hash) % 55, and never negative (abs(MIN_VALUE)
    // is)
    double unit = (Math.abs((a + "|" + b).toLowerCase(Locale.ROOT).hashCode() % 55) + 40) / 100.0;
    double score = range[0] + unit * (range[1] - range[0]);
    boolean integers = range[1] - range[0] >= 5;
    String shown =
        integers ? String.valueOf(Math.round(score)) : String.format(Locale.ROOT, "%.2f", score);
    if (tier == Tier.SLOPPY) {
      String wrong =
          integers
              ? String.valueOf(Math.round(score * 10))
              : String.valueOf(Math.round(unit * 100));
      return "Great question! "
          + a
          + " and "
          + b
          + " are quite related, I would say "
          + wrong
          + " out of "
          + (integers ? "100" : "10")
          + ". Let me know if you have other questions!";
    }
    String reason =
        a
            + " and "
            + b
            + " share concepts and tooling, so experience in one shortens the way into"
            + " the other, although each has practices the other does not need.";
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("domain_a", a);
      m.put("domain_b", b);
      m.put(
          "score",
          integers ? (Object) Math.round(score) : (Object) (Math.round(score * 100) / 100.0));
      if (tier == Tier.THOROUGH) {
        m.put("explanation", reason);
      }
      return wrapJson(tier, m, "");
    }
    return "Relationship score: " + shown + (tier == Tier.THOROUGH ? "\n\n" + reason : "");
  }

  // --- job requirements ---------------------------------------------------------------------

  private static String requirements(Tier tier, PromptFacts f, boolean json) {
    List<String> reqs = f.requirements.isEmpty() ? f.otherItems : f.requirements;
    if (reqs.isEmpty()) {
      reqs = f.skills;
    }
    List<String> chosen = new ArrayList<>(limit(reqs, tier == Tier.SOLID ? 5 : 10));
    if (tier == Tier.SLOPPY) {
      chosen = new ArrayList<>(limit(reqs, 2));
      chosen.addAll(f.benefits);
      chosen.add("Be a rockstar who thrives in a fast-paced environment");
    }
    if (json) {
      return wrapJson(tier, Map.of("requirements", chosen), "Here are the requirements as JSON:");
    }
    StringBuilder sb =
        new StringBuilder(
            tier == Tier.SLOPPY ? "Here is a list of the requirements:\n" : "REQUIREMENTS:\n");
    chosen.forEach(r -> sb.append("- ").append(r).append('\n'));
    if (tier == Tier.SLOPPY) {
      sb.append("I hope this helps!");
    }
    return sb.toString().strip();
  }

  // --- anything else ------------------------------------------------------------------------

  private static String generic(Tier tier, PromptFacts f) {
    if (tier == Tier.SLOPPY) {
      return "Sure! That is a great question. The short answer is that it depends. I hope this helps!";
    }
    String topic = f.skills.isEmpty() ? "the question" : String.join(", ", limit(f.skills, 3));
    return "The answer depends on "
        + topic
        + ". In short: start from the requirements, check them against the"
        + " evidence you have, and decide on the option that keeps the most choices open.";
  }

  // --- helpers ------------------------------------------------------------------------------

  /**
   * Thorough models answer bare JSON, solid ones put it in a Markdown fence, sloppy ones add
   * chatter.
   */
  private static String wrapJson(Tier tier, Object value, String preamble) {
    return switch (tier) {
      case SLOPPY -> preamble + "\n```json\n" + Json.write(value) + "\n```";
      case SOLID -> "```json\n" + compactJson(value) + "\n```";
      case THOROUGH -> compactJson(value);
    };
  }

  private static String compactJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> List<T> limit(List<T> list, int n) {
    return list.size() <= n ? list : list.subList(0, n);
  }

  private static String trimDot(String s) {
    String t = s.strip();
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
