package io.taskoptimizer.examples.cli;

import io.taskoptimizer.core.internal.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The example files shipped inside the jar (from {@code optimizer-examples/config}, {@code
 * postings} and {@code profile}): a rankings file for the common local models, an empty feedback
 * file, synthetic job postings and a fictional candidate profile.
 */
final class Bundled {

  private static final String ROOT = "/io/taskoptimizer/examples/bundled/";

  static final List<String> CONFIG_FILES =
      List.of("model_rankings.json", "model_performance_feedback.json");

  /** English, German, bilingual, broken ("Error loading full job description") and English. */
  static final List<String> POSTING_FILES =
      List.of("job1001.json", "job1002.json", "job1003.json", "job1004.json", "job1005.json");

  static final String PROFILE_FILE = "candidate-profile.md";

  /** The English sample posting the demo extracts. */
  static final String DEMO_JOB_ID = "1001";

  /** The sample posting whose description is a placeholder. */
  static final String BROKEN_JOB_ID = "1004";

  private Bundled() {}

  static String text(String dir, String name) {
    try (InputStream in = open(dir, name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundled " + dir + "/" + name, e);
    }
  }

  static String profile() {
    return text("profile", PROFILE_FILE);
  }

  /**
   * Copies a bundled file to {@code target} unless it exists. Returns whether it was written.
   * Written atomically, without a backup, creating the directory ({@link
   * AtomicFiles#writeWithoutBackup}): a new file, so the umask applies.
   */
  static boolean copyIfAbsent(String dir, String name, Path target) {
    if (Files.exists(target)) {
      return false;
    }
    try (InputStream in = open(dir, name)) {
      AtomicFiles.writeWithoutBackup(target, in.readAllBytes());
      return true;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.RUNTIME, "Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Copies the bundled config files into {@code dir} (which must not hold them yet). */
  static void copyConfig(Path dir) {
    for (String f : CONFIG_FILES) {
      copyIfAbsent("config", f, dir.resolve(f));
    }
  }

  /** Copies the bundled postings into {@code dir}. */
  static void copyPostings(Path dir) {
    for (String f : POSTING_FILES) {
      copyIfAbsent("postings", f, dir.resolve(f));
    }
  }

  private static InputStream open(String dir, String name) {
    InputStream in = Bundled.class.getResourceAsStream(ROOT + dir + "/" + name);
    if (in == null) {
      throw new IllegalStateException(
          "Bundled file "
              + dir
              + "/"
              + name
              + " is missing from the jar;"
              + " rebuild it with 'mvn -pl optimizer-examples -am package'");
    }
    return in;
  }
}
