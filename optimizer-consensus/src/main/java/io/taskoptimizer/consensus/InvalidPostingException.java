package io.taskoptimizer.consensus;

import io.taskoptimizer.api.NonRetriableException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A job posting that cannot be used: its file is missing, unreadable or malformed, or its
 * description is missing, empty or a placeholder such as {@code Error loading full job
 * description}. Such a posting is never sent to a model. Not retriable: the posting must be fetched
 * again or fixed first.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class InvalidPostingException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  /** What is wrong with a posting. Immutable and thread-safe, as every enum without state. */
  public enum Problem {
    /** No posting file for the requested id. */
    NOT_FOUND,
    /** The file could not be read (I/O error, not UTF-8, too large). */
    UNREADABLE,
    /** The file is not valid JSON or lacks the expected structure. */
    MALFORMED,
    /** The description is missing or blank. */
    MISSING_DESCRIPTION,
    /** The description is a placeholder left by a failed download. */
    PLACEHOLDER_DESCRIPTION,
    /** The description is too short to be a job posting. */
    TOO_SHORT
  }

  private final Problem problem;
  private final @Nullable String postingId;
  private final transient @Nullable Path file;

  /**
   * @param problem what is wrong
   * @param postingId the posting's id, or {@code null} when unknown
   * @param file the file it came from, or {@code null} when it was not read from a file
   * @param message what happened and what to do
   * @param cause the cause, or {@code null}
   */
  public InvalidPostingException(
      Problem problem,
      @Nullable String postingId,
      @Nullable Path file,
      String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.postingId = postingId;
    this.file = file;
  }

  /** {@return what is wrong} */
  public Problem problem() {
    return problem;
  }

  /** {@return the posting's id, or empty when it is not known} */
  public Optional<String> postingId() {
    return Optional.ofNullable(postingId);
  }

  /** {@return the file the posting came from, or empty when it was not read from a file} */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
