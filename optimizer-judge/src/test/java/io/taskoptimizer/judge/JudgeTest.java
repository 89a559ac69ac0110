package io.taskoptimizer.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.judge.Comparison.Outcome;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeTest {

  private static final TaskType TASK = TaskType.COVER_LETTER;
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder().user("Write a cover letter for the data engineer role.").build();

  @TempDir Path dir;
  private OllamaTestServer server;
  private OllamaProvider provider;
  private TaskOptimizer optimizer;
  private Judge judge;

  @AfterEach
  void close() {
    if (judge != null) {
      judge.close();
    }
    if (optimizer != null) {
      optimizer.close();
    }
    if (provider != null) {
      provider.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private TaskOptimizer start(ScriptedModel... models) {
    server = OllamaTestServer.create().models(models).start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .build();
    return optimizer;
  }

  /** A judge that gives every criterion of the task's built-in rubric this score. */
  private static Function<RecordedRequest, String> grading(int score) {
    return req ->
        "{\"criteria\":["
            + Rubric.forTask(TASK).names().stream()
                .map(
                    n -> "{\"name\":\"" + n + "\",\"score\":" + score + ",\"reason\":\"scripted\"}")
                .collect(Collectors.joining(","))
            + "]}";
  }

  private static ScriptedModel model(
      String name, String family, Function<RecordedRequest, String> responder) {
    return ScriptedModel.builder(name).family(family).responder(responder).build();
  }

  private long callsTo(String model) {
    return server.requests().stream()
        .filter(r -> r.model().filter(model::equals).isPresent())
        .count();
  }

  private double quality(String model) {
    return optimizer.estimatesFor(TASK).stream()
        .filter(a -> a.model().equals(model))
        .mapToDouble(ArmEstimate::quality)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void gradesWithAJudgeOfAnotherFamilyAndFeedsTheGradeAsQualityEvidence() {
    start(
        model("qwen2.5:7b", "qwen2", r -> "Dear team, ..."),
        model("qwen2.5:14b", "qwen2", grading(9)),
        model("phi3:14b", "phi3", grading(1)));
    optimizer.replaceRankings(Map.of(TASK, List.of(new RankedModel("qwen2.5:7b", 0.6, 0.5))));
    judge = Judge.builder(optimizer).evidenceWeight(10).build();
    double before = quality("qwen2.5:7b");

    Verdict v = judge.assess(TASK, REQUEST, "qwen2.5:7b", "Dear team, ...").orElseThrow();

    assertThat(v.judge()).isEqualTo("phi3:14b");
    assertThat(v.sameFamilyJudge()).isFalse();
    assertThat(v.score()).isEqualTo(0.0);
    assertThat(v.criteria())
        .extracting(Verdict.CriterionScore::name)
        .containsExactlyElementsOf(Rubric.forTask(TASK).names());
    assertThat(v.rubricHash()).isEqualTo(Rubric.forTask(TASK).hash());
    assertThat(quality("qwen2.5:7b")).isLessThan(before);
    assertThat(callsTo("qwen2.5:14b")).isZero();
    RecordedRequest sent =
        server.requests().stream()
            .filter(r -> r.model().filter("phi3:14b"::equals).isPresent())
            .findFirst()
            .orElseThrow();
    assertThat(sent.format())
        .hasValueSatisfying(f -> assertThat(f.toString()).contains("criteria", "integer"));
  }

  @Test
  void anUnparsableVerdictIsNoEvidenceNotAZero() {
    start(
        model("qwen2.5:7b", "qwen2", r -> "letter"), model("phi3:14b", "phi3", r -> "Score: 8/10"));
    optimizer.replaceRankings(Map.of(TASK, List.of(new RankedModel("qwen2.5:7b", 0.6, 0.5))));
    judge = Judge.builder(optimizer).build();
    double before = quality("qwen2.5:7b");

    assertThat(judge.assess(TASK, REQUEST, "qwen2.5:7b", "letter")).isEmpty();

    assertThat(judge.stats().unparsable()).isEqualTo(1);
    assertThat(judge.stats().verdicts()).isZero();
    assertThat(quality("qwen2.5:7b")).isEqualTo(before);
  }

  @Test
  void whenOnlyTheSameFamilyCanJudgeItDoesAndTheVerdictSaysSoButAModelNeverJudgesItself() {
    start(model("qwen2.5:7b", "qwen2", r -> "letter"), model("qwen3:8b", "qwen3", grading(7)));
    judge = Judge.builder(optimizer).feedQuality(false).build();

    Verdict v = judge.assess(TASK, REQUEST, "qwen2.5:7b", "letter").orElseThrow();
    assertThat(v.judge()).isEqualTo("qwen3:8b");
    assertThat(v.sameFamilyJudge()).isTrue();
    assertThat(v.score()).isEqualTo(6.0 / 9);
    assertThat(judge.stats().sameFamilyJudges()).isEqualTo(1);

    // grading qwen3:8b's output: the other model judges (it answers no verdict), never qwen3:8b
    assertThat(judge.assess(TASK, REQUEST, "qwen3:8b", "another letter")).isEmpty();
    assertThat(callsTo("qwen3:8b")).isEqualTo(1);
    assertThat(callsTo("qwen2.5:7b")).isEqualTo(1);
    assertThat(judge.stats().unparsable()).isEqualTo(1);
    judge.close();

    // the only allowed judge is the judged model: no judge at all
    judge = Judge.builder(optimizer).addJudgeModel("qwen3:8b").feedQuality(false).build();
    assertThat(judge.assess(TASK, REQUEST, "qwen3:8b", "a third letter")).isEmpty();
    assertThat(callsTo("qwen3:8b")).isEqualTo(1);
    assertThat(judge.stats().failures()).isEqualTo(1);
  }

  @Test
  void verdictsAreCachedByOutputAndRubric() {
    start(model("llama3.2:3b", "llama", r -> "x"), model("phi3:14b", "phi3", grading(8)));
    judge = Judge.builder(optimizer).feedQuality(false).build();

    assertThat(judge.assess(TASK, REQUEST, "llama3.2:3b", "same letter")).isPresent();
    Verdict again = judge.assess(TASK, REQUEST, "llama3.2:3b", "same letter").orElseThrow();
    assertThat(judge.assess(TASK, REQUEST, "llama3.2:3b", "another letter")).isPresent();

    assertThat(again.cached()).isTrue();
    assertThat(callsTo("phi3:14b")).isEqualTo(2);
    assertThat(judge.stats().cacheHits()).isEqualTo(1);
    assertThat(judge.stats().judgeCalls()).isEqualTo(2);
    judge.close();

    judge = Judge.builder(optimizer).feedQuality(false).cacheSize(0).build();
    assertThat(judge.assess(TASK, REQUEST, "llama3.2:3b", "same letter")).isPresent();
    assertThat(judge.assess(TASK, REQUEST, "llama3.2:3b", "same letter").orElseThrow().cached())
        .isFalse();
    assertThat(judge.stats().judgeCalls()).isEqualTo(2);
  }

  @Test
  void aComparisonIsAWinOnlyWhenBothOrdersAgree() {
    String strong = SimulatedAnswers.answer("qwen2.5:7b", 1.0, 50);
    String weak = SimulatedAnswers.answer("llama3.2:3b", 0.0, 60);
    start(
        model(
            "phi3:14b",
            "phi3",
            SimulatedAnswers.pairwiseJudge(
                SimulatedAnswers.firstPosition(1.0, new java.util.Random(1)))),
        model("gemma3:4b", "gemma3", SimulatedAnswers.pairwiseJudge(SimulatedAnswers.fair())));

    judge = Judge.builder(optimizer).addJudgeModel("phi3:14b").feedQuality(false).build();
    Comparison biased =
        judge.compareAnswers(TASK, REQUEST, "llama3.2:3b", weak, "qwen2.5:7b", strong);
    assertThat(biased.firstOrder()).isEqualTo(Outcome.A_WINS);
    assertThat(biased.secondOrder()).contains(Outcome.B_WINS);
    assertThat(biased.outcome()).isEqualTo(Outcome.TIE);
    assertThat(biased.wordsA()).isEqualTo(60);
    assertThat(biased.wordsB()).isEqualTo(50);
    judge.close();

    judge =
        Judge.builder(optimizer)
            .addJudgeModel("phi3:14b")
            .bothOrders(false)
            .feedQuality(false)
            .build();
    Comparison oneOrder =
        judge.compareAnswers(TASK, REQUEST, "llama3.2:3b", weak, "qwen2.5:7b", strong);
    assertThat(oneOrder.outcome()).isEqualTo(Outcome.A_WINS);
    assertThat(oneOrder.secondOrder()).isEmpty();
    judge.close();

    judge = Judge.builder(optimizer).addJudgeModel("gemma3:4b").feedQuality(false).build();
    Comparison fair =
        judge.compareAnswers(TASK, REQUEST, "llama3.2:3b", weak, "qwen2.5:7b", strong);
    assertThat(fair.outcome()).isEqualTo(Outcome.B_WINS);
    assertThat(fair.winner()).contains("qwen2.5:7b");
    assertThat(fair.summary()).contains("qwen2.5:7b beats llama3.2:3b", "60 vs 50 words");
  }

  @Test
  void anUnparsableOrderMeansNoVerdictAndNothingIsRecorded() {
    start(model("phi3:14b", "phi3", r -> "{\"winner\":\"A\"}"));
    judge = Judge.builder(optimizer).feedQuality(false).build();

    Comparison c = judge.compareAnswers(TASK, REQUEST, "a:1b", "one", "b:1b", "two");

    assertThat(c.outcome()).isEqualTo(Outcome.NO_VERDICT);
    assertThat(c.hasVerdict()).isFalse();
    assertThat(Files.exists(dir.resolve("judge_comparisons.json"))).isFalse();
    assertThat(judge.ratings(TASK)).isEmpty();
  }

  @Test
  void lengthControlTurnsAWinByAMuchLongerAnswerIntoATie() {
    String longWeak = SimulatedAnswers.answer("llama3.2:3b", 0.0, 200);
    String shortStrong = SimulatedAnswers.answer("qwen2.5:7b", 1.0, 50);
    start(
        model("phi3:14b", "phi3", SimulatedAnswers.pairwiseJudge(SimulatedAnswers.verbose(1.25))));
    judge = Judge.builder(optimizer).lengthControl(1.5).feedQuality(false).build();

    Comparison c =
        judge.compareAnswers(TASK, REQUEST, "llama3.2:3b", longWeak, "qwen2.5:7b", shortStrong);

    assertThat(c.unadjustedOutcome()).isEqualTo(Outcome.A_WINS);
    assertThat(c.outcome()).isEqualTo(Outcome.TIE);
    assertThat(c.lengthAdjusted()).isTrue();
  }

  @Test
  void compareRunsBothModelsRecordsTheComparisonAndUpdatesRatingsAndQuality() throws Exception {
    start(
        model("qwen2.5:7b", "qwen2", r -> SimulatedAnswers.answer("qwen2.5:7b", 1.0, 40)),
        model("llama3.2:3b", "llama", r -> SimulatedAnswers.answer("llama3.2:3b", 0.0, 40)),
        model("phi3:14b", "phi3", SimulatedAnswers.pairwiseJudge(SimulatedAnswers.fair())));
    optimizer.replaceRankings(
        Map.of(
            TASK,
            List.of(
                new RankedModel("qwen2.5:7b", 0.5, 0.5),
                new RankedModel("llama3.2:3b", 0.5, 0.5))));
    judge = Judge.builder(optimizer).addTask(TASK).sampleRate(1).executor(Runnable::run).build();
    double before = quality("qwen2.5:7b");

    Comparison c = null;
    for (int i = 0; i < 3; i++) {
      c = judge.compare(TASK, REQUEST, "llama3.2:3b", "qwen2.5:7b");
    }

    assertThat(c.outcome()).isEqualTo(Outcome.B_WINS);
    assertThat(c.judge()).isEqualTo("phi3:14b");
    assertThat(optimizer.feedback(TASK, "qwen2.5:7b"))
        .hasValueSatisfying(f -> assertThat(f.executions()).isEqualTo(3));
    assertThat(judge.stats().sampled()).as("the comparison's own runs are not sampled").isZero();
    List<Rating> ratings = judge.ratings(TASK);
    assertThat(ratings).extracting(Rating::model).containsExactly("qwen2.5:7b", "llama3.2:3b");
    assertThat(ratings.get(0).wins()).isEqualTo(3);
    assertThat(ratings.get(0).quality()).isGreaterThan(0.5);
    assertThat(quality("qwen2.5:7b")).isGreaterThan(before);
    assertThat(Judge.readRatings(dir)).containsKey(TASK);
    assertThat(Files.readString(dir.resolve("judge_comparisons.json")))
        .contains("\"outcome\" : \"b\"");

    List<ComparisonPair> next = judge.nextComparisons(TASK, List.of("gemma3:4b"), 3);
    assertThat(next).hasSize(3);
    assertThat(next.get(0).modelA() + " " + next.get(0).modelB()).contains("gemma3:4b");
    assertThat(next.get(2))
        .isEqualTo(new ComparisonPair("qwen2.5:7b", "llama3.2:3b", next.get(2).orderConfidence()));
  }

  @Test
  void aBrokenComparisonsFileIsNeverOverwritten() throws Exception {
    Files.writeString(dir.resolve("judge_comparisons.json"), "{\"format\": 1, \"tasks\": [}");
    start(model("phi3:14b", "phi3", SimulatedAnswers.pairwiseJudge(SimulatedAnswers.fair())));
    judge = Judge.builder(optimizer).feedQuality(false).build();

    assertThatThrownBy(
            () ->
                judge.compareAnswers(
                    TASK,
                    REQUEST,
                    "a:1b",
                    SimulatedAnswers.answer("a:1b", 1, 5),
                    "b:1b",
                    SimulatedAnswers.answer("b:1b", 0, 5)))
        .isInstanceOf(io.taskoptimizer.api.ConfigFileException.class)
        .hasMessageContaining("judge_comparisons.json");
    assertThat(Files.readString(dir.resolve("judge_comparisons.json")))
        .isEqualTo("{\"format\": 1, \"tasks\": [}");
  }

  @Test
  void backgroundJudgingNeverBlocksTheCallerAndSkipsWhenTheQueueIsFull() throws Exception {
    CountDownLatch judgeEntered = new CountDownLatch(1);
    CountDownLatch releaseJudge = new CountDownLatch(1);
    start(
        model("llama3.2:3b", "llama", r -> "Dear team, a letter."),
        model(
            "phi3:14b",
            "phi3",
            r -> {
              judgeEntered.countDown();
              try {
                releaseJudge.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return grading(8).apply(r);
            }));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch judged = new CountDownLatch(1);
    try {
      judge =
          Judge.builder(optimizer)
              .addTask(TASK)
              .sampleRate(1)
              .maxPending(1)
              .feedQuality(false)
              .executor(
                  r ->
                      pool.execute(
                          () -> {
                            r.run();
                            judged.countDown();
                          }))
              .build();
      GenerationRequest req = REQUEST.withModel("llama3.2:3b");

      optimizer.execute(TASK, req);
      judgeEntered.await();
      // the judge call is held on the server; the caller still gets its answers at once
      optimizer.execute(TASK, req);
      optimizer.execute(TASK, req);
      optimizer.execute(TaskType.SELF_ASSESSMENT, req); // not opted in

      JudgeStats held = judge.stats();
      assertThat(held.executionsSeen()).isEqualTo(3);
      assertThat(held.sampled()).isEqualTo(3);
      assertThat(held.skippedQueueFull()).isEqualTo(2);
      assertThat(held.verdicts()).isZero();

      releaseJudge.countDown();
      judged.await();
      assertThat(judge.stats().verdicts()).isEqualTo(1);
    } finally {
      releaseJudge.countDown();
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void theSampleRateIsSeededAndApproximatelyKept() {
    start(
        model("llama3.2:3b", "llama", r -> "Dear team, a letter."),
        model("phi3:14b", "phi3", grading(8)));
    judge =
        Judge.builder(optimizer)
            .addTask(TASK)
            .seed(42)
            .feedQuality(false)
            .executor(Runnable::run)
            .build();
    GenerationRequest req = REQUEST.withModel("llama3.2:3b");

    for (int i = 0; i < 200; i++) {
      optimizer.execute(TASK, req);
    }

    JudgeStats s = judge.stats();
    assertThat(s.executionsSeen()).isEqualTo(200);
    assertThat(s.sampled()).isBetween(8L, 35L); // 10% of 200 = 20; seeded, so always the same draw
    assertThat(s.judgeCalls())
        .isEqualTo(1); // the same output every time: the cache answers the rest
    assertThat(s.cacheHits()).isEqualTo(s.sampled() - 1);
  }
}
