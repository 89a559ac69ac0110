package io.taskoptimizer.assessors.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Word-level text handling shared by the assessors: tokenising, normalising (English and German),
 * stop words and a light stemmer, so that "Erfahrungen" matches "Erfahrung" and "developer" matches
 * "development". Everything here runs in linear time of the text length.
 */
final class Terms {

  private Terms() {}

  /**
   * Separators of alternatives in a phrase. Split with limit 0, which drops trailing empty strings:
   * "kafka/" has one alternative, not an empty second one.
   */
  private static final Pattern ALTERNATIVES = Pattern.compile(" or | oder | bzw\\.? |/");

  /** Function words of English and German: never evidence that a topic is mentioned. */
  private static final Set<String> STOP_WORDS =
      setOf(
          // English
          "a",
          "an",
          "the",
          "and",
          "or",
          "but",
          "nor",
          "of",
          "in",
          "on",
          "at",
          "to",
          "for",
          "from",
          "by",
          "with",
          "without",
          "as",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "being",
          "am",
          "do",
          "does",
          "did",
          "done",
          "have",
          "has",
          "had",
          "having",
          "will",
          "would",
          "shall",
          "should",
          "can",
          "could",
          "may",
          "might",
          "must",
          "i",
          "me",
          "my",
          "mine",
          "we",
          "us",
          "our",
          "ours",
          "you",
          "your",
          "yours",
          "he",
          "him",
          "his",
          "she",
          "her",
          "it",
          "its",
          "they",
          "them",
          "their",
          "this",
          "that",
          "these",
          "those",
          "there",
          "here",
          "which",
          "who",
          "whom",
          "whose",
          "what",
          "when",
          "where",
          "why",
          "how",
          "all",
          "any",
          "both",
          "each",
          "few",
          "more",
          "most",
          "other",
          "some",
          "such",
          "no",
          "not",
          "only",
          "own",
          "same",
          "so",
          "than",
          "too",
          "very",
          "just",
          "also",
          "into",
          "over",
          "under",
          "about",
          "above",
          "below",
          "between",
          "through",
          "during",
          "before",
          "after",
          "again",
          "further",
          "then",
          "once",
          "if",
          "because",
          "while",
          "until",
          "up",
          "down",
          "out",
          "off",
          "per",
          "via",
          "etc",
          "e.g",
          "i.e",
          "eg",
          "ie",
          "within",
          "across",
          "using",
          "use",
          "used",
          "well",
          "like",
          "able",
          "new",
          "one",
          "two",
          "three",
          "least",
          "plus",
          "including",
          "include",
          "includes",
          "based",
          "related",
          "relevant",
          "other",
          "others",
          "every",
          "great",
          "get",
          "another",
          "either",
          "any",
          "something",
          "anything",
          // German
          "der",
          "die",
          "das",
          "den",
          "dem",
          "des",
          "ein",
          "eine",
          "einer",
          "eines",
          "einem",
          "einen",
          "und",
          "oder",
          "aber",
          "sowie",
          "bzw",
          "im",
          "in",
          "an",
          "am",
          "auf",
          "aus",
          "bei",
          "mit",
          "nach",
          "von",
          "vom",
          "vor",
          "zu",
          "zum",
          "zur",
          "für",
          "fuer",
          "über",
          "ueber",
          "unter",
          "durch",
          "gegen",
          "ohne",
          "um",
          "als",
          "wie",
          "ist",
          "sind",
          "war",
          "waren",
          "sein",
          "bist",
          "bin",
          "wird",
          "werden",
          "wurde",
          "wurden",
          "hat",
          "haben",
          "hatte",
          "hatten",
          "kann",
          "können",
          "koennen",
          "soll",
          "sollte",
          "sollten",
          "muss",
          "müssen",
          "ich",
          "mich",
          "mir",
          "mein",
          "meine",
          "meiner",
          "meinen",
          "meinem",
          "wir",
          "uns",
          "unser",
          "unsere",
          "unseren",
          "unserem",
          "du",
          "dich",
          "dir",
          "dein",
          "deine",
          "deinen",
          "deinem",
          "sie",
          "ihr",
          "ihre",
          "ihren",
          "ihrem",
          "ihnen",
          "er",
          "es",
          "ihm",
          "ihn",
          "sich",
          "dies",
          "diese",
          "dieser",
          "dieses",
          "diesen",
          "jede",
          "jeder",
          "jedes",
          "alle",
          "allen",
          "auch",
          "nur",
          "noch",
          "schon",
          "sehr",
          "mehr",
          "nicht",
          "kein",
          "keine",
          "dass",
          "daß",
          "wenn",
          "weil",
          "damit",
          "dabei",
          "dazu",
          "hier",
          "dort",
          "was",
          "wer",
          "wo",
          "etwa",
          "usw",
          "zb",
          "z.b",
          "ggf",
          "idealerweise",
          "gerne",
          "gern",
          "einem",
          "ihres",
          "sowohl",
          "bereits",
          "insbesondere",
          "neue",
          "neuen",
          "gute",
          "guten",
          "gutes");

