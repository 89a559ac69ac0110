package io.taskoptimizer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile config files, table-driven: for each, opening an optimizer fails with a
 * {@link ConfigFileException} whose message names the file and the problem, and so does using a
 * running optimizer after the file went bad on disk (replacing rankings, flushing feedback,
 * closing); in both cases no file in the directory is modified (bytes and modification time are
 * compared, and no file appears or disappears apart from lock files). Unknown tasks and keys that
 * are not task ids are not errors: they are preserved verbatim.
 */
class BadConfigFilesTest {

  private static final String RANKINGS = Seeds.RANKINGS;
  private static final String FEEDBACK = Seeds.FEEDBACK;
  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
  private static final String NOT_MODIFIED =
      "(the file was not modified; fix or remove it and try again)";

  @TempDir Path dir;

  /**
   * One bad file: which one, its content (null: a directory in its place), and what the message
   * must say.
   */
  record Case(String name, String file, Supplier<byte[]> content, List<String> problem) {
    @Override
    public String toString() {
      return file.startsWith("model_rankings") ? "rankings: " + name : "feedback: " + name;
    }

    /** Puts the bad file in place of the good one. */
    void place(Path dir) throws IOException {
      Path p = dir.resolve(file);
      if (content == null) {
        Files.delete(p);
        Files.createDirectory(p);
      } else {
        Files.write(p, content.get());
      }
    }
  }

  private static Case rankings(String name, String content, String... problem) {
    return new Case(
        name, RANKINGS, () -> content.getBytes(StandardCharsets.UTF_8), List.of(problem));
  }

  private static Case rankingsBytes(String name, Supplier<byte[]> content, String... problem) {
    return new Case(name, RANKINGS, content, List.of(problem));
  }

  private static Case feedback(String name, String content, String... problem) {
    return new Case(
        name, FEEDBACK, () -> content.getBytes(StandardCharsets.UTF_8), List.of(problem));
  }

  private static Case feedbackBytes(String name, Supplier<byte[]> content, String... problem) {
    return new Case(name, FEEDBACK, content, List.of(problem));
  }

  /** A rankings file with one cover_letter entry whose fields are given verbatim. */
  private static String entry(String fields) {
    return "{\n  \"cover_letter\": [\n    {\n      " + fields + "\n    }\n  ]\n}";
  }

  /** A feedback file with one cover_letter/m:1b entry whose fields are given verbatim. */
  private static String stats(String fields) {
    return "{\n  \"cover_letter\": {\n    \"m:1b\": {\n      " + fields + "\n    }\n  }\n}";
  }

  private static final String OK_ENTRY =
      "\"model\": \"a:1b\", \"quality_score\": 0.5, \"speed_score\": 0.5";
  private static final String OK_STATS =
      "\"executions\": 2, \"successes\": 2, \"failures\": 0,"
          + " \"total_time\": 3.0, \"quality_ratings\": [0.5], \"average_time\": 1.5";

