package io.taskoptimizer.consensus;

import io.taskoptimizer.consensus.internal.ExtractionParser;
import io.taskoptimizer.consensus.internal.ExtractionParser.Field;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The essential details of a job posting, as read from a model's extraction.
 *
 * <p>{@link #parse(String)} understands the labelled format the default extraction prompt asks for
 * ({@code TITLE:}, {@code COMPANY:}, {@code LOCATION:}, {@code RESPONSIBILITIES:} and {@code
 * REQUIREMENTS:} each followed by {@code - item} lines, {@code CONTACT:}), tolerating Markdown
 * decoration ({@code **Title:**}, {@code ## Requirements}), numbered items, other bullet
 * characters, English and German labels ({@code Job Title}, {@code Aufgaben}, {@code Ihr Profil},
 * {@code Kontakt}, ...), and answers given as JSON objects (also inside a code fence) with the same
 * or aliased keys. Placeholders such as {@code Not specified} or {@code nicht angegeben} count as
 * absent.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param title the job title
 * @param company the employer
 * @param location the location
 * @param responsibilities the main tasks, in the model's order
 * @param requirements the requirements, in the model's order
 * @param contactInfo how to get in touch
 */
public record JobDetails(
    Optional<String> title,
    Optional<String> company,
    Optional<String> location,
    List<String> responsibilities,
    List<String> requirements,
    Optional<String> contactInfo) {

  /**
   * Validates the components and copies the lists.
   *
   * @param title the job title, or empty; must not be null
   * @param company the employer, or empty; must not be null
   * @param location the location, or empty; must not be null
   * @param responsibilities the main tasks (copied); must not be null nor contain null
   * @param requirements the requirements (copied); must not be null nor contain null
   * @param contactInfo how to get in touch, or empty; must not be null
   * @throws NullPointerException if a component or a list element is null
   */
  public JobDetails {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(location, "location");
    responsibilities = List.copyOf(responsibilities);
    requirements = List.copyOf(requirements);
    Objects.requireNonNull(contactInfo, "contactInfo");
  }

  /**
   * Reads the details out of a model's extraction; never fails, absent fields stay empty.
   *
   * @param extraction the model's output, labelled text or JSON; must not be null, may be empty
   * @return the details found, {@linkplain #isEmpty() empty} when none were
   * @throws NullPointerException if {@code extraction} is null
   */
  public static JobDetails parse(String extraction) {
    Objects.requireNonNull(extraction, "extraction");
    ExtractionParser.Parsed p = ExtractionParser.parse(extraction);
    return new JobDetails(
        p.value(Field.TITLE),
        p.value(Field.COMPANY),
        p.value(Field.LOCATION),
        p.items(Field.RESPONSIBILITIES),
        p.items(Field.REQUIREMENTS),
        p.value(Field.CONTACT));
  }

  /** {@return whether nothing at all was found: every field empty} */
  public boolean isEmpty() {
    return title.isEmpty()
        && company.isEmpty()
        && location.isEmpty()
        && responsibilities.isEmpty()
        && requirements.isEmpty()
        && contactInfo.isEmpty();
  }

  /**
   * These details with gaps filled from the posting's own metadata (title, organization, location),
   * which the scraper recorded and which need no model.
   *
   * @param posting the posting these details were extracted from; must not be null
   * @return a copy with each empty title, company and location taken from the posting when it has
   *     one; the lists and the contact are unchanged
   * @throws NullPointerException if {@code posting} is null
   */
  public JobDetails withFallbacks(JobPosting posting) {
    Objects.requireNonNull(posting, "posting");
    return new JobDetails(
        title.or(posting::title),
        company.or(posting::organization),
        location.or(posting::location),
        responsibilities,
        requirements,
        contactInfo);
  }
}
