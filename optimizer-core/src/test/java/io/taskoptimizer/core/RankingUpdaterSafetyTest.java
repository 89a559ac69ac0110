package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.learning.Learner;
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
  private static final String RANKINGS =
      """
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
    FakeProvider provider =
        new FakeProvider("fake", served.length == 0 ? new String[] {"fast:1b", "good:7b"} : served);
    TaskOptimizer o =
        TestConfig.builder(config, scheduler)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .build();
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

  /**
   * The learner's persisted state: what the evidence and the priors are, as the next process reads
   * them.
   */
  private static String learnerState(Path config) throws IOException {
    return Files.readString(config.resolve(Learner.fileName()));
  }

  /** A later process (a fresh optimizer) updates again: it must change nothing. */
  private void assertAFreshProcessChangesNothing(Path config) throws IOException {
    byte[] rankings = Files.readAllBytes(config.resolve(TestConfig.RANKINGS));
    String learned = learnerState(config);

    RankingUpdate again = RankingUpdater.builder(open(config)).build().update();

    assertThat(again.changes()).isEmpty();
    assertThat(again.written()).isFalse();
    assertThat(Files.readAllBytes(config.resolve(TestConfig.RANKINGS))).isEqualTo(rankings);
    assertThat(learnerState(config)).isEqualTo(learned);
  }

  @Test
  void anUpdateKilledBeforeItWroteTheRankingsIsCompletedWithoutCountingEvidenceTwice()
      throws IOException {
    Path reference = configWithFeedback("reference");
    RankingUpdater.builder(open(reference)).build().update();
    Path crashed = configWithFeedback("crashed");
    byte[] rankingsBefore = Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS));

    assertThatThrownBy(
            () ->
                RankingUpdater.builder(open(crashed))
                    .build()
                    .afterJournal(
                        () -> {
                          throw new Killed();
                        })
                    .update())
        .isInstanceOf(Killed.class);
    assertThat(Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS))).isEqualTo(rankingsBefore);
    assertThat(new RankingStateFile(crashed).pending()).isPresent();
    RankingUpdate next = RankingUpdater.builder(open(crashed)).build().update();

    assertThat(Files.readString(crashed.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(reference.resolve(TestConfig.RANKINGS)));
    assertThat(learnerState(crashed)).isEqualTo(learnerState(reference));
    assertThat(open(crashed).estimatesFor(SA)).isEqualTo(open(reference).estimatesFor(SA));
    assertThat(new RankingStateFile(crashed).pending()).isEmpty();
    assertThat(next.changes()).isEmpty();
    assertThat(Files.readString(crashed.resolve(RankingStateFile.NAME)))
        .doesNotContain("pending_update");
    assertAFreshProcessChangesNothing(crashed);
    assertAFreshProcessChangesNothing(reference);
  }

  @Test
  void anUpdateKilledAfterItPersistedTheLearnersRecordButBeforeTheRankingsIsCompletedTheSameWay()
      throws IOException {
    Path reference = configWithFeedback("reference");
    RankingUpdater.builder(open(reference)).build().update();
    Path crashed = configWithFeedback("crashed");
    byte[] rankingsBefore = Files.readAllBytes(crashed.resolve(TestConfig.RANKINGS));
    String hashBefore = RankingStateFile.sha256(crashed.resolve(TestConfig.RANKINGS));
    TaskOptimizer killed = open(crashed);
    RankingUpdater.builder(killed).build().update();
    // as if killed after the learner's flush: the journal is still there, the rankings are the old
    // ones
    RankingStateFile state = new RankingStateFile(crashed);
    state.write(
        state.read(), Optional.of(new RankingStateFile.Pending(hashBefore, killed.rankings())));
    Files.write(crashed.resolve(TestConfig.RANKINGS), rankingsBefore);

    RankingUpdate next = RankingUpdater.builder(open(crashed)).build().update();

    assertThat(next.changes()).isEmpty();
    assertThat(Files.readString(crashed.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(reference.resolve(TestConfig.RANKINGS)));
    assertThat(learnerState(crashed)).isEqualTo(learnerState(reference));
    assertThat(state.pending()).isEmpty();
    assertAFreshProcessChangesNothing(crashed);
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
    assertThat(Files.readString(crashed.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(reference.resolve(TestConfig.RANKINGS)));
    assertThat(learnerState(crashed)).isEqualTo(learnerState(reference));
    assertThat(state.pending()).isEmpty();
    assertAFreshProcessChangesNothing(crashed);
  }

  @Test
  void aProcessThatWasRunningWhileAnotherUpdatedDoesNotTakeTheWrittenScoresForAHandEdit()
      throws IOException {
    Path running = configWithFeedback("running");
    Path started = configWithFeedback("started");
    // "running": a long-lived process has its estimates before a cron job updates the rankings
    TaskOptimizer longLived = open(running);
    longLived.estimatesFor(SA);
    RankingUpdater.builder(open(running)).build().update();
    longLived.reloadRankings();
    // "started": the same process starts only after the update
    RankingUpdater.builder(open(started)).build().update();
    TaskOptimizer late = open(started);
    late.estimatesFor(SA);

    assertThat(longLived.estimatesFor(SA)).isEqualTo(late.estimatesFor(SA));
    for (TaskOptimizer o : List.of(longLived, late)) {
      o.recordFeedback(SA, "fast:1b", Duration.ofSeconds(1), true, 0.6);
      o.flush();
    }
    RankingUpdater.builder(open(running)).build().update();
    RankingUpdater.builder(open(started)).build().update();

    assertThat(Files.readString(running.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(started.resolve(TestConfig.RANKINGS)));
    assertThat(learnerState(running)).isEqualTo(learnerState(started));
    assertAFreshProcessChangesNothing(running);
  }

  @Test
  void aProcessThatFlushesBeforeReloadingDoesNotOverwriteWhatAnotherProcessesUpdaterWrote()
      throws IOException {
    Path stale = configWithFeedback("stale");
    Path fresh = configWithFeedback("fresh");
    // "stale": a long-lived process updated once, then a cron job records more and updates again,
    // then the long-lived process records and flushes before it has re-read the rankings
    TaskOptimizer longLived = open(stale);
    RankingUpdater.builder(longLived).build().update();
    RankingUpdater.builder(open(fresh)).build().update();
    for (Path config : List.of(stale, fresh)) {
      TaskOptimizer cron = open(config);
      cron.recordFeedback(SA, "good:7b", Duration.ofSeconds(3), true, 0.4);
      cron.flush();
      RankingUpdater.builder(cron).build().update();
    }
    longLived.recordFeedback(SA, "fast:1b", Duration.ofSeconds(1), true, 0.6);
    longLived.flush();
    // "fresh": the same feedback from a process started now
    TaskOptimizer late = open(fresh);
    late.recordFeedback(SA, "fast:1b", Duration.ofSeconds(1), true, 0.6);
    late.flush();

    RankingUpdater.builder(open(stale)).build().update();
    RankingUpdater.builder(open(fresh)).build().update();

    assertThat(Files.readString(stale.resolve(TestConfig.RANKINGS)))
        .isEqualTo(Files.readString(fresh.resolve(TestConfig.RANKINGS)));
    assertThat(learnerState(stale)).isEqualTo(learnerState(fresh));
    assertAFreshProcessChangesNothing(stale);
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
    // serving an unranked model gives the state file a discovered_models entry
    RankingUpdater.builder(open(config, "fast:1b", "good:7b", "fresh:4b")).build().update();
    Path file = config.resolve(RankingStateFile.NAME);
    String before = Files.readString(file);
    assertThat(before).contains("\"fresh:4b\"");
    String withExtras =
        before
            .replaceFirst("\\{", "{\n  \"x_owner\": \"ops team\",")
            .replaceFirst("\"first_seen\"", "\"x_note\": \"checked by hand\", \"first_seen\"");
    assertThat(withExtras).contains("x_note");
    Files.writeString(file, withExtras);
    Path stale = Files.writeString(config.resolve("." + RankingStateFile.NAME + ".k2j4.tmp"), "{");
    TaskOptimizer o = open(config, "fast:1b", "good:7b", "fresh:4b");
    o.recordFeedback(SA, "good:7b", Duration.ofSeconds(1), true, 0.2);
    o.flush();

    RankingUpdate update = RankingUpdater.builder(o).build().update();

    assertThat(update.written()).isTrue();
    assertThat(Files.readString(file))
        .contains("\"x_owner\" : \"ops team\"")
        .containsPattern("\"fresh:4b\" : \\{[^}]*\"x_note\" : \"checked by hand\"");
    assertThat(stale).doesNotExist();
  }

  @Test
  void aHugeStateFileIsRefusedUnread() throws IOException {
    Path config = configWithFeedback("config");
    try (RandomAccessFile f =
        new RandomAccessFile(config.resolve(RankingStateFile.NAME).toFile(), "rw")) {
      f.setLength(17L * 1024 * 1024);
    }

    assertThatThrownBy(() -> RankingUpdater.builder(open(config)).build().update())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(RankingStateFile.NAME)
        .hasMessageContaining("more than the 16777216");
  }

  @Test
  void aCountBeyondItsRangeIsAConfigError() throws IOException {
    Path config = Files.createDirectories(dir.resolve("config"));
    String entry =
        """
        {"schema_version": 1, "evidence": {"self_assessment": {"good:7b": {
          "prior_quality": 0.85, "prior_speed": 0.4, "written_quality": 0.9, "written_speed": 0.5,
          "executions": %s, "failures": 0, "total_time": 20.0, "ratings": 20, "ratings_sum": 19.0}}}}
        """;
    Path file = config.resolve(RankingStateFile.NAME);
    Files.writeString(file, entry.formatted("20"));
    assertThat(new RankingStateFile(config).read().evidence(SA.id(), "good:7b")).isPresent();

    Files.writeString(file, entry.formatted("9223372036854775807"));

    assertThatThrownBy(() -> new RankingStateFile(config).read())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("executions must be a whole number from 0 to 9007199254740991");
  }

  @Test
  void aServedModelWhoseNameHasControlCharactersIsNotRanked() throws IOException {
    Path config = configWithFeedback("config");
    TaskOptimizer o =
        open(config, "fast:1b", "good:7b", "evil\u001b]0;pwned\u0007:latest", "fresh:4b");

    RankingUpdate update = RankingUpdater.builder(o).build().update();

    assertThat(update.newModels()).containsExactly("fresh:4b");
    assertThat(o.rankings(SA)).noneMatch(m -> m.model().contains("evil"));
    assertThat(update.notes())
        .anyMatch(n -> n.contains("evil\\u001b]0;pwned\\u0007:latest") && n.contains("not ranked"));
  }

  private static List<String> names(Path config) throws IOException {
    try (Stream<Path> files = Files.list(config)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
