package io.taskoptimizer.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link FeedbackChild} (or another main class) in a fresh JVM. */
final class ChildJvm {

  private ChildJvm() {}

  /** Starts the child; its stderr goes to {@code stderrLog} for diagnosis. */
  static Process start(Path stderrLog, String... args) {
    return start(stderrLog, System.getProperty("java.class.path"), FeedbackChild.class, args);
  }

  /** Starts {@code main} with the given class path; its stderr goes to {@code stderrLog}. */
  static Process start(Path stderrLog, String classPath, Class<?> main, String... args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath,
                main.getName()));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