  /**
   * Words that job postings put around every requirement ("experience with", "gute Kenntnisse"):
   * they would make any text look like it mentions any requirement, so they never count as terms.
   */
  private static final Set<String> GENERIC_WORDS =
      setOf(
          "experience",
          "experienced",
          "knowledge",
          "skill",
          "skills",
          "ability",
          "abilities",
          "year",
          "years",
          "strong",
          "solid",
          "good",
          "excellent",
          "proven",
          "familiarity",
          "familiar",
          "understanding",
          "working",
          "work",
          "preferred",
          "required",
          "requirement",
          "requirements",
          "nice",
          "deep",
          "hands",
          "background",
          "field",
          "degree",
          "equivalent",
          "similar",
          "least",
          "ideally",
          "willingness",
          "desire",
          "passion",
          "bonus",
          "asset",
          "advantage",
          "candidate",
          "role",
          "position",
          "job",
          "team",
          "teams",
          "company",
          "erfahrung",
          "erfahrungen",
          "kenntnisse",
          "kenntnis",
          "jahre",
          "jahren",
          "jahrelange",
          "mehrjährige",
          "mehrjaehrige",
          "fundierte",
          "fundiertes",
          "sichere",
          "sicherer",
          "sicheres",
          "ausgeprägte",
          "ausgepraegte",
          "wünschenswert",
          "wuenschenswert",
          "vorteil",
          "vorteilhaft",
          "bereitschaft",
          "fähigkeit",
          "faehigkeit",
          "fähigkeiten",
          "verständnis",
          "verstaendnis",
          "abgeschlossenes",
          "abgeschlossene",
          "vergleichbare",
          "vergleichbares",
          "stelle",
          "team");

  /** Suffixes the stemmer strips (longest first), English and German. */
  private static final String[] SUFFIXES = {
    "ungen", "ities", "ments", "ingly", "ation", "ische", "heit", "keit", "ment", "ings", "ions",
    "ness", "lich", "isch", "ing", "ion", "ity", "ers", "ung", "ern", "est", "ed", "es", "er", "en",
    "ly", "e", "s", "n"
  };

