package io.taskoptimizer.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers for the files the CLI writes. */
final class TextFiles {

  private TextFiles() {}

  /**
   * A fresh name for a temporary file beside {@code target} ({@code .<name>.<random>.tmp}), to be
   * created with {@code CREATE_NEW} and moved over the target. Not {@code Files.createTempFile},
   * which creates the file with mode 0600: what the CLI writes follows the umask like any other
   * file the user creates.
   */
  static Path temporaryBeside(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling(
        "."
            + abs.getFileName()
            + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
            + ".tmp");
  }
}
