package io.taskoptimizer.api.internal;

import io.taskoptimizer.spi.AssessmentInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds the work of quality assessment: real outputs are kilobytes, so an assessor only ever sees
 * the first {@value #MAX_ASSESSED_CHARS} characters of an output, prompt or input value. A runaway
 * answer of tens of megabytes is then scored on its beginning instead of exhausting the heap
 * (tokenising 30 MB builds millions of strings).
 *
 * <p>Internal: shared by the engine (which caps before asking any assessor) and the built-in
 * assessors (which cap whoever calls them), so both use one limit. It lives in the API module
 * because the assessors module must not depend on core; it is exported only to those two modules.
 */
public final class AssessmentLimits {

  /** The most characters of an output (and of the prompt, and of each input) that are assessed. */
  public static final int MAX_ASSESSED_CHARS = 1 << 20;

  private AssessmentLimits() {}

  /**
   * Whether the output is longer than what is assessed.
   *
   * @param input the assessment input
   * @return {@code true} if the output has more than {@link #MAX_ASSESSED_CHARS} characters
   */
  public static boolean capsOutput(AssessmentInput input) {
    return input.output().length() > MAX_ASSESSED_CHARS;
  }

  /**
   * The input itself when everything fits, else a copy with each text cut to the limit.
   *
   * @param input the assessment input
   * @return {@code input} when its output, prompt and every input have at most {@link
   *     #MAX_ASSESSED_CHARS} characters; otherwise a copy with each of them cut to that many, never
   *     splitting a surrogate pair
   */
  public static AssessmentInput capped(AssessmentInput input) {
    boolean inputsFit =
        input.inputs().values().stream().allMatch(v -> v.length() <= MAX_ASSESSED_CHARS);
    if (input.output().length() <= MAX_ASSESSED_CHARS
        && input.prompt().length() <= MAX_ASSESSED_CHARS
        && inputsFit) {
      return input;
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    input.inputs().forEach((k, v) -> inputs.put(k, prefix(v)));
    return new AssessmentInput(
        input.task(),
        prefix(input.output()),
        prefix(input.prompt()),
        inputs,
        input.requestedFormat(),
        input.doneReason());
  }

  /** The first {@value #MAX_ASSESSED_CHARS} characters, never splitting a surrogate pair. */
  static String prefix(String s) {
    if (s.length() <= MAX_ASSESSED_CHARS) {
      return s;
    }
    int end = MAX_ASSESSED_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
