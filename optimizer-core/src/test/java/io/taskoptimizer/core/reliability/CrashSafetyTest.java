package io.taskoptimizer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of both config files: a child JVM ({@link CrashChild}) that records feedback,
 * replaces rankings and flushes in a loop is killed with SIGKILL ({@link
 * ProcessHandle#destroyForcibly()}) {@value #KILLS} times, at seeded random moments. After every
 * kill both files must parse (strictly, and by a new optimizer), the feedback file must hold every
 * event a completed flush reported as persisted (and at most the one batch whose flush may have
 * completed unreported), and the rankings file must hold the last reported round or the one after
 * it.
 *
 * <p>The kill moment is random in two ways: the parent waits for a seeded number (0 to 6) of
 * progress lines, then, half of the time, for a seeded 0-3 ms more, so kills land in every phase of
 * a write (recording, temporary file, fsync, backup, rename). All waiting for the child is on its
 * output lines; the short park only moves the kill moment and synchronises nothing.
 */
class CrashSafetyTest {

  static final int KILLS = 50;
  private static final long SEED = 0x7A5C0FFEEL;
  private static final String FEEDBACK = "model_performance_feedback.json";
  private static final String RANKINGS = "model_rankings.json";
  private static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killingAWriterAtRandomMomentsNeverCorruptsAFileOrLosesAPersistedEvent() throws Exception {
    Seeds.copyInto(dir);
    Random random = new Random(SEED);
    Path log = dir.resolve("child-stderr.log");
    long executions = 0; // in the file, as checked after the previous kill
    long round = 0;
    int unreportedFlushes = 0;
    int unreportedRankings = 0;

    for (int kill = 1; kill <= KILLS; kill++) {
      Process child = start(log);
      Progress progress = new Progress();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String first = out.readLine();
        assertThat(first)
            .as("kill %d: first line of the child; stderr: %s", kill, stderr(log))
            .isEqualTo("start " + executions + " " + round);
        progress.persisted = executions;
        progress.ranked = round;
        int lines = random.nextInt(7);
        for (int i = 0; i < lines; i++) {
          progress.read(out.readLine(), kill, log);
        }
        if (random.nextBoolean()) {
          LockSupport.parkNanos(random.nextInt(3_000_000)); // moves the kill moment only
        }
        // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
        // pipe, and the lines the child printed before it died tell about writes that completed
        child.toHandle().destroyForcibly();
        for (String line; (line = out.readLine()) != null; ) {
          progress.read(line, kill, log);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("kill %d: child ended", kill).isTrue();
      } finally {
        child.destroyForcibly();
      }

      long inFile = checkFeedbackFile(kill);
      assertThat(inFile)
          .as("kill %d: executions in the file vs the last reported persisted count", kill)
          .isIn(progress.persisted, progress.persisted + CrashChild.BATCH);
      long roundInFile = checkRankingsFile(kill);
      assertThat(roundInFile)
          .as("kill %d: ranking round in the file vs the last reported one", kill)
          .isIn(progress.ranked, progress.ranked + 1);
      checkWithANewOptimizer(kill, inFile, roundInFile);

      unreportedFlushes += inFile > progress.persisted ? 1 : 0;
      unreportedRankings += roundInFile > progress.ranked ? 1 : 0;
      executions = inFile;
      round = roundInFile;
    }

    assertThat(executions).as("the children made progress").isGreaterThan(0);
    assertThat(round).isGreaterThan(0);
    // informative: kills that landed between a completed write and its report
    System.out.printf(
        "%d kills; %d executions and %d ranking rounds persisted; %d flushes and %d"
            + " ranking writes completed unreported%n",
        KILLS, executions, round, unreportedFlushes, unreportedRankings);

    // a new optimizer writes cleanly over whatever the kills left, and removes leftover temporaries
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(CrashChild.TASK, CrashChild.MODEL, CrashChild.TOOK, true, 0.5);
    }
    assertThat(checkFeedbackFile(KILLS + 1)).isEqualTo(executions + 1);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("." + FEEDBACK) && n.endsWith(".tmp"));
    }
  }

  /** What the child reported before it died. */
  private static final class Progress {
    long persisted;
    long ranked;

    void read(String line, int kill, Path log) {
      assertThat(line).as("kill %d: child output; stderr: %s", kill, stderr(log)).isNotNull();
      if (line.startsWith("persisted ")) {
        persisted = Long.parseLong(line.substring("persisted ".length()));
      } else if (line.startsWith("ranked ")) {
        ranked = Long.parseLong(line.substring("ranked ".length()));
      } else {
        throw new AssertionError("kill " + kill + ": unexpected child output '" + line + "'");
      }
    }
  }

  /**
   * Parses the feedback file strictly and checks its entries; returns the child model's executions.
   */
  private long checkFeedbackFile(int kill) throws IOException {
    JsonNode root = strict(dir.resolve(FEEDBACK), kill);
    assertThat(root.path("self_assessment").path("gemma3:1b").path("executions").asLong())
        .as("kill %d: a seed entry is untouched", kill)
        .isEqualTo(5);
    assertThat(root.path("test_task").path("test_model").path("executions").asLong()).isEqualTo(2);
    JsonNode entry = root.path(CrashChild.TASK.id()).path(CrashChild.MODEL);
    if (entry.isMissingNode()) {
      return 0;
    }
    long executions = entry.path("executions").asLong();
    assertThat(entry.path("successes").asLong() + entry.path("failures").asLong())
        .as("kill %d: successes + failures", kill)
        .isEqualTo(executions);
    assertThat(entry.path("total_time").asDouble())
        .as("kill %d: total_time", kill)
        .isCloseTo(executions * 0.25, within(1e-6));
    assertThat(entry.path("quality_ratings").size()).isBetween(1, 50);
    if (Files.exists(dir.resolve(FEEDBACK + ".bak"))) {
      strict(dir.resolve(FEEDBACK + ".bak"), kill);
    }
    return executions;
  }

  /** Parses the rankings file strictly; returns the child's ranking round in it (0 for none). */
  private long checkRankingsFile(int kill) throws IOException {
    JsonNode root = strict(dir.resolve(RANKINGS), kill);
    assertThat(root.path("self_assessment").size())
        .as("kill %d: seed ranking kept", kill)
        .isEqualTo(15);
    assertThat(root.path("job_extraction").size()).isEqualTo(5);
    if (Files.exists(dir.resolve(RANKINGS + ".bak"))) {
      strict(dir.resolve(RANKINGS + ".bak"), kill);
    }
    JsonNode ranking = root.path(CrashChild.RANKED_TASK.id());
    if (ranking.isMissingNode()) {
      return 0;
    }
    assertThat(ranking.size()).isEqualTo(2);
    String model = ranking.get(0).path("model").asText();
    return Long.parseLong(model.substring("round-".length(), model.indexOf(':')));
  }

  /** The files also open through the public API, with the same content. */
  private void checkWithANewOptimizer(int kill, long executions, long round) {
    try (TaskOptimizer optimizer = open()) {
      assertThat(
              optimizer
                  .feedback(CrashChild.TASK, CrashChild.MODEL)
                  .map(ModelFeedback::executions)
                  .orElse(0L))
          .as("kill %d", kill)
          .isEqualTo(executions);
      assertThat(CrashChild.round(optimizer.rankings(CrashChild.RANKED_TASK))).isEqualTo(round);
      if (round > 0) {
        assertThat(optimizer.rankings(CrashChild.RANKED_TASK)).isEqualTo(CrashChild.ranking(round));
      }
      assertThat(optimizer.rankings(TaskType.SELF_ASSESSMENT)).hasSize(15);
    }
  }

  private TaskOptimizer open() {
    return TaskOptimizer.builder()
        .configDirectory(dir)
        .autoDetectProviders(false)
        .autoDetectAssessors(false)
        .feedbackFlushInterval(Duration.ZERO)
        .maxQualityRatings(50)
        .build();
  }

  private static JsonNode strict(Path file, int kill) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).as("kill %d: %s is not empty", kill, file.getFileName()).isNotEmpty();
    assertThat(bytes[bytes.length - 1])
        .as("kill %d: %s ends with }", kill, file.getFileName())
        .isEqualTo((byte) '}');
    JsonNode root = STRICT.readTree(bytes);
    assertThat(root.isObject()).isTrue();
    return root;
  }

  private Process start(Path log) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                // start fast: class data sharing, C1 only, a small serial heap
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-XX:-UsePerfData",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.toString()));
    try {
      return new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stderr(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
