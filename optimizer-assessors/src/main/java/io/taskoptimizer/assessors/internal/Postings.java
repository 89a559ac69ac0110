package io.taskoptimizer.assessors.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the requirements out of a job posting (English or German): the list items under a
 * requirements heading ("Requirements", "Your profile", "Was du mitbringst", "Ihr Profil", ...),
 * or, when the posting has no such heading, every list item that is not under a benefits or tasks
 * heading, or failing that the sentences with requirement words in them.
 */
final class Postings {

  /**
   * At most this many requirements are checked; postings rarely list more and cost stays bounded.
   */
  static final int MAX_REQUIREMENTS = 40;

  private static final String[] REQUIREMENT_HEADINGS = {
    "requirement",
    "qualification",
    "what you bring",
    "what we expect",
    "what we're looking for",
    "what we are looking for",
    "who you are",
    "your profile",
    "about you",
    "you have",
    "you bring",
    "must have",
    "must-have",
    "nice to have",
    "nice-to-have",
    "skills",
    "your skills",
    "profile",
    "profil",
    "anforderung",
    "qualifikation",
    "was du mitbringst",
    "was sie mitbringen",
    "das bringst du mit",
    "das bringen sie mit",
    "du bringst mit",
    "sie bringen mit",
    "wir erwarten",
    "voraussetzung",
    "was wir erwarten",
    "was wir suchen",
    "kenntnisse",
    "dein können",
    "ihr können",
    "ihre fähigkeiten",
    "deine fähigkeiten",
    "ihre faehigkeiten",
    "deine faehigkeiten",
    "ihre erfahrung",
    "deine erfahrung",
    "skills and experience",
    "your experience",
    "your background"
  };

  private static final String[] OTHER_HEADINGS = {
    "benefit",
    "what we offer",
    "we offer",
    "our offer",
    "perks",
    "why join",
    "why us",
    "wir bieten",
    "das bieten wir",
    "was wir bieten",
    "unser angebot",
    "responsibilit",
    "your tasks",
    "your role",
    "what you will do",
    "what you'll do",
    "aufgaben",
    "deine rolle",
    "ihre rolle",
    "about us",
    "über uns",
    "ueber uns",
    "contact",
    "kontakt",
    "how to apply",
    "bewerbung",
    "salary",
    "gehalt",
    "über den bereich",
    "ueber den bereich",
    "position overview",
    "about the role",
    "about the team",
    "how we'll support",
    "how we will support",
    "wie wir sie unterstützen",
    "wie wir dich unterstützen",
    "was wir ihnen bieten",
    "was wir dir bieten"
  };

  private static final String[] REQUIREMENT_CUES = {
    "experience",
    "knowledge",
    "required",
    "must",
    "proficien",
    "familiar",
    "degree",
    "skills",
    "erfahrung",
    "kenntnis",
    "voraussetzung",
    "abgeschlossen",
    "studium",
    "ausbildung",
    "sicher im",
    "sicherer umgang",
    "beherrsch"
  };

  private Postings() {}

  /** The requirements of a posting, in order, at most {@link #MAX_REQUIREMENTS}. */
  static List<String> requirements(String posting) {
    return requirements(posting, false);
  }

  /**
   * The requirements listed under a requirements heading only (empty when there is none): for texts
   * such as prompts, whose other list items are instructions rather than requirements.
   */
  static List<String> requirementsUnderHeading(String text) {
    return requirements(text, true);
  }

  private static List<String> requirements(String posting, boolean headingOnly) {
    List<String> lines = Lines.split(posting);
    List<String> underHeading = new ArrayList<>();
    List<String> looseItems = new ArrayList<>();
    int section = 0; // 0 none, 1 requirements, 2 other
    boolean sawRequirementHeading = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (Lines.isHeading(line) || isBareHeading(line)) {
        String h = Terms.normalize(Lines.headingText(line));
        if (Signals.containsWordStart(h, REQUIREMENT_HEADINGS) != null) {
          section = 1;
          sawRequirementHeading = true;
        } else if (Signals.containsWordStart(h, OTHER_HEADINGS) != null) {
          section = 2;
        } else if (Lines.isHeading(line)) {
          section = section == 1 ? 0 : section;
        }
        continue;
      }
      if (Lines.isListItem(line)) {
        String item = Lines.stripListMarker(line);
        if (section == 1) {
          underHeading.add(item);
        } else if (section == 0) {
          looseItems.add(item);
        }
      } else if (section == 1 && line.length() <= 400) {
        underHeading.add(line);
      }
      if (underHeading.size() >= MAX_REQUIREMENTS) {
        break;
      }
    }
    if (headingOnly) {
      return underHeading;
    }
    List<String> found =
        sawRequirementHeading && !underHeading.isEmpty() ? underHeading : looseItems;
    if (found.isEmpty()) {
      found = cueSentences(posting);
    }
    return found.size() > MAX_REQUIREMENTS ? found.subList(0, MAX_REQUIREMENTS) : found;
  }

  /** A short line with no sentence end that names a known section ("Your profile"). */
  private static boolean isBareHeading(String line) {
    if (line.length() > 50 || Lines.isListItem(line)) {
      return false;
    }
    char last = line.charAt(line.length() - 1);
    if (last == '.' || last == ',' || last == ';') {
      return false;
    }
    String h = Terms.normalize(line);
    return Signals.containsWordStart(h, REQUIREMENT_HEADINGS) != null
        || Signals.containsWordStart(h, OTHER_HEADINGS) != null;
  }

  private static List<String> cueSentences(String posting) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = posting.length();
    for (int i = 0; i <= n && out.size() < MAX_REQUIREMENTS; i++) {
      boolean end =
          i == n
              || posting.charAt(i) == '.'
              || posting.charAt(i) == '\n'
              || posting.charAt(i) == ';';
      if (!end) {
        continue;
      }
      if (i - start >= 10 && i - start <= 300) {
        String sentence = posting.substring(start, i).strip();
        if (containsPrefix(Terms.normalize(sentence), REQUIREMENT_CUES)) {
          out.add(sentence);
        }
      }
      start = i + 1;
    }
    return out;
  }

  private static boolean containsPrefix(String s, String[] prefixes) {
    for (String p : prefixes) {
      if (s.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
