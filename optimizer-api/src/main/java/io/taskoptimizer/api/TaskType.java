package io.taskoptimizer.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of work a model is selected for, identified by a stable string id.
 *
 * <p>The six predefined task types carry exactly the ids used as keys in the original {@code
 * model_rankings.json}. Host applications define their own with {@link #of(String)}; two task types
 * are equal when their ids are equal, so {@code TaskType.of("cover_letter")} equals {@link
 * #COVER_LETTER}.
 *
 * <p>Immutable, so thread-safe.
 */
public final class TaskType implements Comparable<TaskType> {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /**
   * Narrative self-assessment of a candidate against a job posting. Weights 0.6 quality / 0.4
   * speed.
   */
  public static final TaskType SELF_ASSESSMENT =
      new TaskType("self_assessment", PriorityWeights.of(0.6, 0.4));

  /** Decomposition of a requirement into distinct skills. Weights 0.8 / 0.2. */
  public static final TaskType SKILL_DECOMPOSITION =
      new TaskType("skill_decomposition", PriorityWeights.of(0.8, 0.2));

  /** Relationship scoring between skill domains. Weights 1.0 / 0.0: quality only. */
  public static final TaskType DOMAIN_RELATIONSHIP =
      new TaskType("domain_relationship", PriorityWeights.of(1.0, 0.0));

  /** Cover letter writing. Weights 0.7 / 0.3. */
  public static final TaskType COVER_LETTER =
      new TaskType("cover_letter", PriorityWeights.of(0.7, 0.3));

  /** Extraction of the requirements of a job posting. Weights 0.7 / 0.3. */
  public static final TaskType JOB_REQUIREMENTS =
      new TaskType("job_requirements", PriorityWeights.of(0.7, 0.3));

  /**
   * Extraction of the essential details of a job posting (consensus-verified). Weights 0.7 / 0.3.
   */
  public static final TaskType JOB_EXTRACTION =
      new TaskType("job_extraction", PriorityWeights.of(0.7, 0.3));

  private static final List<TaskType> PREDEFINED =
      List.of(
          SELF_ASSESSMENT,
          SKILL_DECOMPOSITION,
          DOMAIN_RELATIONSHIP,
          COVER_LETTER,
          JOB_REQUIREMENTS,
          JOB_EXTRACTION);

  private final String id;
  private final PriorityWeights defaultWeights;
  private final int hash;

  private TaskType(String id, PriorityWeights defaultWeights) {
    this.id = id;
    this.defaultWeights = defaultWeights;
    this.hash = id.hashCode();
  }

  /**
   * Returns the task type with this id: the predefined constant when the id is one of the six
   * predefined ids, otherwise a custom task type with the default weights 0.7 quality / 0.3 speed.
   *
   * @param id lowercase letters, digits, {@code _} and {@code -}, starting with a letter or digit,
   *     at most 64 characters
   * @throws IllegalArgumentException if the id does not have that form
   * @return the predefined constant, or a new custom task type
   * @throws NullPointerException if {@code id} is null
   */
  public static TaskType of(String id) {
    Objects.requireNonNull(id, "id");
    for (TaskType t : PREDEFINED) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Invalid task type id '"
              + id
              + "': use 1-64 lowercase letters, digits, '_' or '-', starting with a letter or digit"
              + " (for example 'interview_prep')");
    }
    return new TaskType(id, PriorityWeights.of(0.7, 0.3));
  }

  /**
   * The six predefined task types, in the order of the original rankings file.
   *
   * @return an unmodifiable list of the six constants
   */
  public static List<TaskType> predefined() {
    return PREDEFINED;
  }

  /**
   * The stable id, as used as a key in the rankings and feedback files.
   *
   * @return the id, e.g. {@code cover_letter}
   */
  public String id() {
    return id;
  }

  /**
   * Whether this is one of the six predefined task types.
   *
   * @return {@code true} for the constants of this class, {@code false} for custom task types
   */
  public boolean isPredefined() {
    return PREDEFINED.contains(this);
  }

  /**
   * The quality/speed weights used unless an optimizer is configured otherwise.
   *
   * @return the weights; 0.7 quality / 0.3 speed for a custom task type
   */
  public PriorityWeights defaultWeights() {
    return defaultWeights;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof TaskType other && id.equals(other.id));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(TaskType o) {
    return id.compareTo(o.id);
  }

  /** Returns the id. */
  @Override
  public String toString() {
    return id;
  }
}