  static Stream<Case> cases() {
    byte[] seedRankings = Seeds.bytes(RANKINGS);
    byte[] seedFeedback = Seeds.bytes(FEEDBACK);
    return Stream.of(
        // ---------------------------------------------------------------- syntax and encoding
        rankings("empty file", "", "the file is empty"),
        rankings("only whitespace", " \n\t\n", "the file is empty"),
        rankingsBytes(
            "truncated in the middle",
            () -> Arrays.copyOf(seedRankings, seedRankings.length / 2),
            "malformed JSON",
            "end-of-input"),
        rankings(
            "truncated after the last entry",
            entry(OK_ENTRY).substring(0, entry(OK_ENTRY).length() - 4),
            "malformed JSON",
            "end-of-input",
            "expected ']' to close the array that starts at line 2, column 19"),
        rankings("top level is an array", "[]", "the top level must be a JSON object"),
        rankings("top level is a string", "\"rankings\"", "the top level must be a JSON object"),
        rankings("top level is null", "null", "the top level must be a JSON object"),
        rankingsBytes(
            "UTF-8 byte order mark",
            () -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, seedRankings),
            "byte order mark",
            "save it as UTF-8 without BOM"),
        rankingsBytes(
            "Latin-1 bytes",
            () ->
                entry(OK_ENTRY.replace("a:1b", "caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1),
            "not valid UTF-8",
            "byte 0xe9"),
        rankingsBytes(
            "UTF-16 with BOM",
            () -> entry(OK_ENTRY).getBytes(StandardCharsets.UTF_16),
            "not valid UTF-8",
            "byte 0xfe"),
        rankings(
            "a second document after the first", "{}\n{}", "after the end of the JSON document"),
        rankings("a comment", "{\n  // best models\n  \"cover_letter\": []\n}", "malformed JSON"),
        rankings("single quotes", "{'cover_letter': []}", "malformed JSON"),
        rankings("trailing comma", entry(OK_ENTRY + ","), "malformed JSON"),
        rankings(
            "raw line break inside a string",
            entry(OK_ENTRY.replace("a:1b", "a\n1b")),
            "malformed JSON"),
        rankings(
            "nesting 5000 levels deep",
            "{\"cover_letter\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
            "model_rankings.json:1:1017: malformed JSON",
            "nesting depth"),
        rankings(
            "a number with 2000 digits",
            entry(OK_ENTRY.replace("0.5,", "0." + "5".repeat(2000) + ",")),
            "model_rankings.json:4:41: malformed JSON",
            "Number value length"),
        // ---------------------------------------------------------------- structure and types
        rankings(
            "ranking is an object",
            "{\"cover_letter\": {\"model\": \"a:1b\"}}",
            "cover_letter must be a JSON array"),
        rankings(
            "entry is a number",
            "{\"cover_letter\": [42]}",
            "cover_letter[0] must be a JSON object ({...}), got the number 42"),
        rankings(
            "score is a string",
            entry(OK_ENTRY.replace("\"quality_score\": 0.5", "\"quality_score\": \"0.9\"")),
            "cover_letter[0].quality_score must be a number, got the string \"0.9\""),
        rankings(
            "score is null",
            entry(OK_ENTRY.replace("\"speed_score\": 0.5", "\"speed_score\": null")),
            "cover_letter[0].speed_score must be a number"),
        rankings(
            "score is NaN",
            entry(OK_ENTRY.replace("\"quality_score\": 0.5", "\"quality_score\": NaN")),
            "cover_letter[0].quality_score must be a finite number, got NaN"),
        rankings(
            "score is Infinity",
            entry(OK_ENTRY.replace("\"speed_score\": 0.5", "\"speed_score\": Infinity")),
            "cover_letter[0].speed_score must be a finite number, got Infinity"),
        rankings(
            "score is -Infinity",
            entry(OK_ENTRY.replace("\"speed_score\": 0.5", "\"speed_score\": -Infinity")),
            "cover_letter[0].speed_score must be a finite number, got -Infinity"),
        rankings(
            "score above 1",
            entry(OK_ENTRY.replace("\"quality_score\": 0.5", "\"quality_score\": 1.5")),
            "cover_letter[0].quality_score must be a number between 0 and 1, got 1.5"),
        rankings(
            "negative score",
            entry(OK_ENTRY.replace("\"speed_score\": 0.5", "\"speed_score\": -0.1")),
            "cover_letter[0].speed_score must be a number between 0 and 1, got -0.1"),
        rankings(
            "score overflowing a double",
            entry(OK_ENTRY.replace("\"quality_score\": 0.5", "\"quality_score\": 1e400")),
            "cover_letter[0].quality_score must be a finite number, got 1e400"),
        rankings(
            "huge integer score",
            entry(
                OK_ENTRY.replace(
                    "\"quality_score\": 0.5", "\"quality_score\": 123456789012345678901234567890")),
            "cover_letter[0].quality_score must be a number between 0 and 1, got 123456789012345678901234567890"),
        rankings(
            "missing speed_score",
            entry("\"model\": \"a:1b\", \"quality_score\": 0.5"),
            "cover_letter[0] has no \"speed_score\""),
        rankings(
            "model is null",
            entry(OK_ENTRY.replace("\"a:1b\"", "null")),
            "cover_letter[0].model must be a non-empty string"),
        rankings(
            "model is blank",
            entry(OK_ENTRY.replace("\"a:1b\"", "\"  \"")),
            "cover_letter[0].model must be a non-empty string"),
        rankings(
            "model is a number",
            entry(OK_ENTRY.replace("\"a:1b\"", "7")),
            "cover_letter[0].model must be a non-empty string, got the number 7"),
        rankings(
            "duplicate task key",
            "{\"cover_letter\": [], \"cover_letter\": []}",
            "Duplicate field 'cover_letter'"),
        rankings(
            "duplicate field in an entry",
            entry(OK_ENTRY + ", \"model\": \"b:1b\""),
            "Duplicate field 'model'"),
        rankings(
            "a model ranked twice (llama3.2 is llama3.2:latest)",
            "{\"cover_letter\": [{"
                + OK_ENTRY.replace("a:1b", "llama3.2")
                + "}, {"
                + OK_ENTRY.replace("a:1b", "llama3.2:latest")
                + "}]}",
            "cover_letter[1].model 'llama3.2:latest' is ranked twice"),
        // ---------------------------------------------------------------- size
        rankingsBytes(
            "a 50 MB file",
            BadConfigFilesTest::fiftyMegabytes,
            "bytes, more than the",
            "is it the right file?"),
        rankingsBytes(
            "a 15 MB file with NaN in its last entry",
            BadConfigFilesTest::fifteenMegabytesEndingInNaN,
            "].speed_score must be a finite number, got NaN"),
        rankingsBytes(
            "a directory where the file should be", null, "cannot read", "Is a directory"),
        // ---------------------------------------------------------------- feedback file
        feedback("empty file", "", "the file is empty"),
        feedbackBytes(
            "truncated in the middle",
            () -> Arrays.copyOf(seedFeedback, seedFeedback.length / 2),
            "malformed JSON",
            "end-of-input"),
        feedback(
            "top level is an array",
            "[{\"cover_letter\": {}}]",
            "the top level must be a JSON object"),
        feedbackBytes(
            "UTF-8 byte order mark",
            () -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, seedFeedback),
            "byte order mark"),
        feedback(
            "control character inside a name",
            stats(OK_STATS).replace("m:1b", "m\u0001:1b"),
            "malformed JSON",
            "CTRL-CHAR"),
        feedbackBytes(
            "lone continuation byte",
            () -> replaceByte(stats(OK_STATS), 'm', (byte) 0x80),
            "not valid UTF-8",
            "byte 0x80"),
        feedback(
            "task is a list",
            "{\"cover_letter\": []}",
            "cover_letter must be a JSON object ({...})"),
        feedback(
            "entry is a string",
            "{\"cover_letter\": {\"m:1b\": \"fast\"}}",
            "cover_letter.m:1b must be a JSON object ({...}), got the string \"fast\""),
        feedback(
            "negative count",
            stats(OK_STATS.replace("\"failures\": 0", "\"failures\": -1")),
            "cover_letter.m:1b.failures must be a whole number >= 0, got -1"),
        feedback(
            "fractional count",
            stats(OK_STATS.replace("\"executions\": 2", "\"executions\": 2.5")),
            "cover_letter.m:1b.executions must be a whole number >= 0, got 2.5"),
        feedback(
            "count as a string",
            stats(OK_STATS.replace("\"successes\": 2", "\"successes\": \"2\"")),
            "cover_letter.m:1b.successes must be a whole number >= 0, got the string \"2\""),
        feedback(
            "count beyond a long",
            stats(OK_STATS.replace("\"executions\": 2", "\"executions\": 9223372036854775808")),
            "cover_letter.m:1b.executions must be a whole number from 0 to 9007199254740991, got 9223372036854775808"),
        feedback(
            "count 1e30",
            stats(OK_STATS.replace("\"executions\": 2", "\"executions\": 1e30")),
            "cover_letter.m:1b.executions must be a whole number >= 0, got 1e30"),
        feedback(
            "negative total_time",
            stats(OK_STATS.replace("\"total_time\": 3.0", "\"total_time\": -3.0")),
            "cover_letter.m:1b.total_time must not be negative, got -3.0"),
        feedback(
            "NaN total_time",
            stats(OK_STATS.replace("\"total_time\": 3.0", "\"total_time\": NaN")),
            "cover_letter.m:1b.total_time must be a finite number, got NaN"),
        feedback(
            "Infinity average_time",
            stats(OK_STATS.replace("\"average_time\": 1.5", "\"average_time\": Infinity")),
            "cover_letter.m:1b.average_time must be a finite number, got Infinity"),
        feedback(
            "quality_ratings is a number",
            stats(OK_STATS.replace("[0.5]", "0.5")),
            "cover_letter.m:1b.quality_ratings must be a JSON array"),
        feedback(
            "quality rating above 1",
            stats(OK_STATS.replace("[0.5]", "[0.5, 1.2]")),
            "cover_letter.m:1b.quality_ratings[1] must be a number between 0 and 1, got 1.2"),
        feedback(
            "quality rating null",
            stats(OK_STATS.replace("[0.5]", "[null]")),
            "cover_letter.m:1b.quality_ratings[0] must be a number"),
        feedback(
            "duplicate model key",
            "{\"cover_letter\": {\"m:1b\": {}, \"m:1b\": {}}}",
            "Duplicate field 'm:1b'"),
        feedback(
            "empty model name",
            "{\"cover_letter\": {\"\": {" + OK_STATS + "}}}",
            "cover_letter has an entry with an empty model name"),
        feedback(
            "nesting 5000 levels deep",
            "{\"cover_letter\": {\"m:1b\": {\"quality_ratings\": "
                + "[".repeat(5000)
                + "]".repeat(5000)
                + "}}}",
            "model_performance_feedback.json:1:1044:",
            "nesting depth"),
        feedbackBytes("a 50 MB file", BadConfigFilesTest::fiftyMegabytes, "bytes, more than the"),
        feedbackBytes(
            "a directory where the file should be", null, "cannot read", "Is a directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void openingFailsNamingFileAndProblemAndModifiesNothing(Case c) throws IOException {
    Seeds.copyInto(dir);
    Path bad = dir.resolve(c.file());
    c.place(dir);
    Map<String, Snapshot> before = freeze();

    ConfigFileException e = catchThrowableOfType(ConfigFileException.class, this::open);

    assertThat(e).as("build() must fail").isNotNull();
    assertNamesFileAndProblem(e, bad, c);
    assertThat(snapshot()).as("no file modified").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFileThatGoesBadWhileRunningIsReportedAndNeverOverwrittenIncludingOnClose(Case c)
      throws IOException {
    Seeds.copyInto(dir);
    Path bad = dir.resolve(c.file());
    TaskOptimizer optimizer = open();
    List<RankedModel> rankingBefore = optimizer.rankings(TaskType.SELF_ASSESSMENT);
    c.place(dir);
    Map<String, Snapshot> before = freeze();

    if (c.file().equals(RANKINGS)) {
      ConfigFileException replace =
          catchThrowableOfType(
              ConfigFileException.class,
              () ->
                  optimizer.replaceRankings(
                      Map.of(TaskType.COVER_LETTER, List.of(new RankedModel("x:1b", 0.5, 0.5)))));
      assertNamesFileAndProblem(replace, bad, c);
      ConfigFileException reload =
          catchThrowableOfType(ConfigFileException.class, optimizer::reloadRankings);
      assertNamesFileAndProblem(reload, bad, c);
      assertThat(optimizer.rankings(TaskType.SELF_ASSESSMENT))
          .as("rankings in memory stay in use")
          .isEqualTo(rankingBefore);
      optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", Duration.ofSeconds(1), true);
      assertThat(snapshot()).isEqualTo(before);
      optimizer.close(); // persists the feedback into the (good) feedback file only
      Map<String, Snapshot> after = snapshot();
      assertThat(after.get(RANKINGS))
          .as("the bad rankings file after close()")
          .isEqualTo(before.get(RANKINGS));
      assertThat(after.get(FEEDBACK)).isNotEqualTo(before.get(FEEDBACK));
    } else {
      optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", Duration.ofSeconds(1), true);
      ConfigFileException flush = catchThrowableOfType(ConfigFileException.class, optimizer::flush);
      assertNamesFileAndProblem(flush, bad, c);
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "gemma3:1b"))
          .as("the event is kept in memory")
          .map(ModelFeedback::executions)
          .contains(1L);
      assertThat(snapshot()).isEqualTo(before);
      ConfigFileException close = catchThrowableOfType(ConfigFileException.class, optimizer::close);
      assertNamesFileAndProblem(close, bad, c);
      Map<String, Snapshot> after = new java.util.TreeMap<>(snapshot());
      // the learned selection state is a separate file: close() still persists it
      assertThat(after.remove("model_selection_state.json"))
          .as("learned state persisted")
          .isNotNull();
      assertThat(after).as("nothing else modified after close()").isEqualTo(before);
    }
  }

  @Test
  void feedbackRecordedWhileTheFileIsBrokenIsWrittenOnceTheFileIsFixed() throws IOException {
    Seeds.copyInto(dir);
    Path file = dir.resolve(FEEDBACK);
    try (TaskOptimizer optimizer = open()) {
      Files.writeString(file, "{\"cover_letter\": {\"m:1b\": {\"executions\": -1}}}");
      optimizer.recordFeedback(
          TaskType.COVER_LETTER, "gemma3:1b", Duration.ofMillis(1500), true, 0.8);
      // the flush fails while the file is broken; this test is about what is written after the fix
      var unused = catchThrowableOfType(ConfigFileException.class, optimizer::flush);

      Files.write(file, Seeds.bytes(FEEDBACK)); // the user fixes the file
      optimizer.flush();
    }
    try (TaskOptimizer reopened = open()) {
      assertThat(reopened.feedback(TaskType.COVER_LETTER, "gemma3:1b"))
          .get()
          .isEqualTo(
              new ModelFeedback(
                  1, 1, 0, Duration.ofMillis(1500), Duration.ofMillis(1500), List.of(0.8)));
      assertThat(reopened.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b"))
          .get()
          .extracting(ModelFeedback::executions)
          .isEqualTo(5L);
    }
  }

  @Test
  void unknownTasksAndKeysThatAreNotTaskIdsArePreservedVerbatimAndAreNoError() throws IOException {
    String rankings =
        """
        {
          "interview_prep": [
            {
              "model": "tiny:1b",
              "quality_score": 0.6,
              "speed_score": 0.9,
              "benchmarked": "2025-06-01"
            }
          ],
          "Not A Task!": {"anything": [1, 2.50, "x"]},
          "cover_letter": [
            {
              "model": "gemma3:1b",
              "quality_score": 0.8,
              "speed_score": 0.8
            }
          ]
        }""";
    String feedback =
        """
        {
          "interview_prep": {
            "tiny:1b": {
              "executions": 3,
              "successes": 3,
              "failures": 0,
              "total_time": 1.5,
              "quality_ratings": [],
              "average_time": 0.5,
              "host": "laptop"
            }
          },
          "Legacy Section": [true, null, 1e-05]
        }""";
    Files.writeString(dir.resolve(RANKINGS), rankings);
    Files.writeString(dir.resolve(FEEDBACK), feedback);
    Map<String, Snapshot> before = freeze();

    try (TaskOptimizer optimizer = open()) {
      assertThat(optimizer.rankings(TaskType.of("interview_prep")))
          .containsExactly(new RankedModel("tiny:1b", 0.6, 0.9));
      assertThat(optimizer.rankings().keySet())
          .containsExactly(TaskType.of("interview_prep"), TaskType.COVER_LETTER);
      assertThat(optimizer.feedback(TaskType.of("interview_prep"), "tiny:1b"))
          .get()
          .extracting(ModelFeedback::executions)
          .isEqualTo(3L);
    }
    assertThat(snapshot())
        .as("opening and closing without changes writes nothing")
        .isEqualTo(before);

    try (TaskOptimizer optimizer = open()) {
      optimizer.replaceRankings(
          Map.of(TaskType.COVER_LETTER, List.of(new RankedModel("gemma3:1b", 0.9, 0.8))));
      optimizer.recordFeedback(TaskType.COVER_LETTER, "gemma3:1b", Duration.ofSeconds(2), true);
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode oldRankings = json.readTree(rankings);
    JsonNode newRankings = json.readTree(dir.resolve(RANKINGS).toFile());
    assertThat(newRankings.get("interview_prep")).isEqualTo(oldRankings.get("interview_prep"));
    assertThat(newRankings.get("Not A Task!")).isEqualTo(oldRankings.get("Not A Task!"));
    assertThat(newRankings.get("cover_letter").get(0).get("quality_score").asDouble())
        .isEqualTo(0.9);
    assertThat(Files.readString(dir.resolve(RANKINGS)))
        .contains("\"speed_score\": 0.9,\n      \"benchmarked\": \"2025-06-01\"");
    JsonNode oldFeedback = json.readTree(feedback);
    JsonNode newFeedback = json.readTree(dir.resolve(FEEDBACK).toFile());
    assertThat(newFeedback.get("interview_prep")).isEqualTo(oldFeedback.get("interview_prep"));
    assertThat(newFeedback.get("Legacy Section")).isEqualTo(oldFeedback.get("Legacy Section"));
    assertThat(Files.readString(dir.resolve(FEEDBACK))).contains("1e-05");
    assertThat(newFeedback.get("cover_letter").get("gemma3:1b").get("executions").asLong())
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------ helpers

  private TaskOptimizer open() {
    return TaskOptimizer.builder()
        .configDirectory(dir)
        .autoDetectProviders(false)
        .autoDetectAssessors(false)
        .feedbackFlushInterval(Duration.ZERO)
        .availabilityRefreshInterval(Duration.ofHours(1))
        .build();
  }

  private static void assertNamesFileAndProblem(ConfigFileException e, Path file, Case c) {
    assertThat(e).as("a ConfigFileException").isNotNull();
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.getMessage())
        .startsWith("Cannot use config file " + file)
        .endsWith(NOT_MODIFIED)
        .as("no location text of Jackson's in the message")
        .doesNotContain("REDACTED")
        .doesNotContain("[Source:");
    for (String part : c.problem()) {
      assertThat(e.getMessage()).contains(part);
    }
  }

  /**
   * Dates every file back to {@link #OLD}, so that any later write shows in its modification time
   * even on a file system with coarse timestamps, and returns the {@link #snapshot()}.
   */
  private Map<String, Snapshot> freeze() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.setLastModifiedTime(p, OLD);
      }
    }
    return snapshot();
  }

