package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.ranking.RankingState;
import io.taskoptimizer.core.internal.ranking.RankingStateFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking updater's writes: an update killed between its writes is completed by the next one
 * without counting evidence twice; a dry run writes nothing; the state file keeps what it does not
 * know, is size-capped and range-checked; hostile model names are not ranked.
 */
class RankingUpdaterSafetyTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;
  private static final String RANKINGS = """
      {
        "self_assessment": [
          {"model": "fast:1b", "quality_score": 0.8, "speed_score": 0.9},
          {"model": "good:7b", "quality_score": 0.85, "speed_score": 0.4}
        ]
      }
      """;

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();
  private final java.util.List<TaskOptimizer> opened = new java.util.ArrayList<>();

  /** A simulated kill: the updater stops at the seam and leaves its files as they are. */
  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(TaskOptimizer::close);
  }

  private TaskOptimizer open(Path config, String... served) {
    FakeProvider provider = new FakeProvider("fake", served.length == 0 ? new String[] {"fast:1b", "good:7b"} : served);
    TaskOptimizer o = TestConfig.builder(config, scheduler).provider(provider)
        .feedbackFlushInterval(Duration.ZERO).build();
    opened.add(o);
    return o;
  }

  private Path configWithFeedback(String name) throws IOException {
    Path config = Files.createDirectories(dir.resolve(name));
    Files.writeString(config.resolve(TestConfig.RANKINGS), RANKINGS);
    TaskOptimizer o = open(config);
    for (int i = 0; i < 20; i++) {
      o.recordFeedback(SA, "good:7b", Duration.ofSeconds(1), true, 0.95);
      o.recordFeedback(SA, "fast:1b", Duration.ofSeconds(1), true, 0.5);
    }
    o.flush();
    return config;
  }

  private static RankingState.Evidence evidence(Path config, String model) {
    return new RankingStateFile(config).read().evidence(SA.id(), model).orElseThrow();
  }

  @Test
  void anUpdateKilledBeforeItWroteTheRankingsIsCompletedWithoutCountingEvidenceTwice() throws IOException {
    Path reference = configWithFeedback("reference");
    RankingUpdater.builder(open(reference)).build().update();
    Path crashed = configWithFeedback("crashed");
    byte[] rankingsBefore = Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS));

    assertThatThrownBy(() -> RankingUpdater.builder(open(crashed)).build().afterJournal(() -> {
      throw new Killed();
    }).update()).isInstanceOf(Killed.class);
    assertThat(Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS))).isEqualTo(rankingsBefore);
    assertThat(new RankingStateFile(crashed).pending()).isPresent();
    RankingUpdate next = RankingUpdater.builder(open(crashed)).build().update();

    assertThat(Files.readString(crashed.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(reference.resolve(TestConfig.RANKINGS)));
    assertThat(evidence(crashed, "good:7b")).isEqualTo(evidence(reference, "good:7b"));
    assertThat(new RankingStateFile(crashed).pending()).isEmpty();
    assertThat(next.changes()).isEmpty();
    assertThat(Files.readString(crashed.resolve(RankingStateFile.NAME))).doesNotContain("pending_update");
  }

  @Test
  void anUpdateKilledAfterItWroteTheRankingsIsFinishedWithoutRewritingThem() throws IOException {
    Path reference = configWithFeedback("reference");
    RankingUpdater.builder(open(reference)).build().update();
    Path crashed = configWithFeedback("crashed");
    String hashBefore = RankingStateFile.sha256(crashed.resolve(TestConfig.RANKINGS));
    RankingUpdater.builder(open(crashed)).build().update();
    // as if killed before the last write: the state still has the journal of the written update
    RankingStateFile state = new RankingStateFile(crashed);
    TaskOptimizer o = open(crashed);
    state.write(state.read(), Optional.of(new RankingStateFile.Pending(hashBefore, o.rankings())));
    byte[] written = Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS));

    RankingUpdate next = RankingUpdater.builder(o).build().update();

    assertThat(next.changes()).isEmpty();
    assertThat(Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS))).isEqualTo(written);
    assertThat(evidence(crashed, "good:7b")).isEqualTo(evidence(reference, "good:7b"));
    assertThat(state.pending()).isEmpty();
  }

  @Test
  void aDryRunWritesNothingNotEvenALockFile() throws IOException {
    Path config = configWithFeedback("config");
    List<String> before = names(config);

    RankingUpdate preview = RankingUpdater.builder(open(config)).build().preview();

    assertThat(preview.hasChanges()).isTrue();
    assertThat(names(config)).isEqualTo(before);
  }

  @Test
  void fieldsTheUpdaterDoesNotKnowAreKeptAndItsStaleTemporariesRemoved() throws IOException {
    Path config = configWithFeedback("config");
    RankingUpdater.builder(open(config)).build().update();
    Path file = config.resolve(RankingStateFile.NAME);
    String withExtras = Files.readString(file)
        .replaceFirst("\\{", "{\n  \"x_owner\": \"ops team\",")
        .replaceFirst("\"prior_quality\"", "\"x_note\": \"checked by hand\", \"prior_quality\"");
    Files.writeString(file, withExtras);
    Path stale = Files.writeString(config.resolve("." + RankingStateFile.NAME + ".k2j4.tmp"), "{");
    TaskOptimizer o = open(config);
    o.recordFeedback(SA, "good:7b", Duration.ofSeconds(1), true, 0.2);
    o.flush();

    RankingUpdate update = RankingUpdater.builder(o).build().update();

    assertThat(update.written()).isTrue();
    assertThat(Files.readString(file)).contains("\"x_owner\" : \"ops team\"").contains("\"x_note\" : \"checked by hand\"");
    assertThat(stale).doesNotExist();
  }

  @Test
  void aHugeStateFileIsRefusedUnread() throws IOException {
    Path config = configWithFeedback("config");
    try (RandomAccessFile f = new RandomAccessFile(config.resolve(RankingStateFile.NAME).toFile(), "rw")) {
      f.setLength(17L * 1024 * 1024);
    }

    assertThatThrownBy(() -> RankingUpdater.builder(open(config)).build().update())
        .isInstanceOf(ConfigFileException.class).hasMessageContaining(RankingStateFile.NAME)
        .hasMessageContaining("more than the 16777216");
  }

  @Test
  void aCountBeyondItsRangeIsAConfigError() throws IOException {
    Path config = configWithFeedback("config");
    RankingUpdater.builder(open(config)).build().update();
    Path file = config.resolve(RankingStateFile.NAME);
    Files.writeString(file, Files.readString(file).replaceFirst("\"executions\" : 20", "\"executions\" : 9223372036854775807"));

    assertThatThrownBy(() -> new RankingStateFile(config).read())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("executions must be a whole number from 0 to 9007199254740991");
  }

  @Test
  void aServedModelWhoseNameHasControlCharactersIsNotRanked() throws IOException {
    Path config = configWithFeedback("config");
    TaskOptimizer o = open(config, "fast:1b", "good:7b", "evil\u001b]0;pwned\u0007:latest", "fresh:4b");

    RankingUpdate update = RankingUpdater.builder(o).build().update();

    assertThat(update.newModels()).containsExactly("fresh:4b");
    assertThat(o.rankings(SA)).noneMatch(m -> m.model().contains("evil"));
    assertThat(update.notes()).anyMatch(n -> n.contains("evil\\u001b]0;pwned\\u0007:latest") && n.contains("not ranked"));
  }

  private static List<String> names(Path config) throws IOException {
    try (Stream<Path> files = Files.list(config)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
