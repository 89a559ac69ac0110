package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that records and flushes feedback in a loop, at different moments, and checks
 * that the feedback file is always complete: it parses, is never empty or truncated, and never
 * loses what a finished flush reported.
 */
class FeedbackCrashTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWriterKilledAtAnyMomentNeverLeavesATruncatedOrEmptyFile() throws Exception {
    TestConfig.withSeedFiles(dir);
    Path file = dir.resolve(TestConfig.FEEDBACK);
    Path log = dir.resolve("child-stderr.log");
    long persistedBefore = 0;
    for (int kill = 0; kill < 10; kill++) {
      Process child = ChildJvm.start(log, "loop", dir.toString());
      long reported = 0;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int flushesToWait = 1 + kill % 4; // kill after a varying number of completed flushes
        for (int i = 0; i < flushesToWait; i++) {
          String line = out.readLine();
          assertThat(line).as("child output; stderr: %s", stderr(log)).startsWith("flushed ");
          reported = Long.parseLong(line.substring("flushed ".length()));
        }
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).as("after kill %d", kill).isNotEmpty();
      assertThat(new String(bytes, StandardCharsets.US_ASCII)).endsWith("}");
      JsonReader.parse(file, bytes); // complete, well-formed JSON
      StoredFeedback crash = new FeedbackFile(dir).load().get("self_assessment").get("crash:1b");
      assertThat(crash.executions())
          .as("after kill %d", kill)
          .isGreaterThanOrEqualTo(persistedBefore + reported);
      persistedBefore = crash.executions();
      assertThat(new FeedbackFile(dir).load().get("self_assessment").get("gemma3:1b").executions())
          .isEqualTo(5);
      byte[] backup = Files.readAllBytes(dir.resolve(TestConfig.FEEDBACK + ".bak"));
      JsonReader.parse(file, backup);
    }
    // a new optimizer opens the directory cleanly and removes leftovers on its first write
    try (TaskOptimizer optimizer = TestConfig.builder(dir, new ManualScheduler()).build()) {
      optimizer.recordFeedback(
          io.taskoptimizer.api.TaskType.SELF_ASSESSMENT,
          "crash:1b",
          java.time.Duration.ofSeconds(1),
          true);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  private static String stderr(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
