package io.taskoptimizer.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A store of rankings, feedback and learned state ({@code io.taskoptimizer.spi.OptimizerStore})
 * that cannot be used: a wrong URL or host, a wrong password, missing privileges, a database
 * written by a newer version, or a failed write. Nothing was half-written: a failed write changed
 * nothing in the store. The message names the store by its {@link #location() location}, never with
 * its password.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class StoreException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  /** What kind of problem it is. Immutable (an enum), so thread-safe. */
  public enum Problem {
    /** The store URL is malformed or names no store implementation on the class path. */
    INVALID_URL,
    /** The server cannot be reached (wrong host or port, server down, network). Retriable. */
    UNREACHABLE,
    /** The server refused the credentials. */
    AUTHENTICATION,
    /** The user lacks a privilege the store needs (connect, create tables, write). */
    PERMISSION,
    /** The store was created or migrated by a newer version of Task Optimizer. */
    SCHEMA_TOO_NEW,
    /** Stored data cannot be read back (it was changed by hand or by another program). */
    CORRUPT_DATA,
    /** A read or write failed for another reason (the transaction was rolled back). Retriable. */
    FAILED
  }

  private final Problem problem;
  private final String location;

  /**
   * @param problem what kind of problem
   * @param location the store, as safe to print (no password)
   * @param message what is wrong and what to do
   * @param cause the underlying error, may be null
   */
  public StoreException(
      Problem problem, String location, String message, @Nullable Throwable cause) {
    super("Store " + location + ": " + message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.location = Objects.requireNonNull(location, "location");
  }

  /**
   * What kind of problem it is.
   *
   * @return the kind of problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The store, as safe to print (no password).
   *
   * @return the store's location, without a password
   */
  public String location() {
    return location;
  }

  /** True when the store could not be reached or a transaction failed: a later attempt may work. */
  @Override
  public boolean isRetriable() {
    return problem == Problem.UNREACHABLE || problem == Problem.FAILED;
  }
}
