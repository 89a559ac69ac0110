package io.taskoptimizer.core.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The original system's two config files (test resources under {@code /seed-config/}). */
final class Seeds {

  static final String RANKINGS = "model_rankings.json";
  static final String FEEDBACK = "model_performance_feedback.json";

  private Seeds() {}

  static byte[] bytes(String name) {
    try (InputStream in = Seeds.class.getResourceAsStream("/seed-config/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource /seed-config/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies both seed files into {@code dir}. */
  static void copyInto(Path dir) {
    try {
      Files.write(dir.resolve(RANKINGS), bytes(RANKINGS));
      Files.write(dir.resolve(FEEDBACK), bytes(FEEDBACK));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
