package io.taskoptimizer.consensus.internal;

import java.util.Arrays;

/**
 * Splits strings into Unicode code points, the elements difflib compares for a Python {@code str}.
 */
public final class CodePoints {

  private CodePoints() {}

  /**
   * The code points of {@code s}. A well-formed surrogate pair is one element (as in Python, where
   * an emoji is one character); an unpaired surrogate is an element of its own.
   *
   * @param s the string; must not be null
   * @return a new array of its code points, in order
   */
  public static int[] of(String s) {
    int n = s.length();
    int[] out = new int[n];
    int k = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out[k++] = Character.toCodePoint(c, s.charAt(i + 1));
        i += 2;
      } else {
        out[k++] = c;
        i++;
      }
    }
    return k == n ? out : Arrays.copyOf(out, k);
  }
}
