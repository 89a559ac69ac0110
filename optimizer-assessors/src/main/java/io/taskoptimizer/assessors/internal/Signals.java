package io.taskoptimizer.assessors.internal;

import io.taskoptimizer.spi.AssessmentInput;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Negative signals every assessor applies, in English and German: chatty preambles, chatty
 * sign-offs, refusals, follow-up questions, unfilled template placeholders and truncation at the
 * token limit. Each found signal multiplies the score by {@code 1 - penalty}; all checks look at
 * the start and end of the output only, so their cost does not grow with its length.
 */
final class Signals {

  /** Penalty for a chatty preamble ("Here is ...", "Sure!", "Gerne!"). */
  static final double PREAMBLE = 0.15;

  /** Penalty for a chatty sign-off ("I hope this helps", "Ich hoffe, das hilft"). */
  static final double SIGN_OFF = 0.15;

  /** Penalty for a follow-up question at the end ("Would you like me to ...?"). */
  static final double FOLLOW_UP = 0.15;

  /** Penalty for template placeholders left in ("[Your Name]", "[Firma]"). */
  static final double PLACEHOLDER = 0.3;

  /** Penalty for output cut off at the token limit ({@code done_reason} = {@code length}). */
  static final double TRUNCATED = 0.5;

  /** Penalty for a refusal ("I cannot help with that", "As an AI ..."). */
  static final double REFUSAL = 0.9;

  private static final int HEAD = 300;
  private static final int TAIL = 400;

  private static final String[] PREAMBLES = {
    "here is",
    "here's",
    "here are",
    "sure",
    "certainly",
    "of course",
    "absolutely",
    "great question",
    "okay,",
    "okay!",
    "ok,",
    "ok!",
    "alright",
    "i'd be happy",
    "i would be happy",
    "i'd be glad",
    "happy to help",
    "as requested",
    "below is",
    "below are",
    "below you will find",
    "below you'll find",
    "the following is",
    "hier ist",
    "hier sind",
    "hier die",
    "hier der",
    "hier das",
    "hier eine",
    "hier ein",
    "hier findest",
    "hier finden sie",
    "gerne",
    "gern!",
    "gern,",
    "natürlich",
    "selbstverständlich",
    "klar,",
    "klar!",
    "sicher,",
    "sicher!",
    "nachfolgend",
    "im folgenden",
    "anbei",
    "ich habe folgende",
    "ich habe dir",
    "ich habe ihnen"
  };

  private static final String[] SIGN_OFFS = {
    "i hope this helps",
    "hope this helps",
    "i hope this is helpful",
    "hope this is helpful",
    "i hope that helps",
    "hope that helps",
    "let me know if you'd like",
    "let me know if you would like",
    "let me know if you want",
    "let me know if you need",
    "let me know if there",
    "let me know whether",
    "feel free to ask",
    "feel free to adjust",
    "feel free to modify",
    "feel free to customize",
    "feel free to customise",
    "feel free to tweak",
    "feel free to edit",
    "feel free to let me know",
    "happy to help",
    "glad to help",
    "if you have any other questions",
    "if you have any further questions",
    "is there anything else",
    "good luck with your application",
    "ich hoffe, das hilft",
    "ich hoffe das hilft",
    "ich hoffe, dies hilft",
    "ich hoffe, das ist hilfreich",
    "ich hoffe, das war hilfreich",
    "hoffe, das hilft",
    "lass mich wissen",
    "lassen sie mich wissen",
    "sag bescheid",
    "sagen sie bescheid",
    "sag mir bescheid",
    "passe den text gerne",
    "passen sie den text gerne",
    "kann ich sonst noch",
    "viel erfolg bei deiner bewerbung",
    "viel erfolg bei ihrer bewerbung",
    "viel erfolg mit deiner bewerbung",
    "viel erfolg mit ihrer bewerbung"
  };

  private static final String[] FOLLOW_UPS = {
    "would you like me to",
    "do you want me to",
    "shall i",
    "should i",
    "want me to",
    "would you like",
    "can i help",
    "anything else",
    "möchtest du",
    "möchten sie",
    "soll ich",
    "sollen wir",
    "willst du",
    "darf ich",
    "kann ich dir",
    "kann ich ihnen"
  };

