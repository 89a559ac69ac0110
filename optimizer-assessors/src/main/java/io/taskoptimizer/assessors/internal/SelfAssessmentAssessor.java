package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores self-assessments ({@code optimizer-self-assessment}): does the text address what the job
 * asks for, and does it come to a conclusion?
 *
 * <ul>
 *   <li>{@code requirements_mentioned} (weight 0.4): the requirements of the job posting given as
 *       input {@value GenerationRequest#INPUT_JOB_POSTING} (list items under a requirements
 *       heading, see {@link Postings}); or, without that input, those listed under a requirements
 *       heading in the prompt. A requirement counts fully when half of its content words (stemmed,
 *       English and German, filler such as "experience" ignored) appear in the output, partly below
 *       that.
 *   <li>{@code skills_mentioned} (0.3): the skills given as input {@value
 *       GenerationRequest#INPUT_SKILLS} (comma or newline separated), each by the share of its
 *       words the output contains.
 *   <li>{@code conclusion} (0.3): 1 for an explicit rating ("8/10", "85%", "Rating: high",
 *       "Bewertung: gut"), 0.8 for a concluding statement in the last third ("Overall, ...",
 *       "Fazit", "Insgesamt ..."), 0 for none.
 * </ul>
 *
 * <p>Criteria without input (no posting, no skills) are left out rather than counted as missed.
 */
public final class SelfAssessmentAssessor extends BaseAssessor {

  private static final Pattern RATING =
      Pattern.compile(
          "\\b\\d{1,3}(?:[.,]\\d{1,2})?\\s{0,3}(?:/|out of|von|of)\\s{0,3}(?:10|5|100)\\b"
              + "|\\b\\d{1,3}(?:[.,]\\d)?\\s?%"
              + "|\\b(?:rating|score|match|fit|bewertung|einschätzung|einschaetzung|eignung|übereinstimmung|passung)"
              + "(?:\\s{1,3}level)?\\s{0,3}[:=][\\s*]{0,5}[\\p{L}\\d]");

  private static final String[] CONCLUSIONS = {
    "overall",
    "in conclusion",
    "in summary",
    "to summarize",
    "to summarise",
    "to sum up",
    "all in all",
    "in short",
    "therefore",
    "strong fit",
    "good fit",
    "great fit",
    "excellent fit",
    "strong match",
    "good match",
    "great match",
    "well suited",
    "well-suited",
    "suitable",
    "recommend",
    "conclusion",
    "summary",
    "fazit",
    "insgesamt",
    "zusammenfassend",
    "abschließend",
    "abschliessend",
    "alles in allem",
    "somit",
    "daher",
    "geeignet",
    "passt gut",
    "passe gut",
    "gute passung",
    "empfehle",
    "empfehlung",
    "zusammengefasst",
    "unterm strich",
    "gesamteinschätzung",
    "gesamteinschaetzung"
  };

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public SelfAssessmentAssessor() {}

  @Override
  public String id() {
    return "optimizer-self-assessment";
  }

  @Override
  public boolean supports(TaskType task) {
    return TaskType.SELF_ASSESSMENT.equals(task);
  }

  @Override
  List<String> criteria() {
    return List.of("requirements_mentioned", "skills_mentioned", "conclusion");
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    String out = input.output();
    Set<String> stems = Terms.stemSet(out);

    List<String> requirements =
        input
            .input(GenerationRequest.INPUT_JOB_POSTING)
            .map(Postings::requirements)
            .orElseGet(() -> Postings.requirementsUnderHeading(input.prompt()));
    double req = mentioned(requirements, stems, 0.5, "requirement", sheet);
    if (req >= 0) {
      sheet.criterion("requirements_mentioned", req, 0.4);
    }

    List<String> skills =
        input.input(GenerationRequest.INPUT_SKILLS).map(Terms::splitList).orElse(List.of());
    double sk = mentioned(skills, stems, 1.0, "skill", sheet);
    if (sk >= 0) {
      sheet.criterion("skills_mentioned", sk, 0.3);
    }

    sheet.criterion("conclusion", conclusion(out, sheet), 0.3);
  }

  /**
   * The mean credit of the items: each item's share of content words found, divided by {@code
   * fullAt} and capped at 1. Returns -1 when no item has content words.
   */
  static double mentioned(
      List<String> items, Set<String> stems, double fullAt, String what, ScoreSheet sheet) {
    double sum = 0;
    int counted = 0;
    int missed = 0;
    String firstMissed = null;
    for (String item : items) {
      double c = Terms.bestCoverage(item, stems);
      if (c < 0) {
        continue;
      }
      counted++;
      double credit = Math.min(1.0, c / fullAt);
      sum += credit;
      if (credit == 0) {
        missed++;
        if (firstMissed == null) {
          firstMissed = item.length() > 60 ? item.substring(0, 57) + "..." : item;
        }
      }
    }
    if (counted == 0) {
      return -1;
    }
    if (missed > 0) {
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d of %d %ss not mentioned, e.g. '%s'",
              missed,
              counted,
              what,
              firstMissed));
    }
    return sum / counted;
  }

  private static double conclusion(String out, ScoreSheet sheet) {
    String norm = Terms.normalize(out);
    if (RATING.matcher(norm).find()) {
      return 1.0;
    }
    String lastThird =
        norm.substring(Math.max(0, norm.length() - Math.max(400, norm.length() / 3)));
    if (Signals.containsAny(lastThird, CONCLUSIONS) != null) {
      return 0.8;
    }
    sheet.note("no conclusion or rating");
    return 0.0;
  }
}
