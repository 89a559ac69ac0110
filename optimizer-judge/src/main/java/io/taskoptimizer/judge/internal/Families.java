package io.taskoptimizer.judge.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Model families, to keep a judge from grading its own family's answers (self-preference).
 *
 * <p>The family of a name is its last path segment before the {@code :} tag, lowercased, with
 * trailing version digits, dots, dashes and underscores stripped: {@code llama3.2:3b} and {@code
 * llama3.1:70b} are {@code llama}, {@code qwen2.5:7b} is {@code qwen}, {@code hf.co/org/phi-3:mini}
 * is {@code phi}. A family the provider reports (Ollama's {@code details.family}, e.g. {@code
 * qwen2}) is normalised the same way and counts too: two models are of the same family when any of
 * their families match.
 */
public final class Families {

  private Families() {}

  /**
   * The family derived from a model name (see the class comment).
   *
   * @param model the model name
   * @return its family; the whole lowercased name when stripping leaves nothing
   */
  public static String ofName(String model) {
    String n = model.strip().toLowerCase(Locale.ROOT);
    int colon = n.indexOf(':');
    if (colon >= 0) {
      n = n.substring(0, colon);
    }
    int slash = n.lastIndexOf('/');
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    String stripped = stripVersion(n);
    return stripped.isEmpty() ? n : stripped;
  }

  /**
   * The families of a model: from its name and, if known, as its provider reports it.
   *
   * @param model the model name
   * @param reported the family its provider reports, or empty
   * @return one or two families, sorted
   */
  public static Set<String> of(String model, Optional<String> reported) {
    Set<String> out = new TreeSet<>();
    out.add(ofName(model));
    reported
        .map(r -> stripVersion(r.strip().toLowerCase(Locale.ROOT)))
        .filter(r -> !r.isEmpty())
        .ifPresent(out::add);
    return out;
  }

  private static String stripVersion(String n) {
    int end = n.length();
    while (end > 0) {
      char c = n.charAt(end - 1);
      if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
        end--;
      } else {
        break;
      }
    }
    return n.substring(0, end);
  }
}