  private static final String[] REFUSAL_STARTS = {
    "i cannot",
    "i can't",
    "i can not",
    "i'm unable",
    "i am unable",
    "i'm not able to",
    "i am not able to",
    "i won't be able",
    "i will not",
    "i'm sorry, but",
    "i am sorry, but",
    "sorry, but i",
    "sorry, i can",
    "i apologize, but",
    "i apologise, but",
    "unfortunately, i cannot",
    "unfortunately i cannot",
    "unfortunately, i can't",
    "as an ai",
    "as a language model",
    "as an ai language model",
    "ich kann nicht",
    "ich kann dir nicht",
    "ich kann ihnen nicht",
    "ich kann dabei nicht",
    "ich kann leider",
    "leider kann ich",
    "es tut mir leid, aber",
    "es tut mir leid, ich kann",
    "tut mir leid, aber",
    "ich bin nicht in der lage",
    "als ki",
    "als sprachmodell",
    "als ein sprachmodell",
    "als künstliche intelligenz"
  };

  private static final String[] REFUSAL_ANYWHERE = {
    "as an ai language model",
    "as an ai model",
    "as a large language model",
    "i cannot fulfill",
    "i can't fulfill",
    "i cannot assist with",
    "i can't assist with",
    "i cannot help with",
    "i can't help with",
    "i cannot comply",
    "als ki-sprachmodell",
    "als ki sprachmodell",
    "als großes sprachmodell",
    "als grosses sprachmodell",
    "kann ich nicht erfüllen",
    "kann ich dir dabei nicht helfen",
    "kann ich ihnen dabei nicht helfen"
  };

  private static final String[] PLACEHOLDER_WORDS = {
    "your name",
    "your address",
    "your phone",
    "your email",
    "your e-mail",
    "company name",
    "company address",
    "hiring manager",
    "recipient",
    "date",
    "insert",
    "position",
    "job title",
    "platform",
    "city",
    "ihr name",
    "dein name",
    "ihre adresse",
    "deine adresse",
    "name des",
    "firmenname",
    "firma",
    "unternehmen",
    "datum",
    "ort",
    "einfügen",
    "ansprechpartner",
    "stelle",
    "telefonnummer",
    "e-mail-adresse",
    "adresse",
    "x years",
    "number"
  };

  /** The combined penalty factor in (0..1] and a note per signal found. */
  record Result(double factor, List<String> notes) {}

  private Signals() {}

  static Result check(AssessmentInput input) {
    String out = input.output();
    List<String> notes = new ArrayList<>();
    double factor = 1.0;
    String head = Terms.normalize(firstChars(out, HEAD)).stripLeading();
    String headLetters = stripLeadingDecoration(head);
    String tail = Terms.normalize(lastChars(out, TAIL)).stripTrailing();

    String refusal = startsWithAny(headLetters, REFUSAL_STARTS);
    if (refusal == null) {
      refusal = containsAny(head, REFUSAL_ANYWHERE);
    }
    if (refusal != null) {
      factor *= 1 - REFUSAL;
      notes.add("refusal: '" + refusal + "'");
    }
    String preamble = refusal == null ? startsWithAny(headLetters, PREAMBLES) : null;
    if (preamble != null) {
      factor *= 1 - PREAMBLE;
      notes.add("chatty preamble: '" + preamble + "'");
    }
    String signOff = containsAny(tail, SIGN_OFFS);
    if (signOff != null) {
      factor *= 1 - SIGN_OFF;
      notes.add("chatty sign-off: '" + signOff + "'");
    }
    String followUp = followUpQuestion(tail);
    if (followUp != null) {
      factor *= 1 - FOLLOW_UP;
      notes.add("follow-up question at the end: '" + followUp + "'");
    }
    String placeholder = placeholder(out);
    if (placeholder != null) {
      factor *= 1 - PLACEHOLDER;
      notes.add("unfilled placeholder: '" + placeholder + "'");
    }
    if (input.truncated()) {
      factor *= 1 - TRUNCATED;
      notes.add("truncated at the token limit (done_reason=length)");
    }
    return new Result(factor, notes);
  }

