package io.taskoptimizer.examples.cli;

import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.consensus.JobPostings;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The user's input files: postings directory, candidate profile. */
final class Inputs {

  static final Path DEFAULT_POSTINGS = Path.of("postings");
  static final Path DEFAULT_PROFILE = Path.of(Bundled.PROFILE_FILE);

  private Inputs() {}

  /** The postings directory (given, or {@code postings/}); it must exist. */
  static Path postingsDir(@Nullable Path given) {
    Path dir = given != null ? given : DEFAULT_POSTINGS;
    if (!Files.isDirectory(dir)) {
      throw CliException.input(
          "No postings directory at "
              + dir.toAbsolutePath().normalize()
              + (given != null
                  ? ": check the --postings path."
                  : ": pass --postings DIR, or run 'taskopt init'"
                      + " to create postings/ with sample postings."));
    }
    return dir;
  }

  /**
   * What a job id may hold: it becomes part of file names, so letters, digits, '-' and '_' only.
   */
  private static final java.util.regex.Pattern FILE_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /**
   * The id itself when it can be used in a file name: 1-64 ASCII letters, digits, {@code -} and
   * {@code _}, starting with a letter or digit. Every path the CLI builds from a job id (given on
   * the command line or read from a posting) goes through this check, so no id can choose another
   * directory.
   *
   * @param source where the id came from, for the message (e.g. "the command line", a file)
   * @throws CliException (input, exit 5) otherwise
   */
  static String fileId(String id, String source) {
    if (id == null || !FILE_ID.matcher(id).matches()) {
      throw CliException.input(
          "Invalid job id '"
              + SafeWriter.clean(id == null ? "" : shorten(id))
              + "' from "
              + source
              + ": a job id may only hold letters, digits, '-' and '_' (1-64 characters), as in job62914.json");
    }
    return id;
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /**
   * Loads a posting by id; a missing or broken one fails with the loader's message (exit code 5).
   */
  static JobPosting posting(Path dir, String id) {
    fileId(id, "the command line");
    try {
      return JobPostings.loadById(dir, id);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** A candidate profile read from a file. */
  record Profile(String text, String source, boolean sample) {}

  /**
   * The candidate profile: the given file; else {@code candidate-profile.md} in the working
   * directory; else the bundled sample profile (a fictional candidate).
   */
  static Profile profile(@Nullable Path given) {
    Path file = given != null ? given : DEFAULT_PROFILE;
    if (given == null && !Files.isRegularFile(file)) {
      return new Profile(
          Bundled.profile(), "the bundled sample profile (a fictional candidate)", true);
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.input(
          "Profile file "
              + file.toAbsolutePath().normalize()
              + " does not exist;"
              + " check the --profile path.");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw CliException.input("Profile file " + file + " is not UTF-8 text; save it as UTF-8.", e);
    } catch (IOException e) {
      throw CliException.input("Cannot read profile file " + file + ": " + e.getMessage(), e);
    }
    if (text.isBlank()) {
      throw CliException.input(
          "Profile file "
              + file
              + " is empty; describe the candidate's experience"
              + " and skills in it.");
    }
    return new Profile(text, file.toString(), false);
  }
}
