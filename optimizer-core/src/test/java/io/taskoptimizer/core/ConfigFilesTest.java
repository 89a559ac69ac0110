package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFilesTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private TaskOptimizer open() {
    return TestConfig.builder(dir, scheduler).build();
  }

  private Path rankingsFile() {
    return dir.resolve(TestConfig.RANKINGS);
  }

  @Test
  void rewritesTheSeedRankingsByteIdentically() throws IOException {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer = open()) {
      assertThat(optimizer.rankings()).hasSize(6);
      assertThat(optimizer.rankings(TaskType.SELF_ASSESSMENT))
          .hasSize(15)
          .first()
          .isEqualTo(new RankedModel("gemma3:1b", 0.8999999999999999, 0.85));

      optimizer.replaceRankings(optimizer.rankings());
    }
    assertThat(Files.readAllBytes(rankingsFile())).isEqualTo(TestConfig.seed(TestConfig.RANKINGS));
    assertThat(Files.readAllBytes(dir.resolve(TestConfig.FEEDBACK)))
        .isEqualTo(TestConfig.seed(TestConfig.FEEDBACK));
    assertThat(Files.readAllBytes(dir.resolve(TestConfig.RANKINGS + ".bak")))
        .isEqualTo(TestConfig.seed(TestConfig.RANKINGS));
  }

  @Test
  void replacesOneTaskKeepingOthersUnknownFieldsAndOrder() {
    TestConfig.write(
        rankingsFile(),
        """
        {
          "cover_letter": [
            {
              "model": "a:1b",
              "quality_score": 0.9,
              "speed_score": 0.1,
              "note": "benchmarked 2025-01-01"
            },
            {
              "model": "b:1b",
              "quality_score": 0.5,
              "speed_score": 0.5
            }
          ],
          "x_custom": [],
          "job_extraction": [
            {
              "model": "c:1b",
              "quality_score": 1e-05,
              "speed_score": 1
            }
          ]
        }""");
    try (TaskOptimizer optimizer = open()) {
      Map<TaskType, List<RankedModel>> update = new LinkedHashMap<>();
      update.put(
          TaskType.COVER_LETTER,
          List.of(
              new RankedModel("b:1b", 0.95, 0.5),
              new RankedModel("a:1b", 0.9, 0.1),
              new RankedModel("d:1b", 0.1, 1e-7)));
      update.put(TaskType.of("brand_new"), List.of(new RankedModel("a:1b", 0.3, 0.3)));

      optimizer.replaceRankings(update);

      assertThat(optimizer.rankings().keySet())
          .containsExactly(
              TaskType.COVER_LETTER,
              TaskType.of("x_custom"),
              TaskType.JOB_EXTRACTION,
              TaskType.of("brand_new"));
      assertThat(optimizer.rankings(TaskType.COVER_LETTER))
          .extracting(RankedModel::model)
          .containsExactly("b:1b", "a:1b", "d:1b");
    }
    assertThat(TestConfig.read(rankingsFile()))
        .isEqualTo(
            """
        {
          "cover_letter": [
            {
              "model": "b:1b",
              "quality_score": 0.95,
              "speed_score": 0.5
            },
            {
              "model": "a:1b",
              "quality_score": 0.9,
              "speed_score": 0.1,
              "note": "benchmarked 2025-01-01"
            },
            {
              "model": "d:1b",
              "quality_score": 0.1,
              "speed_score": 1e-07
            }
          ],
          "x_custom": [],
          "job_extraction": [
            {
              "model": "c:1b",
              "quality_score": 1e-05,
              "speed_score": 1
            }
          ],
          "brand_new": [
            {
              "model": "a:1b",
              "quality_score": 0.3,
              "speed_score": 0.3
            }
          ]
        }""");
  }

  @Test
  void selectionFollowsReplacedRankingsAtOnce() {
    TestConfig.withSeedFiles(dir);
    FakeProvider provider = new FakeProvider("fake", TestConfig.SEED_MODELS.toArray(String[]::new));
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).addProvider(provider).build()) {
      assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("llama3.2:latest");

      optimizer.replaceRankings(
          Map.of(TaskType.COVER_LETTER, List.of(new RankedModel("olmo2:latest", 1.0, 1.0))));

      assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("olmo2:latest");
    }
  }

  @Test
  void rejectsARankingThatNamesAModelTwice() {
    try (TaskOptimizer optimizer = open()) {
      Map<TaskType, List<RankedModel>> twice =
          Map.of(
              TaskType.COVER_LETTER,
              List.of(
                  new RankedModel("llama3.2", 0.5, 0.5),
                  new RankedModel("llama3.2:latest", 0.6, 0.6)));

      assertThatThrownBy(() -> optimizer.replaceRankings(twice))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("twice");
      assertThat(rankingsFile()).doesNotExist();
    }
  }

  @Test
  void neverOverwritesABrokenRankingsFile() {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer = open()) {
      String broken = "{\n  \"cover_letter\": [\n    {\"model\": \"a\", \"quality_score\": 0.5\n";
      TestConfig.write(rankingsFile(), broken);

      assertThatThrownBy(
              () ->
                  optimizer.replaceRankings(
                      Map.of(TaskType.COVER_LETTER, List.of(new RankedModel("a:1b", 0.5, 0.5)))))
          .isInstanceOf(ConfigFileException.class)
          .hasMessageContaining("model_rankings.json:");
      assertThat(TestConfig.read(rankingsFile())).isEqualTo(broken);
      assertThat(optimizer.rankings()).hasSize(6); // still the rankings loaded before

      assertThatThrownBy(optimizer::reloadRankings).isInstanceOf(ConfigFileException.class);
      assertThat(optimizer.rankings()).hasSize(6);
    }
  }

  @Test
  void picksUpRankingsChangedOnDiskByAnotherProcess() throws IOException {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer = open()) {
      assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("llama3.2:latest");
      String changed =
          "{\n  \"cover_letter\": [\n    {\n      \"model\": \"new:1b\",\n      \"quality_score\": 1,"
              + "\n      \"speed_score\": 1\n    }\n  ]\n}";
      Path staged = dir.resolve("staged.json");
      TestConfig.write(staged, changed);
      Files.move(
          staged,
          rankingsFile(),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);

      scheduler.runAll(); // the background refresh notices the new file

      assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("new:1b");
      assertThat(optimizer.rankings()).containsOnlyKeys(TaskType.COVER_LETTER);

      TestConfig.write(rankingsFile(), "{ broken");
      scheduler.runAll(); // logged; the rankings in memory stay in use
      assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("new:1b");
    }
  }

  @Test
  void createsAMissingConfigDirectory() {
    Path nested = dir.resolve("a").resolve("b");
    try (TaskOptimizer optimizer = TestConfig.builder(nested, scheduler).build()) {
      optimizer.recordFeedback(
          TaskType.COVER_LETTER, "m:1b", java.time.Duration.ofSeconds(1), true);
      assertThat(optimizer.configDirectory()).isDirectory().isAbsolute();
    }
    assertThat(nested.resolve(TestConfig.FEEDBACK)).exists();
    assertThat(nested.resolve(TestConfig.RANKINGS)).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      score above 1        | {"cover_letter": [{"model": "a", "quality_score": 1.5, "speed_score": 0.5}]} | cover_letter[0].quality_score must be a number between 0 and 1, got 1.5 | 1
      negative speed       | {"cover_letter": [{"model": "a", "quality_score": 0.5, "speed_score": -0.1}]} | cover_letter[0].speed_score must be a number between 0 and 1, got -0.1 | 1
      score as string      | {"cover_letter": [{"model": "a", "quality_score": "0.5", "speed_score": 0.5}]} | cover_letter[0].quality_score must be a number, got the string "0.5" | 1
      NaN score            | {"cover_letter": [{"model": "a", "quality_score": NaN, "speed_score": 0.5}]} | cover_letter[0].quality_score must be a finite number, got NaN | 1
      missing speed        | {"cover_letter": [{"model": "a", "quality_score": 0.5}]} | cover_letter[0] has no "speed_score" | 1
      empty model          | {"cover_letter": [{"model": " ", "quality_score": 0.5, "speed_score": 0.5}]} | cover_letter[0].model must be a non-empty string | 1
      ranking not a list   | {"cover_letter": {"model": "a"}} | cover_letter must be a JSON array | 1
      entry not an object  | {"cover_letter": [42]} | cover_letter[0] must be a JSON object ({...}), got the number 42 | 1
      top level a list     | [] | the top level must be a JSON object | 1
      duplicate task key   | {"cover_letter": [], "cover_letter": []} | Duplicate field 'cover_letter' | 1
      model ranked twice   | {"cover_letter": [{"model": "a", "quality_score": 0.5, "speed_score": 0.5}, {"model": "a:latest", "quality_score": 0.5, "speed_score": 0.5}]} | 'a:latest' is ranked twice | 1
      """)
  void rejectsAnInvalidRankingsFileNamingTheField(
      String name, String content, String message, int line) {
    TestConfig.write(rankingsFile(), content);

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.getMessage()).contains(message).contains(rankingsFile().toString());
              assertThat(e.line()).hasValue(line);
              assertThat(e.file()).isEqualTo(rankingsFile());
            });
    assertThat(TestConfig.read(rankingsFile())).isEqualTo(content);
  }

  @Test
  void rejectsARankingsFileThatIsNotUtf8() throws IOException {
    byte[] latin1 =
        "{\"cover_letter\": [{\"model\": \"caf\u00e9\", \"quality_score\": 0.5, \"speed_score\": 0.5}]}"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(rankingsFile(), latin1);

    assertThatThrownBy(this::open)
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("not valid UTF-8");
    assertThat(Files.readAllBytes(rankingsFile())).isEqualTo(latin1);
  }

  @Test
  void refusesAHugeFileWithoutReadingIt() throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(rankingsFile().toFile(), "rw")) {
      f.setLength(50L * 1024 * 1024); // sparse: costs no disk space or time
    }

    assertThatThrownBy(this::open)
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("52428800 bytes")
        .hasMessageContaining("is it the right file?");
    assertThat(Files.size(rankingsFile())).isEqualTo(50L * 1024 * 1024);
  }

  @Test
  void reportsTheLineAndColumnOfASyntaxError() {
    TestConfig.write(
        rankingsFile(),
        "{\n  \"cover_letter\": [\n    {\"model\": \"a\" \"quality_score\": 0.5}\n  ]\n}");

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(3);
              assertThat(e.column()).hasValue(19);
              assertThat(e.getMessage())
                  .contains("model_rankings.json:3:19")
                  .contains("expecting comma");
            });
  }

  @Test
  void keepsAnExistingFilesPermissions() throws IOException {
    TestConfig.withSeedFiles(dir);
    java.util.Set<java.nio.file.attribute.PosixFilePermission> perms =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
    Files.setPosixFilePermissions(dir.resolve(TestConfig.FEEDBACK), perms);
    try (TaskOptimizer optimizer = open()) {
      optimizer.recordFeedback(
          TaskType.COVER_LETTER, "m:1b", java.time.Duration.ofSeconds(1), true);
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(TestConfig.FEEDBACK))).isEqualTo(perms);
  }
}
