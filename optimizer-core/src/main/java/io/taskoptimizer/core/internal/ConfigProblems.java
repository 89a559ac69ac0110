package io.taskoptimizer.core.internal;

import io.taskoptimizer.api.ConfigFileException;
import java.nio.file.Path;

/**
 * {@link ConfigFileException}s that have no underlying cause: a problem found in a file's content
 * rather than an exception of a library.
 */
public final class ConfigProblems {

  private ConfigProblems() {}

  /**
   * A problem with a whole file.
   *
   * @param file the file
   * @param problem what is wrong and what to do
   * @return the exception, to throw
   */
  public static ConfigFileException of(Path file, String problem) {
    return new ConfigFileException(file, problem, null);
  }

  /**
   * A problem at one position of a file.
   *
   * @param file the file
   * @param line the 1-based line
   * @param column the 1-based column
   * @param problem what is wrong and what to do
   * @return the exception, to throw
   */
  public static ConfigFileException at(Path file, int line, int column, String problem) {
    return new ConfigFileException(file, line, column, problem, null);
  }
}