  /** Content and modification time of every file but lock files (which may appear). */
  private Map<String, Snapshot> snapshot() throws IOException {
    Map<String, Snapshot> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".lock")) {
          out.put(name, Snapshot.of(p));
        }
      }
    }
    return out;
  }

  /** What identifies a file's content and last write (size -1 for a directory). */
  record Snapshot(long size, int hash, FileTime modified) {
    static Snapshot of(Path p) {
      try {
        if (Files.isDirectory(p)) {
          return new Snapshot(-1, 0, Files.getLastModifiedTime(p));
        }
        byte[] bytes = Files.readAllBytes(p);
        return new Snapshot(bytes.length, Arrays.hashCode(bytes), Files.getLastModifiedTime(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] replaceByte(String text, char first, byte with) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == first) {
        bytes[i] = with;
        break;
      }
    }
    return bytes;
  }

  /** About 15 MB of rankings, under the size limit, whose very last score is NaN. */
  private static byte[] fifteenMegabytesEndingInNaN() {
    StringBuilder sb = new StringBuilder(16 * 1024 * 1024);
    sb.append("{\n  \"cover_letter\": [\n");
    int i = 0;
    while (sb.length() < 15 * 1024 * 1024) {
      sb.append("    {\"model\": \"m")
          .append(i++)
          .append(":1b\", \"quality_score\": 0.5, \"speed_score\": 0.5},\n");
    }
    sb.append("    {\"model\": \"last:1b\", \"quality_score\": 0.5, \"speed_score\": NaN}\n  ]\n}");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** 50 MB of well-formed JSON (one huge ranking); refused for its size before it is read. */
  private static byte[] fiftyMegabytes() {
    StringBuilder sb = new StringBuilder(52 * 1024 * 1024);
    sb.append("{\n  \"cover_letter\": [\n");
    int i = 0;
    while (sb.length() < 50 * 1024 * 1024) {
      sb.append("    {\"model\": \"m")
          .append(i++)
          .append(":1b\", \"quality_score\": 0.5, \"speed_score\": 0.5},\n");
    }
    sb.append("    {\"model\": \"last:1b\", \"quality_score\": 0.5, \"speed_score\": 0.5}\n  ]\n}");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
