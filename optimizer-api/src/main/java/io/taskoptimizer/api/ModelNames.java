package io.taskoptimizer.api;

import java.util.Objects;

/**
 * Model name rules shared by every module, matching how Ollama names models: a name without a tag
 * means the {@code latest} tag, so {@code llama3.2} and {@code llama3.2:latest} are the same model.
 *
 * <p>Static and stateless, so thread-safe.
 */
public final class ModelNames {

  private ModelNames() {}

  /**
   * Returns the canonical form of a model name: trimmed, with {@code :latest} appended when the
   * last path segment has no tag. {@code registry.example.com:5000/team/model} gets a tag too,
   * because the colon there belongs to the host, not to the last segment.
   *
   * @param name the model name as a user or provider wrote it; must not be null or blank
   * @return the canonical name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the name is blank
   */
  public static String normalize(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.strip();
    if (n.isEmpty()) {
      throw new IllegalArgumentException("Model name must not be blank");
    }
    int slash = n.lastIndexOf('/');
    return n.indexOf(':', slash + 1) >= 0 ? n : n + ":latest";
  }

  /**
   * Whether two names denote the same model once normalised.
   *
   * @param a a model name; must not be null or blank
   * @param b another model name; must not be null or blank
   * @return {@code true} if their {@link #normalize normalised} forms are equal
   * @throws NullPointerException if {@code a} or {@code b} is null
   * @throws IllegalArgumentException if {@code a} or {@code b} is blank
   */
  public static boolean sameModel(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
