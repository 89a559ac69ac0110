package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackTest {

  private static final Duration HALF_SECOND = Duration.ofMillis(500);

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private TaskOptimizer open() {
    return TestConfig.builder(dir, scheduler).build();
  }

  private Map<String, Map<String, StoredFeedback>> onDisk() {
    return new FeedbackFile(dir).load();
  }

  @Test
  void rejectsInvalidFeedbackWithClearMessages() {
    try (TaskOptimizer optimizer = open()) {
      TaskType t = TaskType.COVER_LETTER;
      assertThatThrownBy(() -> optimizer.recordFeedback(null, "m", HALF_SECOND, true))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("task");
      assertThatThrownBy(() -> optimizer.recordFeedback(t, null, HALF_SECOND, true))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("model");
      assertThatThrownBy(() -> optimizer.recordFeedback(t, "m", null, true))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("duration");
      assertThatThrownBy(() -> optimizer.recordFeedback(t, " ", HALF_SECOND, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
      assertThatThrownBy(() -> optimizer.recordFeedback(t, "m", Duration.ofSeconds(-1), true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative")
          .hasMessageContaining("PT-1S");
      assertThatThrownBy(() -> optimizer.recordFeedback(t, "m", Duration.ofDays(365L * 1000), true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long");
      for (double bad : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertThatThrownBy(() -> optimizer.recordFeedback(t, "m", HALF_SECOND, true, bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("quality must be between 0 and 1, got " + bad);
      }
      assertThat(optimizer.feedback()).isEmpty();
    }
  }

  @Test
  void snapshotsIncludeTheFileAndUnflushedEvents() {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(
          TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofMillis(1500), true, 0.9);
      optimizer.recordFeedback(
          TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofMillis(1500), false);
      optimizer.recordFeedback(TaskType.JOB_EXTRACTION, "new:1b", Duration.ofSeconds(2), true);

      ModelFeedback gemma = optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      assertThat(gemma)
          .isEqualTo(
              new ModelFeedback(
                  7, 6, 1, Duration.ofMillis(10_500), Duration.ofMillis(1_500), List.of(0.9)));
      Map<TaskType, Map<String, ModelFeedback>> all = optimizer.feedback();
      assertThat(all.keySet())
          .containsExactly(
              TaskType.SELF_ASSESSMENT,
              TaskType.SKILL_DECOMPOSITION,
              TaskType.of("test_task"),
              TaskType.JOB_EXTRACTION);
      assertThat(all.get(TaskType.JOB_EXTRACTION)).containsOnlyKeys("new:1b");
      assertThat(all.get(TaskType.of("test_task")).get("test_model").executions()).isEqualTo(2);
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "gemma3:1b")).isEmpty();
    }
  }

  @Test
  void writesNewEntriesInTheOriginalFormat() {
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(
          TaskType.COVER_LETTER, "gemma3:1b", Duration.ofMillis(1200), true, 0.8);
      optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", Duration.ofMillis(2400), false);
      optimizer.flush();
    }
    assertThat(TestConfig.read(dir.resolve(TestConfig.FEEDBACK)))
        .isEqualTo(
            """
        {
          "cover_letter": {
            "gemma3:1b": {
              "executions": 2,
              "successes": 1,
              "failures": 1,
              "total_time": 3.6,
              "quality_ratings": [
                0.8
              ],
              "average_time": 1.8
            }
          }
        }""");
  }

  @Test
  void mergesIntoTheSeedFileTouchingOnlyTheRecordedEntry() {
    TestConfig.withSeedFiles(dir);
    String before = TestConfig.read(dir.resolve(TestConfig.FEEDBACK));
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(
          TaskType.SELF_ASSESSMENT, "llama3.2", Duration.ofMillis(3250), true, 0.7);
    }
    String after = TestConfig.read(dir.resolve(TestConfig.FEEDBACK));

    // six spaces of indentation kept (the closing delimiter sets the margin), no trailing newline
    String old =
        """
              "executions": 6,
              "successes": 6,
              "failures": 0,
              "total_time": 19.5,
              "quality_ratings": [],
              "average_time": 3.25\
        """;
    String updated =
        """
              "executions": 7,
              "successes": 7,
              "failures": 0,
              "total_time": 22.75,
              "quality_ratings": [
                0.7
              ],
              "average_time": 3.25\
        """;
    String expected = before.replace(old, updated);
    assertThat(expected).isNotEqualTo(before);
    assertThat(after).isEqualTo(expected);
    assertThat(TestConfig.read(dir.resolve(TestConfig.FEEDBACK + ".bak"))).isEqualTo(before);
  }

  @Test
  void keepsOnlyTheNewestQualityRatings() {
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).maxQualityRatings(3).build()) {
      for (int i = 1; i <= 5; i++) {
        optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true, i / 10.0);
      }
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "m:1b").orElseThrow().qualityRatings())
          .containsExactly(0.3, 0.4, 0.5);
      optimizer.flush();
      assertThat(onDisk().get("cover_letter").get("m:1b").qualityRatings())
          .containsExactly(0.3, 0.4, 0.5);

      optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true, 0.6);
      optimizer.flush();
      assertThat(onDisk().get("cover_letter").get("m:1b").qualityRatings())
          .containsExactly(0.4, 0.5, 0.6);
      assertThat(onDisk().get("cover_letter").get("m:1b").executions()).isEqualTo(6);
    }
  }

  @Test
  void eightThreadsRecordingConcurrentlyEndWithExactTotalsOnDisk() throws Exception {
    TestConfig.withSeedFiles(dir);
    int threads = 8;
    int perThread = 100_000;
    TaskOptimizer optimizer = TestConfig.builder(dir, scheduler).maxQualityRatings(100).build();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    if (i % 10 == 0) {
                      optimizer.recordFeedback(
                          TaskType.SKILL_DECOMPOSITION,
                          "llama3.2:latest",
                          HALF_SECOND,
                          i % 4 != 0,
                          0.5);
                    } else {
                      optimizer.recordFeedback(
                          TaskType.SKILL_DECOMPOSITION, "llama3.2:latest", HALF_SECOND, i % 4 != 0);
                    }
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      w.start();
      workers.add(w);
    }
    AtomicBoolean recording = new AtomicBoolean(true);
    Thread flusher =
        new Thread(
            () -> {
              while (recording.get()) {
                optimizer.flush(); // flushes race with recording
              }
            });
    flusher.start();
    start.countDown();
    for (Thread w : workers) {
      w.join(120_000);
    }
    recording.set(false);
    flusher.join(120_000);
    optimizer.close();

    assertThat(failure.get()).isNull();
    StoredFeedback f = onDisk().get("skill_decomposition").get("llama3.2:latest");
    long events = (long) threads * perThread;
    assertThat(f.executions()).isEqualTo(5 + events);
    assertThat(f.failures()).isEqualTo(events / 4);
    assertThat(f.successes()).isEqualTo(5 + events - events / 4);
    assertThat(f.totalTimeSeconds()).isEqualTo(13.5 + events * 0.5);
    assertThat(f.averageTimeSeconds()).isEqualTo((13.5 + events * 0.5) / (5 + events));
    assertThat(f.qualityRatings()).hasSize(100).containsOnly(0.5);
    assertThat(onDisk().get("self_assessment").get("gemma3:1b").executions()).isEqualTo(5);
  }

  @Test
  void neverOverwritesABrokenFeedbackFileAndKeepsTheEventsInMemory() {
    TestConfig.withSeedFiles(dir);
    Path file = dir.resolve(TestConfig.FEEDBACK);
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofSeconds(1), true);
      String broken = "{\n  \"self_assessment\": {\n    \"gemma3:1b\": {\"executions\": 5,,\n";
      TestConfig.write(file, broken);

      assertThatThrownBy(optimizer::flush)
          .isInstanceOfSatisfying(
              ConfigFileException.class,
              e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.line()).hasValue(3);
                assertThat(e.getMessage()).contains("was not modified");
              });
      assertThat(TestConfig.read(file)).isEqualTo(broken);
      assertThat(
              optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow().executions())
          .isEqualTo(6);

      Files.write(file, TestConfig.seed(TestConfig.FEEDBACK)); // the user repairs the file
      optimizer.flush();
      assertThat(onDisk().get("self_assessment").get("gemma3:1b").executions()).isEqualTo(6);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void refusesAnInvalidFeedbackFileAtBuildNamingTheField() {
    TestConfig.write(
        dir.resolve(TestConfig.FEEDBACK),
        """
        {
          "cover_letter": {
            "gemma3:1b": {
              "executions": -2
            }
          }
        }""");

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(4);
              assertThat(e.getMessage())
                  .contains(
                      "cover_letter.gemma3:1b.executions must be a whole number >= 0, got -2");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      negative total time   | {"cover_letter": {"m": {"executions": 1, "total_time": -1.5}}} | cover_letter.m.total_time must not be negative, got -1.5
      fractional count      | {"cover_letter": {"m": {"executions": 1.5}}} | cover_letter.m.executions must be a whole number >= 0, got 1.5
      count as string       | {"cover_letter": {"m": {"failures": "2"}}} | cover_letter.m.failures must be a whole number >= 0, got the string "2"
      rating above 1        | {"cover_letter": {"m": {"quality_ratings": [0.5, 1.2]}}} | cover_letter.m.quality_ratings[1] must be a number between 0 and 1, got 1.2
      ratings not a list    | {"cover_letter": {"m": {"quality_ratings": 0.5}}} | cover_letter.m.quality_ratings must be a JSON array
      NaN average           | {"cover_letter": {"m": {"average_time": NaN}}} | cover_letter.m.average_time must be a finite number, got NaN
      entry not an object   | {"cover_letter": {"m": true}} | cover_letter.m must be a JSON object ({...}), got a value of type boolean
      task not an object    | {"cover_letter": []} | cover_letter must be a JSON object
      duplicate model key   | {"cover_letter": {"m": {}, "m": {}}} | Duplicate field 'm'
      """)
  void rejectsAnInvalidFeedbackFileNamingTheField(String name, String content, String message) {
    TestConfig.write(dir.resolve(TestConfig.FEEDBACK), content);

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.getMessage()).contains(message);
              assertThat(e.line()).hasValue(1);
            });
    assertThat(TestConfig.read(dir.resolve(TestConfig.FEEDBACK))).isEqualTo(content);
  }

  @Test
  void keepsUnknownTasksAndFieldsOfTheFeedbackFile() {
    String content =
        """
        {
          "Odd Key": 42,
          "cover_letter": {
            "m:1b": {
              "executions": 1,
              "successes": 1,
              "failures": 0,
              "total_time": 0.5,
              "quality_ratings": [],
              "average_time": 0.5,
              "last_error": null
            }
          }
        }""";
    TestConfig.write(dir.resolve(TestConfig.FEEDBACK), content);
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true);
    }
    assertThat(TestConfig.read(dir.resolve(TestConfig.FEEDBACK)))
        .isEqualTo(
            content
                .replace("\"executions\": 1", "\"executions\": 2")
                .replace("\"successes\": 1", "\"successes\": 2")
                .replace("\"total_time\": 0.5", "\"total_time\": 1.0"));
  }

  @Test
  void backgroundFlushRunsOnTheSchedulerAndRetriesAfterAFailure() {
    Path file = dir.resolve(TestConfig.FEEDBACK);
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true);
      assertThat(file).doesNotExist();

      scheduler.runAll();
      assertThat(onDisk().get("cover_letter").get("m:1b").executions()).isEqualTo(1);

      TestConfig.write(file, "[]");
      optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true);
      scheduler.runAll(); // fails: the top level is not an object; logged, not thrown
      assertThat(TestConfig.read(file)).isEqualTo("[]");

      TestConfig.write(file, "{}");
      scheduler.runAll();
      assertThat(onDisk().get("cover_letter").get("m:1b").executions()).isEqualTo(1);
    }
  }

  @Test
  void closeFlushesIsIdempotentAndRefusesLaterFeedback() {
    TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).feedbackFlushInterval(Duration.ZERO).build();
    assertThat(scheduler.liveTasks()).hasSize(1); // availability refresh only
    optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true);

    optimizer.close();
    optimizer.close();

    assertThat(onDisk().get("cover_letter").get("m:1b").executions()).isEqualTo(1);
    assertThatThrownBy(
            () -> optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", HALF_SECOND, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void twoOptimizersSharingADirectoryKeepEachOthersFeedback() throws Exception {
    TestConfig.withSeedFiles(dir);
    TaskOptimizer a = TestConfig.builder(dir, new ManualScheduler()).build();
    TaskOptimizer b = TestConfig.builder(dir, new ManualScheduler()).build();
    CountDownLatch start = new CountDownLatch(1);
    Thread ta = new Thread(() -> recordAndFlush(a, start, 3_000));
    Thread tb = new Thread(() -> recordAndFlush(b, start, 2_000));
    ta.start();
    tb.start();
    start.countDown();
    ta.join(60_000);
    tb.join(60_000);
    a.close();
    b.close();

    StoredFeedback f = onDisk().get("cover_letter").get("shared:1b");
    assertThat(f.executions()).isEqualTo(5_000);
    assertThat(f.totalTimeSeconds()).isEqualTo(2_500.0);
  }

  private static void recordAndFlush(TaskOptimizer optimizer, CountDownLatch start, int n) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (int i = 1; i <= n; i++) {
      optimizer.recordFeedback(TaskType.COVER_LETTER, "shared:1b", HALF_SECOND, true);
      if (i % 100 == 0) {
        optimizer.flush();
      }
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aChildJvmAndThisJvmSharingADirectoryKeepEachOthersFeedback() throws Exception {
    TestConfig.withSeedFiles(dir);
    Path log = Files.createTempFile("feedback-child", ".log");
    Process child = ChildJvm.start(log, "record", dir.toString(), "3000");
    String last;
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        TaskOptimizer optimizer = TestConfig.builder(dir, scheduler).build()) {
      assertThat(out.readLine()).as("child stderr: %s", Files.readString(log)).isEqualTo("ready");
      for (int i = 1; i <= 3000; i++) { // runs while the child records and flushes too
        optimizer.recordFeedback(TaskType.COVER_LETTER, "child:1b", HALF_SECOND, true);
        if (i % 50 == 0) {
          optimizer.flush();
        }
      }
      last = out.readLine();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly(); // no-op once it has exited; stops it if the test failed early
    }
    assertThat(child.exitValue()).as("child stderr: %s", Files.readString(log)).isZero();
    assertThat(last).isEqualTo("done");

    StoredFeedback f = onDisk().get("cover_letter").get("child:1b");
    assertThat(f.executions()).isEqualTo(6000);
    assertThat(f.totalTimeSeconds()).isEqualTo(3000.0);
    Files.deleteIfExists(log);
  }
}
