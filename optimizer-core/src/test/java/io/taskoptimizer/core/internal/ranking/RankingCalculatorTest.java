package io.taskoptimizer.core.internal.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.RankingChange;
import io.taskoptimizer.spi.StoredFeedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingCalculatorTest {

  private static final TaskType SA = TaskType.SELF_ASSESSMENT;
  private static final TaskType SD = TaskType.SKILL_DECOMPOSITION;
  private static final Instant T0 = Instant.parse("2025-06-01T03:00:00Z");
  private static final Instant T1 = Instant.parse("2025-06-02T03:00:00Z");
  private static final RankingCalculator.Params DEFAULTS =
      new RankingCalculator.Params(5, 1, 0.5, 0.5);

  private static StoredFeedback fb(
      long executions, long failures, double avgSeconds, Double... ratings) {
    return new StoredFeedback(
        executions,
        executions - failures,
        failures,
        avgSeconds * executions,
        avgSeconds,
        List.of(ratings));
  }

  private static List<Double> repeat(double v, int n) {
    return new ArrayList<>(Collections.nCopies(n, v));
  }

  private static RankingCalculator.Input input(
      Map<TaskType, List<RankedModel>> rankings,
      Map<TaskType, Map<String, StoredFeedback>> feedback,
      List<ModelDescriptor> available,
      boolean known,
      RankingState state,
      Instant now) {
    return new RankingCalculator.Input(
        rankings, feedback, TaskType::defaultWeights, known, available, state, now);
  }

  private static RankingCalculator.Output run(
      Map<TaskType, List<RankedModel>> rankings,
      Map<TaskType, Map<String, StoredFeedback>> feedback) {
    return RankingCalculator.compute(
        input(rankings, feedback, List.of(), false, RankingState.empty(), T0), DEFAULTS);
  }

  private static RankedModel entry(RankingCalculator.Output out, TaskType task, String model) {
    return out.rankings().get(task).stream()
        .filter(m -> m.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shrinksTheMeanRatingTowardThePriorWhenThereAreFewRatings() {
    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85))),
            Map.of(SA, Map.of("gemma3:1b", fb(1, 0, 1.5, 0.4))));

    // (1 * 0.4 + 5 * 0.9) / (1 + 5); speed: the only model is the fastest, (1 * 1.0 + 5 * 0.85) / 6
    assertThat(entry(out, SA, "gemma3:1b").quality()).isEqualTo(RankingCalculator.round(4.9 / 6));
    assertThat(entry(out, SA, "gemma3:1b").speed()).isEqualTo(RankingCalculator.round(5.25 / 6));
  }

  @Test
  void approachesTheMeanRatingWhenThereAreMany() {
    StoredFeedback many = new StoredFeedback(100, 100, 0, 150, 1.5, repeat(0.6, 100));

    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85))),
            Map.of(SA, Map.of("gemma3:1b", many)));

    assertThat(entry(out, SA, "gemma3:1b").quality()).isCloseTo(0.6, within(0.02));
  }

  @Test
  void computesSpeedRelativeToTheFastestModelOfTheTask() {
    // the seed feedback's self_assessment averages: llama 3.25 s, gemma 1.5 s, phi3 6.3 s
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(
            SA,
            List.of(
                new RankedModel("gemma3:1b", 0.9, 0.85),
                new RankedModel("llama3.2:latest", 0.9, 0.7),
                new RankedModel("phi3:3.8b", 0.9, 0.5)));
    Map<TaskType, Map<String, StoredFeedback>> feedback =
        Map.of(
            SA,
            Map.of(
                "llama3.2:latest",
                fb(6, 0, 3.25),
                "gemma3:1b",
                fb(5, 0, 1.5),
                "phi3:3.8b",
                fb(4, 0, 6.3)));

    RankingCalculator.Output out = run(rankings, feedback);

    assertThat(entry(out, SA, "gemma3:1b").speed())
        .isEqualTo(RankingCalculator.round((5 * 1.0 + 5 * 0.85) / 10));
    assertThat(entry(out, SA, "llama3.2:latest").speed())
        .isEqualTo(RankingCalculator.round((6 * (1.5 / 3.25) + 5 * 0.7) / 11));
    assertThat(entry(out, SA, "phi3:3.8b").speed())
        .isEqualTo(RankingCalculator.round((4 * (1.5 / 6.3) + 5 * 0.5) / 9));
    // no ratings: quality untouched
    assertThat(entry(out, SA, "phi3:3.8b").quality()).isEqualTo(0.9);
  }

  @Test
  void lowersQualityByTheShrunkFailureRate() {
    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("flaky:1b", 0.8, 0.5))),
            Map.of(SA, Map.of("flaky:1b", fb(10, 5, 2.0))));

    assertThat(entry(out, SA, "flaky:1b").quality())
        .isEqualTo(RankingCalculator.round(0.8 * (1 - 5.0 / 15)));
    assertThat(out.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("5 of 10 run(s) failed"));
  }

  @Test
  void leavesModelsWithoutFeedbackExactlyAsTheyAre() {
    List<RankedModel> ranking =
        List.of(
            new RankedModel("a:1b", 0.8999999999999999, 0.85), new RankedModel("b:1b", 0.7, 0.3));

    RankingCalculator.Output out = run(Map.of(SA, ranking), Map.of());

    assertThat(out.rankings()).isEmpty();
    assertThat(out.changes()).isEmpty();
    assertThat(out.state().evidence().getOrDefault("self_assessment", Map.of())).isEmpty();
  }

  @Test
  void changesNothingWhenRunTwiceOnTheSameData() {
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(
            SA,
            List.of(
                new RankedModel("gemma3:1b", 0.9, 0.85),
                new RankedModel("llama3.2:latest", 0.9, 0.7)));
    Map<TaskType, Map<String, StoredFeedback>> feedback =
        Map.of(
            SA,
            Map.of("gemma3:1b", fb(5, 0, 1.5, 0.7, 0.8), "llama3.2:latest", fb(6, 1, 3.25, 0.95)));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(rankings, feedback, List.of(), false, RankingState.empty(), T0), DEFAULTS);
    assertThat(first.changes()).isNotEmpty();

    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(first.rankings(), feedback, List.of(), false, first.state(), T1), DEFAULTS);

    assertThat(second.changes()).isEmpty();
    assertThat(second.rankings()).isEmpty();
    assertThat(second.state().evidence()).isEqualTo(first.state().evidence());
  }

  @Test
  void shrinksNewEvidenceTowardTheOriginalPriorNotTowardTheLastScore() {
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(
                rankings,
                Map.of(SA, Map.of("gemma3:1b", fb(2, 0, 1.5, 0.5, 0.5))),
                List.of(),
                false,
                RankingState.empty(),
                T0),
            DEFAULTS);

    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(
                first.rankings(),
                Map.of(SA, Map.of("gemma3:1b", fb(3, 0, 1.5, 0.5, 0.5, 0.5))),
                List.of(),
                false,
                first.state(),
                T1),
            DEFAULTS);

    // all three ratings against the original prior 0.9, not two of them counted twice
    assertThat(entry(second, SA, "gemma3:1b").quality())
        .isEqualTo(RankingCalculator.round((3 * 0.5 + 5 * 0.9) / 8));
    assertThat(second.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(RankingChange.Kind.RESCORED);
              assertThat(c.before())
                  .hasValueSatisfying(
                      b -> assertThat(b.quality()).isEqualTo(RankingCalculator.round(5.5 / 7)));
            });
  }

  @Test
  void takesAScoreEditedByHandAsTheNewPrior() {
    Map<String, StoredFeedback> feedback = Map.of("gemma3:1b", fb(2, 0, 1.5, 0.5, 0.5));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(
                Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85))),
                Map.of(SA, feedback),
                List.of(),
                false,
                RankingState.empty(),
                T0),
            DEFAULTS);
    RankedModel edited = new RankedModel("gemma3:1b", 0.3, entry(first, SA, "gemma3:1b").speed());

    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(
                Map.of(SA, List.of(edited)),
                Map.of(SA, feedback),
                List.of(),
                false,
                first.state(),
                T1),
            DEFAULTS);

    assertThat(entry(second, SA, "gemma3:1b").quality())
        .isEqualTo(RankingCalculator.round((2 * 0.5 + 5 * 0.3) / 7));
    assertThat(second.changes())
        .singleElement()
        .satisfies(
            c -> assertThat(c.reason()).contains("edited in the file since the last update"));
  }

  @Test
  void addsServedModelsNoRankingListsWithTheNeutralPriorAndFlagsThem() {
    Map<TaskType, List<RankedModel>> rankings = new LinkedHashMap<>();
    rankings.put(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    rankings.put(SD, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    List<ModelDescriptor> served =
        List.of(
            ModelDescriptor.of("gemma3:1b", "ollama"),
            ModelDescriptor.of("qwen3:8b", "ollama"),
            ModelDescriptor.builder("nomic-embed-text", "ollama")
                .capabilities(List.of("embedding"))
                .build());

    RankingCalculator.Output out =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, RankingState.empty(), T0), DEFAULTS);

    assertThat(out.newModels()).containsExactly("qwen3:8b");
    assertThat(out.needsBenchmark()).containsExactly("qwen3:8b");
    assertThat(out.rankings().get(SA))
        .containsExactly(
            new RankedModel("gemma3:1b", 0.9, 0.85), new RankedModel("qwen3:8b", 0.5, 0.5));
    assertThat(out.rankings().get(SD)).contains(new RankedModel("qwen3:8b", 0.5, 0.5));
    assertThat(out.changes())
        .extracting(RankingChange::kind)
        .containsOnly(RankingChange.Kind.ADDED);
    assertThat(out.state().discovered().get("qwen3:8b").needsBenchmark())
        .containsExactly("self_assessment", "skill_decomposition");
    assertThat(out.notes())
        .anySatisfy(
            n -> assertThat(n).startsWith("nomic-embed-text is not a text-generation model"));
  }

  @Test
  void clearsTheBenchmarkFlagOnceTheModelHasRatingsOnEveryTaskItWasAddedTo() {
    Map<TaskType, List<RankedModel>> rankings = new LinkedHashMap<>();
    rankings.put(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    rankings.put(SD, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    List<ModelDescriptor> served =
        List.of(
            ModelDescriptor.of("gemma3:1b", "ollama"), ModelDescriptor.of("qwen3:8b", "ollama"));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, RankingState.empty(), T0), DEFAULTS);
    Map<TaskType, List<RankedModel>> after = new LinkedHashMap<>(rankings);
    after.putAll(first.rankings());

    RankingCalculator.Output partly =
        RankingCalculator.compute(
            input(
                after,
                Map.of(SA, Map.of("qwen3:8b", fb(3, 0, 1.0, 0.9, 0.9, 0.9))),
                served,
                true,
                first.state(),
                T1),
            DEFAULTS);
    RankingCalculator.Output fully =
        RankingCalculator.compute(
            input(
                after,
                Map.of(
                    SA,
                    Map.of("qwen3:8b", fb(3, 0, 1.0, 0.9, 0.9, 0.9)),
                    SD,
                    Map.of("qwen3:8b", fb(1, 0, 1.0, 0.8))),
                served,
                true,
                partly.state(),
                T1),
            DEFAULTS);

    assertThat(partly.needsBenchmark()).containsExactly("qwen3:8b");
    assertThat(partly.state().discovered().get("qwen3:8b").needsBenchmark())
        .containsExactly("skill_decomposition");
    assertThat(fully.needsBenchmark()).isEmpty();
    assertThat(fully.notes()).anySatisfy(n -> assertThat(n).contains("benchmark flag cleared"));
  }

  @Test
  void doesNotAddAgainADiscoveredModelRemovedByHand() {
    List<ModelDescriptor> served =
        List.of(
            ModelDescriptor.of("gemma3:1b", "ollama"), ModelDescriptor.of("qwen3:8b", "ollama"));
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, RankingState.empty(), T0), DEFAULTS);

    // the user deleted qwen3:8b from the file again
    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, first.state(), T1), DEFAULTS);

    assertThat(second.newModels()).isEmpty();
    assertThat(second.rankings()).isEmpty();
    assertThat(second.notes())
        .anySatisfy(n -> assertThat(n).contains("removed from the rankings by hand"));
  }

  @Test
  void keepsModelsNoLongerServedAndReportsThemSinceTheyFirstWentMissing() {
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(
            SA,
            List.of(new RankedModel("gemma3:1b", 0.9, 0.85), new RankedModel("olmo2", 0.72, 0.1)));
    List<ModelDescriptor> served = List.of(ModelDescriptor.of("gemma3:1b", "ollama"));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, RankingState.empty(), T0), DEFAULTS);

    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(rankings, Map.of(), served, true, first.state(), T1), DEFAULTS);
    RankingCalculator.Output back =
        RankingCalculator.compute(
            input(
                rankings,
                Map.of(),
                List.of(
                    ModelDescriptor.of("gemma3:1b", "ollama"),
                    ModelDescriptor.of("olmo2:latest", "ollama")),
                true,
                second.state(),
                T1),
            DEFAULTS);

    assertThat(second.unavailable()).containsExactly("olmo2");
    assertThat(second.state().unavailable()).containsEntry("olmo2:latest", T0);
    assertThat(second.rankings()).isEmpty();
    assertThat(back.unavailable()).isEmpty();
    assertThat(back.notes()).contains("olmo2 is served again");
  }

  @Test
  void doesNotDetectNewOrMissingModelsWhenAvailabilityIsUnknown() {
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));

    RankingCalculator.Output out =
        RankingCalculator.compute(
            input(
                rankings,
                Map.of(),
                List.of(ModelDescriptor.of("qwen3:8b", "ollama")),
                false,
                RankingState.empty(),
                T0),
            DEFAULTS);

    assertThat(out.newModels()).isEmpty();
    assertThat(out.unavailable()).isEmpty();
  }

  @Test
  void sortsAChangedTaskByWeightedScoreAndReportsWhoMoved() {
    List<RankedModel> ranking =
        List.of(
            new RankedModel("a:1b", 0.9, 0.8),
            new RankedModel("b:1b", 0.8, 0.8),
            new RankedModel("c:1b", 0.7, 0.8));
    // c gets excellent ratings and overtakes both
    StoredFeedback c = new StoredFeedback(50, 50, 0, 50, 1.0, repeat(1.0, 50));

    RankingCalculator.Output out = run(Map.of(SA, ranking), Map.of(SA, Map.of("c:1b", c)));

    assertThat(out.rankings().get(SA))
        .extracting(RankedModel::model)
        .containsExactly("c:1b", "a:1b", "b:1b");
    assertThat(out.changes())
        .extracting(
            RankingChange::model,
            RankingChange::kind,
            RankingChange::rankBefore,
            RankingChange::rankAfter)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c:1b", RankingChange.Kind.RESCORED, 3, 1),
            org.assertj.core.groups.Tuple.tuple("a:1b", RankingChange.Kind.MOVED, 1, 2),
            org.assertj.core.groups.Tuple.tuple("b:1b", RankingChange.Kind.MOVED, 2, 3));
    assertThat(out.changes().get(0).placesUp()).isEqualTo(2);
  }

  @Test
  void ranksAgainstTheEffectiveOrderSoAnUnsortedFileMovesNobody() {
    // the file lists b before a, but a has the higher weighted score: a is effectively first
    List<RankedModel> ranking =
        List.of(
            new RankedModel("b:1b", 0.8, 0.8),
            new RankedModel("a:1b", 0.9, 0.8),
            new RankedModel("c:1b", 0.5, 0.8));
    // c is re-scored but stays last
    StoredFeedback c = new StoredFeedback(10, 10, 0, 10, 1.0, repeat(0.6, 10));

    RankingCalculator.Output out = run(Map.of(SA, ranking), Map.of(SA, Map.of("c:1b", c)));

    assertThat(out.rankings().get(SA))
        .extracting(RankedModel::model)
        .containsExactly("a:1b", "b:1b", "c:1b");
    assertThat(out.changes())
        .extracting(
            RankingChange::model,
            RankingChange::kind,
            RankingChange::rankBefore,
            RankingChange::rankAfter)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c:1b", RankingChange.Kind.RESCORED, 3, 3));
  }

  @Test
  void addsAForcedModelToATaskFromItsFeedback() {
    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85))),
            Map.of(
                SA,
                Map.of("gemma3:1b", fb(2, 0, 1.0), "mistral", fb(4, 0, 2.0, 0.9, 0.9, 0.9, 0.9))));

    assertThat(entry(out, SA, "mistral").quality())
        .isEqualTo(RankingCalculator.round((4 * 0.9 + 5 * 0.5) / 9));
    assertThat(out.changes())
        .filteredOn(c -> c.model().equals("mistral"))
        .singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(RankingChange.Kind.ADDED));
  }

  @Test
  void matchesModelNamesTheWayOllamaDoes() {
    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("llama3.2:latest", 0.9, 0.7))),
            Map.of(SA, Map.of("llama3.2", fb(3, 0, 1.0, 0.6, 0.6, 0.6))));

    assertThat(out.rankings().get(SA))
        .extracting(RankedModel::model)
        .containsExactly("llama3.2:latest");
  }

  @Test
  void notesFeedbackForTasksThatHaveNoRanking() {
    RankingCalculator.Output out =
        run(
            Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85))),
            Map.of(TaskType.of("test_task"), Map.of("test_model", fb(2, 0, 2.75))));

    assertThat(out.notes())
        .contains(
            "feedback for task 'test_task' (1 model(s)) was not used: the task has no ranking");
  }

  @Test
  void treatsAShrunkFeedbackHistoryAsAResetAndKeepsTheCurrentScoreAsPrior() {
    Map<TaskType, List<RankedModel>> rankings =
        Map.of(SA, List.of(new RankedModel("gemma3:1b", 0.9, 0.85)));
    RankingCalculator.Output first =
        RankingCalculator.compute(
            input(
                rankings,
                Map.of(
                    SA,
                    Map.of("gemma3:1b", fb(10, 0, 1.5, repeat(0.5, 10).toArray(Double[]::new)))),
                List.of(),
                false,
                RankingState.empty(),
                T0),
            DEFAULTS);
    double learned = entry(first, SA, "gemma3:1b").quality();

    RankingCalculator.Output second =
        RankingCalculator.compute(
            input(
                first.rankings(),
                Map.of(SA, Map.of("gemma3:1b", fb(1, 0, 1.5, 0.5))),
                List.of(),
                false,
                first.state(),
                T1),
            DEFAULTS);

    assertThat(entry(second, SA, "gemma3:1b").quality())
        .isEqualTo(RankingCalculator.round((0.5 + 5 * learned) / 6));
  }
}