  private static Set<String> setOf(String... words) {
    return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(words)));
  }

  /**
   * Normalises text for matching: lower case, German sharp s folded to "ss", typographic
   * apostrophes plain.
   */
  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replace("ß", "ss").replace('\u2019', '\'');
  }

  /**
   * Splits text into lower-case tokens. A token is a run of letters and digits, may contain inner
   * dots or apostrophes ({@code node.js}, {@code asp.net}) and may end in {@code +} or {@code #}
   * ({@code c++}, {@code c#}); hyphens and slashes separate tokens, so {@code CI/CD} and {@code
   * Java-Entwicklung} give two tokens each.
   */
  static List<String> tokens(String text) {
    String s = normalize(text);
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        i++;
        continue;
      }
      int start = i;
      i++;
      while (i < n) {
        char d = s.charAt(i);
        if (Character.isLetterOrDigit(d)) {
          i++;
        } else if ((d == '.' || d == '\'')
            && i + 1 < n
            && Character.isLetterOrDigit(s.charAt(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      while (i < n && (s.charAt(i) == '+' || s.charAt(i) == '#') && i - start < 40) {
        i++;
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  /** Whether the (normalised) token is a stop word or a generic posting word. */
  static boolean isFiller(String token) {
    return STOP_WORDS.contains(token) || GENERIC_WORDS.contains(token);
  }

  /** Whether the (normalised) token is a stop word. */
  static boolean isStopWord(String token) {
    return STOP_WORDS.contains(token);
  }

  /**
   * Whether a token carries meaning for matching: not filler, not a bare number, and at least two
   * characters unless it is a language name like {@code c++} or {@code c#}.
   */
  static boolean isContent(String token) {
    if (isFiller(token)) {
      return false;
    }
    boolean anyLetter = false;
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        anyLetter = true;
        break;
      }
    }
    if (!anyLetter) {
      return false;
    }
    return token.length() >= 2 || token.endsWith("+") || token.endsWith("#");
  }

  /**
   * A light stem: "-ies"/"-ied" become "-y", else one common suffix is stripped (keeping at least
   * three letters); the result is cut to five letters. Crude, but it makes the inflections that
   * postings and answers use ("queries"/"query", "tuned"/"tuning", "Erfahrungen"/"Erfahrung")
   * agree, in both languages, in constant time per word.
   */
  static String stem(String token) {
    if (token.length() <= 4 || !isAlphabetic(token)) {
      return token;
    }
    String t = token;
    if ((t.endsWith("ies") || t.endsWith("ied")) && t.length() >= 5) {
      t = t.substring(0, t.length() - 3) + "y";
    } else {
      for (String suffix : SUFFIXES) {
        if (t.endsWith(suffix) && t.length() - suffix.length() >= 3) {
          t = t.substring(0, t.length() - suffix.length());
          break;
        }
      }
    }
    return t.length() > 5 ? t.substring(0, 5) : t;
  }

  private static boolean isAlphabetic(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (!Character.isLetter(token.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The stems of the content tokens of a text, without duplicates, in first-seen order. */
  static List<String> contentStems(String text) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String t : tokens(text)) {
      if (isContent(t)) {
        String st = stem(t);
        if (seen.add(st)) {
          out.add(st);
        }
      }
    }
    return out;
  }

  /** The set of stems of every token of a text (filler included), for "does X occur" lookups. */
  static Set<String> stemSet(String text) {
    Set<String> out = new HashSet<>();
    for (String t : tokens(text)) {
      out.add(stem(t));
    }
    return out;
  }

  /**
   * The share of {@code phrase}'s content stems found in {@code stems}, or -1 when the phrase has
   * no content words (so it can be left out rather than counted as missing).
   */
  static double coverage(String phrase, Set<String> stems) {
    List<String> wanted = contentStems(phrase);
    if (wanted.isEmpty()) {
      return -1;
    }
    int found = 0;
    for (String w : wanted) {
      if (stems.contains(w)) {
        found++;
      }
    }
    return (double) found / wanted.size();
  }

  /**
   * Like {@link #coverage}, but a phrase with alternatives ("Kafka or another message broker",
   * "Statistik oder Informatik") is covered as well as its best-covered alternative.
   */
  static double bestCoverage(String phrase, Set<String> stems) {
    double best = coverage(phrase, stems);
    String norm = normalize(phrase);
    String[] alternatives = ALTERNATIVES.split(norm, 0);
    if (alternatives.length > 1 && alternatives.length <= 8) {
      for (String alt : alternatives) {
        best = Math.max(best, coverage(alt, stems));
      }
    }
    return best;
  }

  /**
   * Splits a list given as text (commas, semicolons, newlines, bullets) into trimmed, non-empty
   * items.
   */
  static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '•' || c == '|') {
        addItem(out, cur);
      } else {
        cur.append(c);
      }
    }
    addItem(out, cur);
    return out;
  }

  private static void addItem(List<String> out, StringBuilder cur) {
    String item = Lines.stripListMarker(cur.toString().strip()).strip();
    if (!item.isEmpty()) {
      out.add(item);
    }
    cur.setLength(0);
  }
}
