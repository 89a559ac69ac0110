package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The general assessor ({@code optimizer-general}): applies to every task, including custom ones,
 * and scores what any good answer has.
 *
 * <ul>
 *   <li>{@code structure} (weight 0.35): for JSON requests, whether the output is JSON (fenced or
 *       embedded JSON earns part); for prose tasks, about one paragraph per 120 words (a wall of
 *       text scores low); for a cover letter also no Markdown headings; for list-like tasks (skill
 *       decomposition, extraction) list items or labelled lines. Not used for {@code
 *       domain_relationship}, whose answers are short.
 *   <li>{@code length} (0.35): words against a per-task band, 1 inside it, falling linearly to 0 at
 *       no words and at 2.5 times the upper bound. Bands (words): self_assessment 150-600,
 *       skill_decomposition 5-300, domain_relationship 3-250, cover_letter 200-400,
 *       job_requirements and job_extraction 15-500, custom tasks 20-1000.
 *   <li>{@code complexity} (0.30, text answers only): mean of sentence length (10-28 words per
 *       sentence is best), lexical variety (moving-average type-token ratio over 50 words: 0.55 or
 *       more is best, 0.3 or less means a repetition loop) and the share of repeated lines.
 * </ul>
 *
 * <p>Like every built-in assessor, an empty output scores 0 and the negative signals (preambles,
 * sign-offs, refusals, follow-up questions, placeholders, truncation) multiply the result.
 */
public final class GeneralQualityAssessor extends BaseAssessor {

  /** What a task's answer should look like. */
  enum Shape {
    /** Paragraphs of prose; headings and lists are fine. */
    PROSE,
    /** A letter: paragraphs, no headings. */
    LETTER,
    /** Items: a list, labelled lines or JSON. */
    LIST,
    /** A short answer: no structure expected. */
    SHORT
  }

  /** A task's expected shape and word band. */
  record Profile(Shape shape, int minWords, int maxWords) {}

  private static final Map<String, Profile> PROFILES =
      Map.of(
          TaskType.SELF_ASSESSMENT.id(), new Profile(Shape.PROSE, 150, 600),
          TaskType.SKILL_DECOMPOSITION.id(), new Profile(Shape.LIST, 5, 300),
          TaskType.DOMAIN_RELATIONSHIP.id(), new Profile(Shape.SHORT, 3, 250),
          TaskType.COVER_LETTER.id(), new Profile(Shape.LETTER, 200, 400),
          TaskType.JOB_REQUIREMENTS.id(), new Profile(Shape.LIST, 15, 500),
          TaskType.JOB_EXTRACTION.id(), new Profile(Shape.LIST, 15, 500));

  private static final Profile CUSTOM = new Profile(Shape.PROSE, 20, 1000);

  /** Tolerance above the band: the length score reaches 0 at {@code max * (1 + this)}. */
  static final double LENGTH_TOLERANCE = 1.5;

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public GeneralQualityAssessor() {}

  @Override
  public String id() {
    return "optimizer-general";
  }

  @Override
  public boolean supports(TaskType task) {
    Objects.requireNonNull(task, "task");
    return true;
  }

  static Profile profile(TaskType task) {
    return PROFILES.getOrDefault(task.id(), CUSTOM);
  }

  @Override
  List<String> criteria() {
    return List.of("structure", "length", "complexity");
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    Profile profile = profile(input.task());
    String out = input.output();
    TextProfile text = TextProfile.of(out);
    boolean json = input.requestedFormat().expectsJson();

    if (json) {
      JsonOutput.parse(out).score("structure", 0.35, sheet);
    } else if (profile.shape() != Shape.SHORT) {
      sheet.criterion("structure", structure(profile.shape(), text, out, sheet), 0.35);
    }

    double length =
        ScoreSheet.band(text.words, profile.minWords(), profile.maxWords(), LENGTH_TOLERANCE);
    if (length < 1) {
      sheet.note(
          String.format(
              Locale.ROOT,
              "%d words, expected %d-%d",
              text.words,
              profile.minWords(),
              profile.maxWords()));
    }
    sheet.criterion("length", length, 0.35);

    if (!json) {
      sheet.criterion("complexity", complexity(text, profile.shape(), sheet), 0.30);
    }
  }

  private static double structure(Shape shape, TextProfile text, String out, ScoreSheet sheet) {
    switch (shape) {
      case LIST -> {
        int labelled = 0;
        for (String line : Lines.split(out)) {
          if (Lines.labelled(line).isPresent()) {
            labelled++;
          }
        }
        if (text.listItems >= 3 || labelled >= 2) {
          return 1.0;
        }
        if (text.listItems >= 1
            || labelled == 1
            || text.headings >= 1
            || JsonOutput.parse(out).root.isPresent()) {
          return 0.6;
        }
        sheet.note("no list items or labelled lines");
        return 0.3;
      }
      case LETTER -> {
        double score = paragraphScore(text, 3, sheet);
        int markdownHeadings = 0;
        for (String line : Lines.split(out)) {
          if (Lines.isMarkdownHeading(line.strip())) {
            markdownHeadings++;
          }
        }
        if (markdownHeadings > 0) {
          sheet.note(markdownHeadings + " Markdown heading(s) in a letter");
          score -= 0.2 * markdownHeadings;
        }
        if (text.listItems > 3) {
          score -= 0.1;
        }
        return score;
      }
      default -> {
        // roughly one paragraph per 120 words, so a 250-word answer in one block is a wall of text
        return paragraphScore(
            text, Math.min(4, Math.max(1, (int) Math.ceil(text.words / 120.0))), sheet);
      }
    }
  }

  /** Blocks (paragraphs, or lists and headings that structure the text) against those expected. */
  private static double paragraphScore(TextProfile text, int expected, ScoreSheet sheet) {
    if (text.words < 60) {
      return 1.0;
    }
    int blocks = text.paragraphs;
    if (blocks < expected) {
      sheet.note(
          blocks + " paragraph(s) for " + text.words + " words, expected at least " + expected);
    }
    return Math.min(1.0, (double) blocks / expected);
  }

  private static double complexity(TextProfile text, Shape shape, ScoreSheet sheet) {
    double sum = 0;
    int parts = 0;
    if (shape != Shape.LIST && text.proseWords >= 20) {
      double avg = text.averageSentenceLength();
      double s = ScoreSheet.band(avg, 10, 28, 1.0);
      if (s < 1) {
        sheet.note(String.format(Locale.ROOT, "average sentence length %.1f words", avg));
      }
      sum += s;
      parts++;
    }
    if (text.words >= 20) {
      double v = ScoreSheet.clamp((text.lexicalVariety - 0.3) / 0.25);
      if (v < 1) {
        sheet.note(String.format(Locale.ROOT, "low lexical variety (%.2f)", text.lexicalVariety));
      }
      sum += v;
      parts++;
    }
    double dup = text.duplicateLineRatio();
    if (dup > 0) {
      sheet.note(String.format(Locale.ROOT, "%.0f%% of lines repeat earlier lines", dup * 100));
    }
    sum += ScoreSheet.clamp(1 - 2 * dup);
    parts++;
    return sum / parts;
  }
}
