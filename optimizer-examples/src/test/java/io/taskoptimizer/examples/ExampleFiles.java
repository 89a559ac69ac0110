package io.taskoptimizer.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the module's example config and postings (tests run in the module directory). */
final class ExampleFiles {

  private ExampleFiles() {}

  static Path config(Path dir) {
    return copy(Path.of("config"), dir.resolve("config"));
  }

  static Path postings(Path dir) {
    return copy(Path.of("postings"), dir.resolve("postings"));
  }

  private static Path copy(Path from, Path to) {
    try (var files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
