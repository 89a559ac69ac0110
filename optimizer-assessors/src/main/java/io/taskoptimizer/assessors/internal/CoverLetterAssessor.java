package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores cover letters ({@code optimizer-cover-letter}), English and German.
 *
 * <ul>
 *   <li>{@code word_count} (weight 0.3): 1 inside the band, falling linearly to 0 at no words and
 *       at twice the upper bound. The band is the input {@value #INPUT_WORD_RANGE} (e.g. {@code
 *       250-350}) if given, else a range the prompt states ("200-300 words", "maximal 300 Wörter",
 *       "no more than 350 words"), else 200-400.
 *   <li>{@code greeting} (0.2): a salutation near the start ("Dear ...", "Sehr geehrte ...", "Hallo
 *       ...", "To whom it may concern").
 *   <li>{@code closing} (0.2): a complimentary close near the end ("Sincerely", "Kind regards",
 *       "Mit freundlichen Grüßen", "Viele Grüße").
 *   <li>{@code mentions_role} (0.3, only when the input {@value GenerationRequest#INPUT_ROLE} is
 *       given): 1 when the role title appears, else the share of its words that do (gender tags
 *       such as "(m/w/d)" ignored).
 * </ul>
 */
public final class CoverLetterAssessor extends BaseAssessor {

  /** Input key: the word band asked for, as {@code low-high} (e.g. {@code 250-350}). */
  public static final String INPUT_WORD_RANGE = "word_range";

  /** The band when neither input nor prompt gives one. */
  static final int DEFAULT_MIN_WORDS = 200;

  static final int DEFAULT_MAX_WORDS = 400;

  private static final String[] GREETINGS = {
    "dear", "hello", "hi ", "hi,", "greetings", "to whom it may concern", "good morning",
        "good afternoon",
    "sehr geehrte", "sehr geehrter", "sehr geehrtes", "liebe ", "lieber ", "liebes ", "hallo",
        "guten tag",
    "moin", "grüß gott", "gruess gott", "servus"
  };

  private static final String[] CLOSINGS = {
    "sincerely",
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "regards,",
    "regards",
    "yours faithfully",
    "yours truly",
    "respectfully",
    "best wishes",
    "with gratitude",
    "thank you for your " + "consideration",
    "thank you for considering",
    "many thanks",
    "cheers",
    "mit freundlichen grüssen",
    "mit freundlichen grüßen",
    "mit freundlichem gruss",
    "mit freundlichem gruß",
    "freundliche grüsse",
    "freundliche grüße",
    "viele grüsse",
    "viele grüße",
    "beste grüsse",
    "beste grüße",
    "herzliche grüsse",
    "herzliche grüße",
    "liebe grüsse",
    "liebe grüße",
    "mit besten grüssen",
    "mit besten grüßen",
    "hochachtungsvoll",
    "mfg"
  };

  private static final Pattern WORD_BAND =
      Pattern.compile(
          "(\\d{2,4})\\s{0,3}(?:-|–|to|bis|and|und)\\s{0,3}(\\d{2,4})\\s{0,3}(?:words|wörter|woerter|worte)");
  private static final Pattern WORD_MAX =
      Pattern.compile(
          "(?:at most|no more than|maximum of|max\\.?|maximal|höchstens|hoechstens|nicht mehr als|under|unter)"
              + "\\s{0,3}(\\d{2,4})\\s{0,3}(?:words|wörter|woerter|worte)");
  private static final Pattern GENDER_TAG =
      Pattern.compile("\\((?:[mwfdxi]\\s{0,2}/\\s{0,2}){1,3}[mwfdxi]\\)|\\*in\\b");

  /** Creates the assessor (public for {@link java.util.ServiceLoader}). */
  public CoverLetterAssessor() {}

  @Override
  public String id() {
    return "optimizer-cover-letter";
  }

  @Override
  public boolean supports(TaskType task) {
    return TaskType.COVER_LETTER.equals(task);
  }

  @Override
  List<String> criteria() {
    return List.of("word_count", "greeting", "closing", "mentions_role");
  }

  @Override
  void score(AssessmentInput input, ScoreSheet sheet) {
    String out = input.output();
    int[] band = wordBand(input);
    int words = TextProfile.of(out).words;
    double wc = ScoreSheet.band(words, band[0], band[1], 1.0);
    if (wc < 1) {
      sheet.note(String.format(Locale.ROOT, "%d words, expected %d-%d", words, band[0], band[1]));
    }
    sheet.criterion("word_count", wc, 0.3);

    String norm = Terms.normalize(out).strip();
    String head = firstLines(norm, 12, 800);
    String greeting = null;
    for (String line : Lines.split(head)) {
      String l = stripDecoration(line.strip());
      greeting = Signals.startsWithAny(l + " ", GREETINGS);
      if (greeting != null) {
        break;
      }
    }
    if (greeting == null) {
      sheet.note("no greeting");
    }
    sheet.criterion("greeting", greeting != null ? 1.0 : 0.0, 0.2);

    String tail = Signals.lastChars(norm, 600);
    boolean closing = Signals.containsAny(tail, CLOSINGS) != null;
    if (!closing) {
      sheet.note("no closing");
    }
    sheet.criterion("closing", closing ? 1.0 : 0.0, 0.2);

    Optional<String> role =
        input.input(GenerationRequest.INPUT_ROLE).map(String::strip).filter(r -> !r.isEmpty());
    if (role.isPresent()) {
      double r = mentionsRole(role.get(), norm);
      if (r < 1) {
        sheet.note("role '" + role.get() + "' not named as such");
      }
      sheet.criterion("mentions_role", r, 0.3);
    }
  }

  /** 1 when the role title occurs; else the share of its content words present. */
  static double mentionsRole(String role, String normalizedText) {
    String r =
        GENDER_TAG.matcher(Terms.normalize(role)).replaceAll(" ").replaceAll("\\s+", " ").strip();
    if (!r.isEmpty() && r.length() <= 200 && normalizedText.contains(r)) {
      return 1.0;
    }
    double c = Terms.coverage(r, Terms.stemSet(normalizedText));
    return c < 0 ? 1.0 : c;
  }

  static int[] wordBand(AssessmentInput input) {
    Optional<String> given = input.input(INPUT_WORD_RANGE);
    if (given.isPresent()) {
      Matcher m =
          Pattern.compile("(\\d{1,5})\\s{0,3}(?:-|–|\\.\\.|to|bis)\\s{0,3}(\\d{1,5})")
              .matcher(given.get());
      if (m.find()) {
        int lo = Integer.parseInt(m.group(1));
        int hi = Integer.parseInt(m.group(2));
        if (lo < hi) {
          return new int[] {lo, hi};
        }
      }
    }
    String prompt = Terms.normalize(input.prompt());
    Matcher band = WORD_BAND.matcher(prompt);
    if (band.find()) {
      int lo = Integer.parseInt(band.group(1));
      int hi = Integer.parseInt(band.group(2));
      if (lo < hi) {
        return new int[] {lo, hi};
      }
    }
    Matcher max = WORD_MAX.matcher(prompt);
    if (max.find()) {
      int hi = Integer.parseInt(max.group(1));
      return new int[] {Math.min(DEFAULT_MIN_WORDS, hi / 2), hi};
    }
    return new int[] {DEFAULT_MIN_WORDS, DEFAULT_MAX_WORDS};
  }

  private static String firstLines(String s, int lines, int maxChars) {
    int count = 0;
    int limit = Math.min(s.length(), maxChars);
    for (int i = 0; i < limit; i++) {
      if (s.charAt(i) == '\n' && ++count >= lines) {
        return s.substring(0, i);
      }
    }
    return s.substring(0, limit);
  }

  private static String stripDecoration(String s) {
    int i = 0;
    while (i < s.length()
        && (s.charAt(i) == '*' || s.charAt(i) == '_' || s.charAt(i) == '#' || s.charAt(i) == '>')) {
      i++;
    }
    return s.substring(i).stripLeading();
  }
}
