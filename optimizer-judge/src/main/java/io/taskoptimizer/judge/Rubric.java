package io.taskoptimizer.judge;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a judge grades an output of one task against: named criteria, each with a description the
 * judge reads. The judge scores every criterion 1..10 with a one-line reason.
 *
 * <p>{@link #forTask} gives the built-in rubric of a task, derived from what the built-in quality
 * assessors of optimizer-assessors check (so that the judge and the heuristics measure the same
 * things, the judge with understanding rather than patterns), followed by three criteria every
 * answer shares ({@code instructions}, {@code no_filler}, {@code clarity}). Change it with {@link
 * #toBuilder()} or write one with {@link #builder(TaskType)}, and hand it to {@link
 * Judge.Builder#rubric(Rubric)}.
 *
 * <p>Immutable, so thread-safe; its {@link Builder} is not thread-safe.
 */
public final class Rubric {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /**
   * One criterion: a short snake_case name and a description the judge reads.
   *
   * <p>Immutable (a record of immutable values), so thread-safe.
   *
   * @param name the criterion's name: 1-40 lowercase letters, digits or {@code _}, starting with a
   *     letter
   * @param description what the judge checks, one non-blank line
   */
  public record Criterion(String name, String description) {
    /**
     * Validates the components.
     *
     * @param name the criterion's name: 1-40 lowercase letters, digits or {@code _}, starting with
     *     a letter; must not be null
     * @param description what the judge checks, one non-blank line; must not be null
     * @throws NullPointerException if {@code name} or {@code description} is null
     * @throws IllegalArgumentException if the name is not 1-40 lowercase letters, digits or {@code
     *     _} starting with a letter, or the description is blank or has a line break
     */
    public Criterion {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "criterion name must be 1-40 lowercase letters, digits or"
                + " '_' starting with a letter, got '"
                + name
                + "'");
      }
      if (description.isBlank()
          || description.indexOf('\n') >= 0
          || description.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "the description of criterion '" + name + "' must be one non-blank line");
      }
    }
  }

  private final TaskType task;
  private final List<Criterion> criteria;
  private final String hash;

  private Rubric(TaskType task, List<Criterion> criteria) {
    this.task = task;
    this.criteria = List.copyOf(criteria);
    this.hash = digest(task, this.criteria);
  }

  /**
   * The built-in rubric of a task; custom tasks get the three shared criteria only.
   *
   * @param task the task; must not be null
   * @return the task's built-in rubric
   */
  public static Rubric forTask(TaskType task) {
    Objects.requireNonNull(task, "task");
    Builder b = builder(task);
    switch (task.id()) {
      case "self_assessment" ->
          b.criterion(
                  "requirements_addressed",
                  "Addresses each requirement of the job posting with"
                      + " concrete evidence from the candidate's profile; none is skipped or invented.")
              .criterion(
                  "skills_covered",
                  "Discusses the candidate's listed skills that matter for the" + " job.")
              .criterion(
                  "conclusion",
                  "Ends with an explicit overall rating or a clear concluding"
                      + " judgement of the fit.");
      case "skill_decomposition" ->
          b.criterion(
                  "valid_format",
                  "Uses the requested format exactly (valid JSON without prose"
                      + " or code fences when JSON was asked for; otherwise a clean list).")
              .criterion(
                  "distinct_skills",
                  "Breaks the requirement into at least three distinct," + " specific skills.")
              .criterion("no_duplicates", "No skill repeats another in other words.");
      case "domain_relationship" ->
          b.criterion(
                  "valid_format",
                  "Uses the requested format exactly (valid JSON without prose"
                      + " or code fences when JSON was asked for).")
              .criterion(
                  "scores_readable",
                  "Gives a relationship score that a program can read for"
                      + " every pair asked about.")
              .criterion(
                  "scores_in_range",
                  "Every score lies in the range the prompt asks for (0 to 1"
                      + " if none is stated) and is plausible for the domains.");
      case "cover_letter" ->
          b.criterion(
                  "length",
                  "Keeps to the word range the prompt asks for (200-400 words if none"
                      + " is stated).")
              .criterion(
                  "greeting_and_closing",
                  "Opens with a salutation and ends with a"
                      + " complimentary close, as a letter does.")
              .criterion(
                  "mentions_role",
                  "Names the role applied for and ties the candidate's" + " experience to it.");
      case "job_requirements", "job_extraction" ->
          b.criterion(
                  "fields_present",
                  "Every field asked for (or title, company, location and"
                      + " requirements) is present and filled.")
              .criterion(
                  "grounded",
                  "Every extracted value and requirement occurs in the job posting;"
                      + " nothing is invented.")
              .criterion(
                  "no_marketing",
                  "Benefits and marketing phrases are not listed as" + " requirements.");
      default -> {}
    }
    return b.criterion(
            "instructions",
            "Follows the prompt's instructions and constraints (format,"
                + " language, length, what to include).")
        .criterion(
            "no_filler",
            "No preamble, sign-off, refusal, follow-up question, placeholder"
                + " or unfinished sentence.")
        .criterion(
            "clarity",
            "Well structured and readable for the task: paragraphs or list items"
                + " as needed, varied sentences, no repetition.")
        .build();
  }

  /**
   * Starts an empty rubric for the task.
   *
   * @param task the task the rubric grades; must not be null
   * @return a new builder without criteria
   */
  public static Builder builder(TaskType task) {
    return new Builder(Objects.requireNonNull(task, "task"));
  }

  /** {@return a new builder holding this rubric's task and criteria, to edit them} */
  public Builder toBuilder() {
    Builder b = new Builder(task);
    criteria.forEach(c -> b.criteria.put(c.name(), c));
    return b;
  }

  /** {@return the task this rubric grades} */
  public TaskType task() {
    return task;
  }

  /** {@return the criteria, in the order the judge sees them (unmodifiable)} */
  public List<Criterion> criteria() {
    return criteria;
  }

  /** {@return the criterion names, in order (unmodifiable)} */
  public List<String> names() {
    return criteria.stream().map(Criterion::name).toList();
  }

  /**
   * A stable hash of the task and the criteria (names and descriptions): verdicts are cached per
   * output and rubric hash, so editing a rubric invalidates its cached verdicts.
   *
   * @return the hash, 16 lowercase hex digits
   */
  public String hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rubric r && r.task.equals(task) && r.criteria.equals(criteria);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, criteria);
  }

  @Override
  public String toString() {
    return "Rubric[" + task.id() + ": " + names() + "]";
  }

  private static String digest(TaskType task, List<Criterion> criteria) {
    StringBuilder sb = new StringBuilder(task.id());
    for (Criterion c : criteria) {
      sb.append('\u0000').append(c.name()).append('\u0001').append(c.description());
    }
    byte[] d = Hashing.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }

  /**
   * Builds {@link Rubric}s; criteria keep the order they were first added in.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final TaskType task;
    private final Map<String, Criterion> criteria = new LinkedHashMap<>();

    private Builder(TaskType task) {
      this.task = task;
    }

    /**
     * Adds a criterion, or replaces the description of the one with this name (keeping its place).
     *
     * @param name the criterion's name: 1-40 lowercase letters, digits or {@code _}, starting with
     *     a letter; must not be null
     * @param description what the judge checks, one non-blank line; must not be null
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code description} is null
     * @throws IllegalArgumentException if the name or the description is not valid (see {@link
     *     Criterion})
     */
    public Builder criterion(String name, String description) {
      Criterion c = new Criterion(name, description);
      criteria.put(c.name(), c);
      return this;
    }

    /**
     * Removes a criterion.
     *
     * @param name the name of the criterion to remove; must not be null
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the rubric has no criterion of that name
     */
    public Builder remove(String name) {
      if (criteria.remove(Objects.requireNonNull(name, "name")) == null) {
        throw new IllegalArgumentException(
            "the rubric of "
                + task.id()
                + " has no criterion '"
                + name
                + "'; criteria: "
                + criteria.keySet());
      }
      return this;
    }

    /**
     * Removes every criterion.
     *
     * @return this builder
     */
    public Builder clear() {
      criteria.clear();
      return this;
    }

    /**
     * Builds the rubric.
     *
     * @return a new rubric with the builder's criteria, in order
     * @throws IllegalStateException if it has no criterion or more than 20
     */
    public Rubric build() {
      if (criteria.isEmpty() || criteria.size() > 20) {
        throw new IllegalStateException(
            "a rubric needs 1 to 20 criteria, the rubric of "
                + task.id()
                + " has "
                + criteria.size());
      }
      return new Rubric(task, new ArrayList<>(criteria.values()));
    }
  }
}
