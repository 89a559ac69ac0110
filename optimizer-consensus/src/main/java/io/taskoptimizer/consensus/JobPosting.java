package io.taskoptimizer.consensus;

import io.taskoptimizer.consensus.internal.PostingChecks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A job posting: an id, a description (the text sent to models) and whatever metadata the source
 * had. Load them with {@link JobPostings}, or build them with {@link #builder(String, String)}.
 *
 * <p>A posting can hold any description; {@link #checkUsable()} says whether it is fit to be sent
 * to a model (not blank, not a placeholder such as {@code Error loading full job description}, not
 * a few words). The loaders and {@link ConsensusExtractor} call it, so a broken posting is reported
 * and never reaches a model.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param id the posting's id ({@code job_metadata.job_id}, or from the file name)
 * @param title the job title, if known
 * @param description the full posting text
 * @param location the location, if known (e.g. {@code Frankfurt})
 * @param organization the employer, if known
 * @param careerLevel the career level, if known (e.g. {@code Vice President})
 * @param url the posting's web address, if known
 * @param source where it was scraped from, if known (e.g. a careers site id)
 * @param datePosted when it was posted, if known
 * @param file the file it was loaded from, if any
 */
public record JobPosting(
    String id,
    Optional<String> title,
    String description,
    Optional<String> location,
    Optional<String> organization,
    Optional<String> careerLevel,
    Optional<String> url,
    Optional<String> source,
    Optional<LocalDate> datePosted,
    Optional<Path> file) {

  /**
   * Validates the components.
   *
   * @param id the posting's id; must not be null nor blank
   * @param title the job title, or empty; must not be null
   * @param description the full posting text; must not be null (any text is accepted here, see
   *     {@link #checkUsable()})
   * @param location the location, or empty; must not be null
   * @param organization the employer, or empty; must not be null
   * @param careerLevel the career level, or empty; must not be null
   * @param url the posting's web address, or empty; must not be null
   * @param source where it was scraped from, or empty; must not be null
   * @param datePosted when it was posted, or empty; must not be null
   * @param file the file it was loaded from, or empty; must not be null
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public JobPosting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(careerLevel, "careerLevel");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(datePosted, "datePosted");
    Objects.requireNonNull(file, "file");
    if (id.isBlank()) {
      throw new IllegalArgumentException("A job posting id must not be blank");
    }
  }

  /**
   * Starts a builder for a posting with this id and description.
   *
   * @param id the posting's id; must not be null nor blank (stripped when built)
   * @param description the full posting text; must not be null
   * @return a new builder with every optional value absent
   * @throws NullPointerException if {@code id} or {@code description} is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static Builder builder(String id, String description) {
    return new Builder(id, description);
  }

  /**
   * A posting with only an id, a title and a description.
   *
   * @param id the posting's id; must not be null nor blank
   * @param title the job title; must not be null, blank counts as absent
   * @param description the full posting text; must not be null
   * @return the posting, with no other metadata
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static JobPosting of(String id, String title, String description) {
    return builder(id, description).title(title).build();
  }

  /** {@return a new builder holding this posting's values} */
  public Builder toBuilder() {
    Builder b = new Builder(id, description);
    b.title = title;
    b.location = location;
    b.organization = organization;
    b.careerLevel = careerLevel;
    b.url = url;
    b.source = source;
    b.datePosted = datePosted;
    b.file = file;
    return b;
  }

  /** {@return why the description is not fit to be sent to a model, or empty when it is} */
  public Optional<String> usabilityProblem() {
    return PostingChecks.problem(description).map(PostingChecks.Finding::message);
  }

  /** {@return whether the description is fit to be sent to a model} */
  public boolean isUsable() {
    return PostingChecks.problem(description).isEmpty();
  }

  /**
   * Returns this posting if its description is fit to be sent to a model.
   *
   * @return this posting
   * @throws InvalidPostingException if the description is missing, blank, a placeholder or too
   *     short; the message names the posting and its file and says what to do
   */
  public JobPosting checkUsable() {
    Optional<PostingChecks.Finding> finding = PostingChecks.problem(description);
    if (finding.isPresent()) {
      PostingChecks.Finding f = finding.get();
      throw new InvalidPostingException(
          f.problem(),
          id,
          file.orElse(null),
          "Job posting "
              + id
              + file.map(p -> " (" + p + ")").orElse("")
              + " cannot be used: "
              + f.message()
              + ". It was not sent to any model; fetch the posting again or fix its"
              + " description.",
          null);
    }
    return this;
  }

  /** A summary without the description, so it is safe to log. */
  @Override
  public String toString() {
    return "JobPosting[id="
        + id
        + ", title="
        + title.orElse("?")
        + ", location="
        + location.orElse("?")
        + ", description="
        + description.length()
        + " chars]";
  }

  /**
   * Builds {@link JobPosting}s. Blank optional values count as absent.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final String id;
    private final String description;
    private Optional<String> title = Optional.empty();
    private Optional<String> location = Optional.empty();
    private Optional<String> organization = Optional.empty();
    private Optional<String> careerLevel = Optional.empty();
    private Optional<String> url = Optional.empty();
    private Optional<String> source = Optional.empty();
    private Optional<LocalDate> datePosted = Optional.empty();
    private Optional<Path> file = Optional.empty();

    private Builder(String id, String description) {
      this.id = Objects.requireNonNull(id, "id");
      this.description = Objects.requireNonNull(description, "description");
      if (id.isBlank()) {
        throw new IllegalArgumentException("A job posting id must not be blank");
      }
    }

    /**
     * Sets the job title.
     *
     * @param title the job title; must not be null; stripped, and blank counts as absent
     * @return this builder
     * @throws NullPointerException if {@code title} is null
     */
    public Builder title(String title) {
      this.title = present(title, "title");
      return this;
    }

    /**
     * Sets the location.
     *
     * @param location the location; must not be null; stripped, and blank counts as absent
     * @return this builder
     * @throws NullPointerException if {@code location} is null
     */
    public Builder location(String location) {
      this.location = present(location, "location");
      return this;
    }

    /**
     * Sets the employer.
     *
     * @param organization the employer; must not be null; stripped, and blank counts as absent
     * @return this builder
     * @throws NullPointerException if {@code organization} is null
     */
    public Builder organization(String organization) {
      this.organization = present(organization, "organization");
      return this;
    }

    /**
     * Sets the career level.
     *
     * @param careerLevel the career level; must not be null; stripped, and blank counts as absent
     * @return this builder
     * @throws NullPointerException if {@code careerLevel} is null
     */
    public Builder careerLevel(String careerLevel) {
      this.careerLevel = present(careerLevel, "careerLevel");
      return this;
    }

    /**
     * Sets the posting's web address.
     *
     * @param url the posting's web address; must not be null; stripped, and blank counts as absent
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     */
    public Builder url(String url) {
      this.url = present(url, "url");
      return this;
    }

    /**
     * Sets where it was scraped from.
     *
     * @param source where it was scraped from; must not be null; stripped, and blank counts as
     *     absent
     * @return this builder
     * @throws NullPointerException if {@code source} is null
     */
    public Builder source(String source) {
      this.source = present(source, "source");
      return this;
    }

    /**
     * Sets when it was posted.
     *
     * @param datePosted the date it was posted; must not be null
     * @return this builder
     * @throws NullPointerException if {@code datePosted} is null
     */
    public Builder datePosted(LocalDate datePosted) {
      this.datePosted = Optional.of(Objects.requireNonNull(datePosted, "datePosted"));
      return this;
    }

    /**
     * Sets the file it was loaded from.
     *
     * @param file the file; must not be null
     * @return this builder
     * @throws NullPointerException if {@code file} is null
     */
    public Builder file(Path file) {
      this.file = Optional.of(Objects.requireNonNull(file, "file"));
      return this;
    }

    private static Optional<String> present(String value, String name) {
      Objects.requireNonNull(value, name);
      String s = value.strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * Builds the posting (without checking the description; see {@link JobPosting#checkUsable()}).
     *
     * @return the posting, with the id stripped
     */
    public JobPosting build() {
      return new JobPosting(
          id.strip(),
          title,
          description,
          location,
          organization,
          careerLevel,
          url,
          source,
          datePosted,
          file);
    }
  }
}
