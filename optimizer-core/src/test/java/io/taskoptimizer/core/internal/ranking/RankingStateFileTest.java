package io.taskoptimizer.core.internal.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingStateFileTest {

  @TempDir Path dir;

  @Test
  void readsWhatItWrote() {
    RankingStateFile file = new RankingStateFile(dir);
    RankingState state =
        new RankingState(
            Optional.of(Instant.parse("2025-06-01T03:00:00Z")),
            Map.of(
                "qwen3:8b",
                new RankingState.Discovered(
                    "qwen3:8b",
                    "ollama",
                    Instant.parse("2025-05-31T03:00:00Z"),
                    List.of("self_assessment"),
                    List.of("self_assessment"))),
            Map.of("olmo2:latest", Instant.parse("2025-05-30T03:00:00Z")),
            Map.of(
                "self_assessment",
                Map.of(
                    "gemma3:1b",
                    new RankingState.Evidence(
                        0.8999999999999999,
                        0.85,
                        0.8786,
                        0.925,
                        new RankingState.Fingerprint(5, 0, 7.5, 2, 1.5)))));

    file.write(state);

    assertThat(file.read()).isEqualTo(state);
  }

  @Test
  void readsAMissingFileAsTheEmptyState() {
    assertThat(new RankingStateFile(dir).read()).isEqualTo(RankingState.empty());
  }

  @Test
  void refusesABrokenFileWithItsPositionAndLeavesItUntouched() throws Exception {
    Path path = dir.resolve(RankingStateFile.NAME);
    String broken = "{\n  \"schema_version\": 1,\n  \"evidence\": {\n";
    Files.writeString(path, broken);

    assertThatThrownBy(() -> new RankingStateFile(dir).read())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(RankingStateFile.NAME)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("expected '}' to close the object that starts at line 3, column 15")
        .hasMessageNotContaining("REDACTED")
        .satisfies(e -> assertThat(((ConfigFileException) e).line()).isPresent());
    assertThat(Files.readString(path, StandardCharsets.UTF_8)).isEqualTo(broken);
  }

  @Test
  void reportsTooDeepNestingAndOverlongNumbersWithTheirPosition() throws Exception {
    Path path = dir.resolve(RankingStateFile.NAME);
    Files.writeString(
        path, "{\n  \"schema_version\": 1,\n  \"x\": " + "[".repeat(1500) + "]".repeat(1500) + "}");

    assertThatThrownBy(() -> new RankingStateFile(dir).read())
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(3);
              assertThat(e.column()).hasValue(8 + 999); // the 1000th '[' is level 1001
              assertThat(e.getMessage())
                  .contains("nesting depth")
                  .doesNotContain("StreamReadConstraints");
            });

    Files.writeString(path, "{\n  \"schema_version\": 1,\n  \"x\": -" + "1".repeat(1500) + "}");

    assertThatThrownBy(() -> new RankingStateFile(dir).read())
        .isInstanceOfSatisfying(
            ConfigFileException.class,
            e -> {
              assertThat(e.line()).hasValue(3);
              assertThat(e.column()).hasValue(8);
              assertThat(e.getMessage()).contains("Number value length");
            });
  }

  @Test
  void refusesAFileOfANewerSchemaVersion() throws Exception {
    Files.writeString(dir.resolve(RankingStateFile.NAME), "{\"schema_version\": 2}");

    assertThatThrownBy(() -> new RankingStateFile(dir).read())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("schema_version is 2");
  }

  @Test
  void namesTheFieldOfAWrongValue() throws Exception {
    Files.writeString(
        dir.resolve(RankingStateFile.NAME),
        "{\"schema_version\": 1, \"unavailable_models\": {\"x:1b\": {\"missing_since\": \"yesterday\"}}}");

    assertThatThrownBy(() -> new RankingStateFile(dir).read())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("unavailable_models.x:1b.missing_since")
        .hasMessageContaining("'yesterday'");
  }
}
