package io.taskoptimizer.api.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Helpers for exceptions that travel through futures, shared by the Task Optimizer modules (this
 * package is exported only to them). Stateless and thread-safe.
 */
public final class Throwables {

  private Throwables() {}

  /**
   * The failure inside the wrappers that futures add: strips {@link CompletionException} and {@link
   * ExecutionException} layers as long as they have a cause.
   *
   * @param t the exception a future completed with, or {@code join()}/{@code get()} threw
   * @return the first exception that is not such a wrapper (or the last wrapper, if it has no
   *     cause); {@code t} itself when it is not wrapped; {@code null} for {@code null}
   */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
