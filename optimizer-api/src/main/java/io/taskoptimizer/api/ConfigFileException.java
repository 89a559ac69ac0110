package io.taskoptimizer.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A config file that cannot be read, parsed or validated. The file is left untouched; the message
 * names the file, the line and column where known, and what was expected.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ConfigFileException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;

  /**
   * @param file the file
   * @param line 1-based line, or 0 if unknown
   * @param column 1-based column, or 0 if unknown
   * @param problem what is wrong and what was expected
   * @param cause the underlying error, may be null
   */
  public ConfigFileException(
      Path file, int line, int column, String problem, @Nullable Throwable cause) {
    super(format(file, line, column, problem), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
  }

  /**
   * A problem with the whole file (no position).
   *
   * @param file the file; must not be null
   * @param problem what is wrong and what was expected
   * @param cause the underlying error, may be null
   * @throws NullPointerException if {@code file} is null
   */
  public ConfigFileException(Path file, String problem, @Nullable Throwable cause) {
    this(file, 0, 0, problem, cause);
  }

  private static String format(Path file, int line, int column, String problem) {
    // the whole path, directory included: "model_rankings.json" alone does not say which one
    Path shown = file.toAbsolutePath().normalize();
    String where = line > 0 ? shown + ":" + line + ":" + column : String.valueOf(shown);
    return "Cannot use config file "
        + where
        + ": "
        + problem
        + " (the file was not modified; fix or remove it and try again)";
  }

  /**
   * The offending file.
   *
   * @return the file as given (the message shows it absolute and normalised)
   */
  public Path file() {
    return file;
  }

  /**
   * 1-based line of the problem, if known.
   *
   * @return the line, or empty when the problem concerns the whole file
   */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /**
   * 1-based column of the problem, if known.
   *
   * @return the column, or empty when it is not known
   */
  public OptionalInt column() {
    return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
  }
}
