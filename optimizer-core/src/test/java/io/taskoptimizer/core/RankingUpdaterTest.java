package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.ranking.RankingStateFile;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import io.taskoptimizer.testserver.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingUpdaterTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;
  private static final TaskType SD = TaskType.SKILL_DECOMPOSITION;
  private static final Instant T0 = Instant.parse("2025-06-01T03:00:00Z");

  private static final String RANKINGS =
      """
      {
        "self_assessment": [
          {"model": "fast:1b", "quality_score": 0.8, "speed_score": 0.9},
          {"model": "good:7b", "quality_score": 0.85, "speed_score": 0.4},
          {"model": "gone:3b", "quality_score": 0.7, "speed_score": 0.7}
        ],
        "skill_decomposition": [
          {"model": "good:7b", "quality_score": 0.9, "speed_score": 0.4},
          {"model": "fast:1b", "quality_score": 0.8, "speed_score": 0.9}
        ]
      }
      """;

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler();
  private final StubProvider provider = new StubProvider("stub", "fast:1b", "good:7b");
  private TaskOptimizer optimizer;

  private TaskOptimizer optimizer() throws Exception {
    Files.writeString(dir.resolve("model_rankings.json"), RANKINGS);
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(provider)
            .autoDetectAssessors(false)
            .clock(clock)
            .scheduler(scheduler)
            .feedbackFlushInterval(Duration.ZERO)
            .build();
    return optimizer;
  }

  @AfterEach
  void close() {
    if (optimizer != null) {
      try {
        optimizer.close();
      } catch (RuntimeException ignored) {
        // a test may have broken a file on purpose
      }
    }
  }

  private static RankedModel entry(TaskOptimizer o, TaskType task, String model) {
    return o.rankings(task).stream().filter(m -> m.model().equals(model)).findFirst().orElseThrow();
  }

  private void record(String model, TaskType task, int runs, double seconds, double quality) {
    for (int i = 0; i < runs; i++) {
      optimizer.recordFeedback(
          task, model, Duration.ofMillis((long) (seconds * 1000)), true, quality);
    }
  }

  @Test
  void writesScoresLearnedFromFeedbackAndChangesNothingOnASecondRun() throws Exception {
    optimizer();
    record("good:7b", SA, 20, 1.0, 0.95);
    record("fast:1b", SA, 20, 1.0, 0.5);
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();

    RankingUpdate first = updater.update();
    byte[] afterFirst = Files.readAllBytes(dir.resolve("model_rankings.json"));
    RankingUpdate second = updater.update();

    assertThat(first.written()).isTrue();
    // the learned posterior: a weak prior (1.5 pseudo-observations of 0.85) and 20 ratings of
    // 0.95, so nearer the evidence than the old shrinkage with k = 5 (0.93)
    assertThat(entry(optimizer, SA, "good:7b").quality()).isBetween(0.935, 0.95);
    // both ran at the same warm latency: one speed scale gives them the same speed
    assertThat(entry(optimizer, SA, "good:7b").speed())
        .isCloseTo(
            entry(optimizer, SA, "fast:1b").speed(), org.assertj.core.api.Assertions.within(0.05));
    // fast:1b is no faster than good:7b on the one speed scale and rated 0.5: below gone:3b
    assertThat(optimizer.rankings(SA))
        .extracting(RankedModel::model)
        .containsExactly("good:7b", "gone:3b", "fast:1b");
    // ranks are in the effective order (by weighted score 0.6/0.4) before and after: the file put
    // fast:1b (0.84) before gone:3b (0.70) and good:7b (0.67)
    assertThat(first.summary())
        .contains(
            "self_assessment:", "good:7b", "#3 -> #1", "up 2", "fast:1b", "#1 -> #3", "down 2");
    assertThat(second.written()).isFalse();
    assertThat(second.changes()).isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("model_rankings.json"))).isEqualTo(afterFirst);
    assertThat(dir.resolve(RankingStateFile.NAME)).exists();
  }

  @Test
  void keepsTheOriginalFileFormat() throws Exception {
    optimizer();
    record("good:7b", SA, 3, 1.0, 0.95);

    RankingUpdater.builder(optimizer).build().update();

    String file = Files.readString(dir.resolve("model_rankings.json"), StandardCharsets.UTF_8);
    assertThat(file)
        .contains("\"quality_score\"", "\"speed_score\"", "\"skill_decomposition\"")
        .doesNotContain("needs_benchmark", "unavailable");
  }

  @Test
  void previewComputesTheSameDiffWithoutWriting() throws Exception {
    optimizer();
    record("good:7b", SA, 20, 1.0, 0.95);
    byte[] before = Files.readAllBytes(dir.resolve("model_rankings.json"));
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();

    RankingUpdate preview = updater.preview();

    assertThat(preview.written()).isFalse();
    assertThat(preview.changes()).isNotEmpty();
    assertThat(Files.readAllBytes(dir.resolve("model_rankings.json"))).isEqualTo(before);
    assertThat(dir.resolve(RankingStateFile.NAME)).doesNotExist();
    assertThat(updater.update().changes()).isEqualTo(preview.changes());
  }

  @Test
  void addsNewlyServedModelsFlagsThemAndKeepsMissingOnesRanked() throws Exception {
    provider.serve("fast:1b", "good:7b", "fresh:4b");
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();

    RankingUpdate update = updater.update();

    assertThat(update.newModels()).containsExactly("fresh:4b");
    assertThat(update.unavailableModels()).containsExactly("gone:3b");
    assertThat(optimizer.rankings(SA))
        .extracting(RankedModel::model)
        .contains("gone:3b", "fresh:4b");
    assertThat(entry(optimizer, SD, "fresh:4b")).isEqualTo(new RankedModel("fresh:4b", 0.5, 0.5));
    assertThat(updater.modelsNeedingBenchmark()).containsExactly("fresh:4b");
    assertThat(update.summary())
        .contains(
            "New models (added with a neutral prior): fresh:4b",
            "Unavailable (kept in the rankings): gone:3b");
  }

  @Test
  void clearsTheBenchmarkFlagOnceTheNewModelWasRatedOnEveryTask() throws Exception {
    provider.serve("fast:1b", "good:7b", "fresh:4b");
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();
    updater.update();

    record("fresh:4b", SA, 2, 0.5, 0.9);
    record("fresh:4b", SD, 2, 0.5, 0.9);
    RankingUpdate update = updater.update();

    assertThat(update.modelsNeedingBenchmark()).isEmpty();
    assertThat(updater.modelsNeedingBenchmark()).isEmpty();
    assertThat(entry(optimizer, SA, "fresh:4b").quality()).isGreaterThan(0.5);
  }

  @Test
  void refusesABrokenStateFileAndLeavesItUntouched() throws Exception {
    optimizer();
    Files.writeString(dir.resolve(RankingStateFile.NAME), "{ not json");
    byte[] rankingsBefore = Files.readAllBytes(dir.resolve("model_rankings.json"));

    assertThatThrownBy(() -> RankingUpdater.builder(optimizer).build().update())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(RankingStateFile.NAME);
    assertThat(Files.readString(dir.resolve(RankingStateFile.NAME))).isEqualTo("{ not json");
    assertThat(Files.readAllBytes(dir.resolve("model_rankings.json"))).isEqualTo(rankingsBefore);
  }

  @Test
  void schedulesTheFirstRunOneIntervalAfterTheLastUpdate() throws Exception {
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();
    updater.update();
    clock.set(T0.plus(Duration.ofHours(1)));

    ManualScheduler.Task task =
        (ManualScheduler.Task) updater.schedule(scheduler, Duration.ofHours(24));

    assertThat(Duration.ofNanos(task.initialDelayNanos)).isEqualTo(Duration.ofHours(23));
    assertThat(Duration.ofNanos(task.periodNanos)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void schedulesTheFirstRunAtOnceWhenNoUpdateRanOrOneIsOverdue() throws Exception {
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();

    ManualScheduler.Task never =
        (ManualScheduler.Task) updater.schedule(scheduler, Duration.ofHours(24));
    updater.update();
    clock.set(T0.plus(Duration.ofDays(3)));
    ManualScheduler.Task overdue =
        (ManualScheduler.Task) updater.schedule(scheduler, Duration.ofHours(24));

    assertThat(Duration.ofNanos(never.initialDelayNanos)).isZero();
    assertThat(Duration.ofNanos(overdue.initialDelayNanos)).isZero();
  }

  @Test
  void scheduledRunsUpdateAndSurviveFailures() throws Exception {
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();
    ManualScheduler.Task task =
        (ManualScheduler.Task) updater.schedule(scheduler, Duration.ofHours(6));
    record("good:7b", SA, 20, 1.0, 0.95);
    record("fast:1b", SA, 20, 1.0, 0.3);

    task.action.run();
    assertThat(updater.lastUpdate()).contains(T0);
    assertThat(optimizer.rankings(SA).get(0).model()).isEqualTo("good:7b");

    Files.writeString(dir.resolve("model_rankings.json"), "{ broken");
    clock.set(T0.plus(Duration.ofHours(6)));
    task.action.run(); // logged, not thrown: the next interval tries again

    Files.writeString(dir.resolve("model_rankings.json"), RANKINGS);
    clock.set(T0.plus(Duration.ofHours(12)));
    task.action.run();
    assertThat(updater.lastUpdate()).contains(T0.plus(Duration.ofHours(12)));
  }

  @Test
  void scheduledRunsEndOnceTheOptimizerIsClosed() throws Exception {
    optimizer();
    RankingUpdater updater = RankingUpdater.builder(optimizer).build();
    ManualScheduler.Task task =
        (ManualScheduler.Task) updater.schedule(scheduler, Duration.ofHours(6));
    optimizer.close();

    // a periodic task that throws is not run again by a ScheduledExecutorService
    assertThatThrownBy(task.action::run).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void validatesItsSettingsAtOnce() throws Exception {
    optimizer();
    RankingUpdater.Builder b = RankingUpdater.builder(optimizer);

    assertThatThrownBy(() -> b.priorWeight(0))
        .hasMessageContaining("priorWeight")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> b.priorWeight(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.failurePenalty(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> b.neutralPrior(0.5, -1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> b.build().schedule(scheduler, Duration.ofMillis(10)))
        .hasMessageContaining("at least 1 second");
  }

  /** A provider that serves a settable list of models and answers with a fixed text. */
  static final class StubProvider implements ModelProvider {
    private final String id;
    private volatile List<String> models;

    StubProvider(String id, String... models) {
      this.id = id;
      this.models = List.of(models);
    }

    StubProvider serve(String... names) {
      this.models = List.of(names);
      return this;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return models.stream().map(m -> ModelDescriptor.of(m, id)).toList();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      return GenerationResult.builder("ok", request.model().orElseThrow())
          .doneReason("stop")
          .build();
    }
  }
}