  /** The last sentence if the output ends in a question to the user, else null. */
  private static @Nullable String followUpQuestion(String tail) {
    String t = tail.strip();
    // a JSON answer ends in } or ]; text after it is where models put their questions
    if (t.isEmpty()) {
      return null;
    }
    int end = t.length();
    while (end > 0
        && (t.charAt(end - 1) == '*'
            || t.charAt(end - 1) == '_'
            || t.charAt(end - 1) == ')'
            || Character.isWhitespace(t.charAt(end - 1))
            || isEmoji(t.charAt(end - 1)))) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    String lastLine = lastLine(t.substring(0, end));
    String sentence = lastSentence(lastLine);
    if (t.charAt(end - 1) == '?') {
      return clip(sentence);
    }
    String phrase = containsAny(sentence, FOLLOW_UPS);
    if (phrase != null
        && (sentence.contains("?")
            || phrase.startsWith("would you like")
            || phrase.startsWith("möchtest")
            || phrase.startsWith("soll ich"))) {
      return clip(sentence);
    }
    return null;
  }

  private static boolean isEmoji(char c) {
    return Character.isSurrogate(c) || c == '\u263A';
  }

  private static String lastLine(String s) {
    int nl = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'));
    return s.substring(nl + 1).strip();
  }

  private static String lastSentence(String line) {
    String body =
        line.endsWith("?") || line.endsWith(".") || line.endsWith("!")
            ? line.substring(0, line.length() - 1)
            : line;
    int cut =
        Math.max(Math.max(body.lastIndexOf(". "), body.lastIndexOf("! ")), body.lastIndexOf("? "));
    return line.substring(cut < 0 ? 0 : cut + 2).strip();
  }

  /** A bracketed template slot such as "[Your Name]" or "[Firma einfügen]", else null. */
  private static @Nullable String placeholder(String out) {
    int n = out.length();
    for (int i = 0; i < n; i++) {
      char open = out.charAt(i);
      if (open != '[' && open != '<' && open != '{') {
        continue;
      }
      char close = open == '[' ? ']' : open == '<' ? '>' : '}';
      int limit = Math.min(n, i + 42);
      int j = i + 1;
      boolean plain = true;
      while (j < limit && out.charAt(j) != close) {
        char c = out.charAt(j);
        if (!(Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '/' || c == '.')) {
          plain = false;
          break;
        }
        j++;
      }
      if (!plain || j >= limit || j == i + 1) {
        continue;
      }
      String inner = Terms.normalize(out.substring(i + 1, j)).strip();
      if (!inner.contains(" ")
          && !inner.equals("date")
          && !inner.equals("datum")
          && !inner.equals("name")
          && !inner.equals("firma")
          && !inner.equals("unternehmen")
          && !inner.equals("company")) {
        continue;
      }
      for (String w : PLACEHOLDER_WORDS) {
        if (inner.contains(w) || inner.equals("name")) {
          return out.substring(i, j + 1);
        }
      }
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  private static String stripLeadingDecoration(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        break;
      }
      i++;
    }
    return s.substring(i);
  }

  static @Nullable String startsWithAny(String s, String[] phrases) {
    for (String p : phrases) {
      if (s.startsWith(p)
          && (s.length() == p.length()
              || !Character.isLetter(s.charAt(p.length()))
              || !Character.isLetter(p.charAt(p.length() - 1)))) {
        return p;
      }
    }
    return null;
  }

  /** The first phrase that occurs in {@code s} as whole words, or null. */
  static @Nullable String containsAny(String s, String[] phrases) {
    return find(s, phrases, true);
  }

  /** The first phrase that occurs in {@code s} starting at a word start (any ending), or null. */
  static @Nullable String containsWordStart(String s, String[] phrases) {
    return find(s, phrases, false);
  }

  private static @Nullable String find(String s, String[] phrases, boolean wholeWord) {
    for (String p : phrases) {
      int idx = s.indexOf(p);
      while (idx >= 0) {
        boolean startOk = idx == 0 || !Character.isLetter(s.charAt(idx - 1));
        int end = idx + p.length();
        boolean endOk =
            !wholeWord
                || end == s.length()
                || !Character.isLetter(s.charAt(end))
                || !Character.isLetter(p.charAt(p.length() - 1));
        if (startOk && endOk) {
          return p;
        }
        idx = s.indexOf(p, idx + 1);
      }
    }
    return null;
  }

  static String firstChars(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  static String lastChars(String s, int n) {
    return s.length() <= n ? s : s.substring(s.length() - n);
  }
}
