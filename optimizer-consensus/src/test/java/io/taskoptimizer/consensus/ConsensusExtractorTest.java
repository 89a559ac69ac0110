package io.taskoptimizer.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.NonRetriableException;
import io.taskoptimizer.api.PluginException;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.RetriableException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusCandidate.Status;
import io.taskoptimizer.consensus.ConsensusResult.Comparison;
import io.taskoptimizer.consensus.ConsensusResult.Decision;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.SimilarityMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every branch of the consensus algorithm, with a scripted in-memory provider behind a real {@link
 * TaskOptimizer}. Concurrency is proven with latches, never with sleeps or timings.
 */
class ConsensusExtractorTest {

  static final String M1 = "phi3:3.8b";
  static final String M2 = "gemma3:1b";
  static final String M3 = "llama3.2:latest";
  static final TaskType TASK = TaskType.JOB_EXTRACTION;

  /** Two extractions of the same posting that differ in wording only: similarity above 0.75. */
  static final String A =
      """
      TITLE: Backend Engineer (f/m/x) - Payments Platform
      COMPANY: Examplary Bank
      LOCATION: Berlin
      RESPONSIBILITIES:
      - Design, build and operate Java services for payment processing
      - Improve the reliability and observability of Kubernetes workloads
      - Review code and mentor two junior engineers
      REQUIREMENTS:
      - At least 4 years of professional experience with Java 17 and Spring Boot
      - Solid knowledge of SQL databases and message queues such as Kafka
      - Fluent English; German is a plus
      CONTACT: Jana Example, jobs@examplary-bank.example""";

  static final String A2 =
      """
      TITLE: Backend Engineer - Payments Platform
      COMPANY: Examplary Bank
      LOCATION: Berlin
      RESPONSIBILITIES:
      - Design, build and run Java services for payment processing
      - Improve reliability and observability of Kubernetes workloads
      - Review code and mentor junior engineers
      REQUIREMENTS:
      - 4+ years of professional experience with Java 17 and Spring Boot
      - Good knowledge of SQL databases and message queues like Kafka
      - Fluent English, German is a plus
      CONTACT: Jana Example, jobs@examplary-bank.example""";

  /** An answer that has little in common with the others. */
  static final String B =
      "Sure! This role is about moving money. You will be part of a fun crew, enjoy fruit"
          + " baskets and gym perks, and grow your career with us in a vibrant culture.";

  /** Another answer unlike all the others. */
  static final String C = "{\"note\": \"I cannot help with that request\"}";

  @TempDir Path config;

  final ScriptedProvider provider = new ScriptedProvider();
  Clock clock = Clock.systemUTC();
  TaskOptimizer optimizer;

  @BeforeEach
  void rankings() throws IOException {
    Files.writeString(
        config.resolve("model_rankings.json"),
        """
        {
          "job_extraction": [
            {"model": "phi3:3.8b", "quality_score": 0.9, "speed_score": 0.8},
            {"model": "gemma3:1b", "quality_score": 0.85, "speed_score": 0.85},
            {"model": "llama3.2:latest", "quality_score": 0.8, "speed_score": 0.7}
          ]
        }
        """);
  }

  @AfterEach
  void close() {
    if (optimizer != null) {
      optimizer.close();
    }
  }

  /** The optimizer, built on first use, after the test scripted its models. */
  TaskOptimizer optimizer() {
    if (optimizer == null) {
      optimizer =
          TaskOptimizer.builder()
              .configDirectory(config)
              .addProvider(provider)
              .clock(clock)
              .feedbackFlushInterval(Duration.ZERO)
              .build();
    }
    return optimizer;
  }

  ConsensusExtractor extractor(UnaryOperator<ConsensusExtractor.Builder> settings) {
    return settings.apply(ConsensusExtractor.builder(optimizer())).build();
  }

  ConsensusExtractor extractor() {
    return extractor(b -> b);
  }

  static JobPosting posting() {
    return JobPostingsTest.sample("1001");
  }

  static double similarity(String a, String b) {
    return new SequenceMatcher(a, b).ratio();
  }

  ModelFeedback feedback(String model) {
    return optimizer().feedback(TASK, model).orElse(ModelFeedback.empty());
  }

  @Test
  void fixturesHaveTheIntendedSimilarities() {
    assertThat(similarity(A, A2)).isGreaterThanOrEqualTo(0.75);
    assertThat(similarity(A, B)).isLessThan(0.75);
    assertThat(similarity(A2, B)).isLessThan(0.75);
    assertThat(similarity(A, C)).isLessThan(0.75);
    assertThat(similarity(B, C)).isLessThan(0.75);
  }

  // --- branches of the algorithm
  // ------------------------------------------------------------------

  @Test
  void returnsTheHigherRankedOutputWhenTheTopTwoAgreeWithoutRunningTheThird() {
    provider.answer(M1, A).answer(M2, A2).answer(M3, A);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.consensusReached()).isTrue();
    assertThat(r.model()).contains(M1);
    assertThat(r.output()).contains(A);
    assertThat(r.agreeingModels()).containsExactly(M1, M2);
    assertThat(r.consensusSimilarity().getAsDouble()).isEqualTo(similarity(A, A2));
    assertThat(r.comparisons()).containsExactly(new Comparison(M1, M2, similarity(A, A2), true));
    assertThat(r.selectedModels()).containsExactly(M1, M2, M3);
    assertThat(r.candidates()).extracting(ConsensusCandidate::model).containsExactly(M1, M2);
    assertThat(provider.requests(M3)).isEmpty();
    assertThat(r.explanation()).contains(M1, M2, "agree");
    assertThat(r.error()).isEmpty();
  }

  @Test
  void runsTheFirstTwoModelsConcurrently() {
    // each model answers only once the other has started: run one after the other, they would
    // wait forever (the gate gives up after 10 s and the call fails)
    provider
        .behave(M1, req -> awaitOrFail(provider.started(M2)) + A)
        .behave(M2, req -> awaitOrFail(provider.started(M1)) + A2)
        .answer(M3, A);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.candidates()).allMatch(ConsensusCandidate::valid);
  }

  @Test
  void runsTheThirdWhenTheFirstTwoDisagreeAndTakesTheFirstWhenTheThirdAgreesWithIt() {
    provider.answer(M1, A).answer(M2, B).answer(M3, A2);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.model()).contains(M1);
    assertThat(r.output()).contains(A);
    assertThat(r.agreeingModels()).containsExactly(M1, M3);
    assertThat(r.consensusSimilarity().getAsDouble()).isEqualTo(similarity(A, A2));
    assertThat(r.comparisons())
        .containsExactly(
            new Comparison(M1, M2, similarity(A, B), false),
            new Comparison(M1, M3, similarity(A, A2), true),
            new Comparison(M2, M3, similarity(B, A2), false));
    assertThat(r.candidates()).extracting(ConsensusCandidate::model).containsExactly(M1, M2, M3);
  }

  @Test
  void takesTheSecondWhenTheThirdAgreesWithTheSecondOnly() {
    provider.answer(M1, B).answer(M2, A).answer(M3, A2);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.model()).contains(M2);
    assertThat(r.output()).contains(A);
    assertThat(r.agreeingModels()).containsExactly(M2, M3);
    assertThat(r.consensusSimilarity().getAsDouble()).isEqualTo(similarity(A, A2));
  }

  @Test
  void fallsBackToTheHighestRankedValidOutputWithoutConsensusAndSaysSo() {
    provider.answer(M1, A).answer(M2, B).answer(M3, C);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(r.consensusReached()).isFalse();
    assertThat(r.model()).contains(M1);
    assertThat(r.output()).contains(A);
    assertThat(r.agreeingModels()).isEmpty();
    assertThat(r.comparisons()).hasSize(3).noneMatch(Comparison::agree);
    double best = Math.max(similarity(A, B), Math.max(similarity(A, C), similarity(B, C)));
    assertThat(r.consensusSimilarity().getAsDouble()).isEqualTo(best);
    assertThat(r.explanation()).contains("No consensus", "falling back to " + M1, "unverified");
    assertThat(r.error()).isEmpty();
    assertThat(r.requireOutput()).isEqualTo(A);
  }

  @Test
  void fallsBackWhenOnlyTwoModelsAreUsedAndTheyDisagree() {
    provider.answer(M1, A).answer(M2, B).answer(M3, A2);

    ConsensusResult r = extractor(b -> b.modelCount(2)).extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(r.selectedModels()).containsExactly(M1, M2);
    assertThat(provider.requests(M3)).isEmpty();
  }

  @Test
  void aFailedModelIsRecordedAndTheThirdTakesItsPlace() {
    provider
        .fail(M1, new ProviderServerException(500, "model crashed", null))
        .answer(M2, A)
        .answer(M3, A2);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.model()).contains(M2);
    assertThat(r.agreeingModels()).containsExactly(M2, M3);
    ConsensusCandidate failed = r.candidates().get(0);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error()).get().asString().contains("model crashed");
    assertThat(failed.failure()).get().isInstanceOf(ProviderServerException.class);
    assertThat(failed.output()).isEmpty();
    assertThat(r.comparisons())
        .extracting(Comparison::first, Comparison::second)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(M2, M3));
    assertThat(feedback(M1).failures()).isEqualTo(1);
    assertThat(feedback(M2).successes()).isEqualTo(1);
    assertThat(feedback(M3).successes()).isEqualTo(1);
  }

  @Test
  void aFailedModelNeverAgreesAndTheOnlyValidOutputIsAnUnverifiedFallback() {
    provider.answer(M1, A).fail(M2, new MalformedResponseException("garbage from server"));

    ConsensusResult r = extractor(b -> b.modelCount(2)).extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(r.model()).contains(M1);
    assertThat(r.consensusSimilarity()).isEmpty();
    assertThat(r.comparisons()).isEmpty();
    assertThat(r.explanation())
        .contains("only " + M1 + " produced a valid output", "garbage from server");
  }

  @Test
  void emptyOutputsNeverAgreeEvenWithEachOther() {
    provider.answer(M1, "").answer(M2, "  \n").answer(M3, A);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(r.model()).contains(M3);
    assertThat(r.comparisons()).isEmpty();
    assertThat(r.candidates())
        .extracting(ConsensusCandidate::status)
        .containsExactly(Status.EMPTY, Status.EMPTY, Status.SUCCEEDED);
    assertThat(r.candidates().get(0).error()).get().asString().contains("empty output");
  }

  @Test
  void allModelsFailingGivesAResultWithAnErrorAndATypedExceptionOnDemand() {
    provider
        .fail(M1, new ProviderServerException(500, "m1 down", null))
        .fail(M2, new ProviderServerException(503, "m2 down", null))
        .answer(M3, "");

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FAILED);
    assertThat(r.model()).isEmpty();
    assertThat(r.output()).isEmpty();
    assertThat(r.error())
        .get()
        .asString()
        .contains("All 3 models failed", "m1 down", "m2 down", "empty output");
    assertThat(r.details())
        .get()
        .satisfies(
            d -> {
              assertThat(d.title())
                  .contains("Backend Engineer (f/m/x) - Payments Platform"); // from the posting
              assertThat(d.requirements()).isEmpty();
            });
    assertThatThrownBy(r::requireOutput)
        .isInstanceOf(ConsensusFailedException.class)
        .isInstanceOf(NonRetriableException.class) // a blank answer is no outage
        .hasMessageContaining("All 3 models failed")
        .satisfies(
            e -> {
              assertThat(e.getSuppressed()).hasSize(2);
              assertThat(((ConsensusFailedException) e).isRetriable()).isFalse();
            });
    assertThat(feedback(M1).failures()).isEqualTo(1);
    assertThat(feedback(M2).failures()).isEqualTo(1);
  }

  @Test
  void allFailuresRetriableMakeTheExceptionRetriable() {
    provider
        .fail(M1, new ProviderServerException(503, "busy", null))
        .fail(M2, new ProviderServerException(503, "busy", null));

    ConsensusResult r = extractor(b -> b.modelCount(2)).extract(posting());

    assertThat(new ProviderServerException(503, "busy", null).isRetriable()).isTrue();
    assertThatThrownBy(r::requireOutput)
        .isInstanceOf(ConsensusUnavailableException.class)
        .isInstanceOf(RetriableException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2))
        .satisfies(e -> assertThat(((RetriableException) e).isRetriable()).isTrue());
  }

  @Test
  void aSingleAvailableModelGivesAnUnverifiedResultThatSaysSo() {
    provider.answer(M2, A);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.SINGLE_MODEL);
    assertThat(r.consensusReached()).isFalse();
    assertThat(r.model()).contains(M2);
    assertThat(r.selectedModels()).containsExactly(M2);
    assertThat(r.explanation()).contains("Only one model", "could not be verified");
  }

  @Test
  void aSingleAvailableModelThatFailsGivesAFailedResult() {
    provider.fail(M3, new ProviderServerException(500, "boom", null));

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.FAILED);
    assertThat(r.error()).get().asString().contains("only available model failed", "boom");
  }

  @Test
  void noAvailableModelIsATypedException() {
    // nothing served (a served text model, ranked or not, would be a candidate)

    assertThatThrownBy(() -> extractor().extract(posting()))
        .isInstanceOf(NoAvailableModelException.class)
        .hasMessageContaining(M1);
    assertThat(provider.totalCalls()).isZero();
  }

  @Test
  void speculativeModeStartsTheThirdAtOnceAndCancelsItWhenTheFirstTwoAgree()
      throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    provider.answer(M1, A).answer(M2, A2).gated(M3, never, A);
    try {
      ConsensusResult r = extractor(b -> b.speculative(true)).extract(posting());

      assertThat(provider.started(M3).getCount()).as("third was started").isZero();
      assertThat(provider.cancelled(M3).await(10, TimeUnit.SECONDS))
          .as("third's call was cancelled")
          .isTrue();
      assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
      assertThat(r.agreeingModels()).containsExactly(M1, M2);
      assertThat(r.candidates())
          .extracting(ConsensusCandidate::model, ConsensusCandidate::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(M1, Status.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(M2, Status.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple(M3, Status.CANCELLED));
      assertThat(feedback(M3).executions()).as("a cancelled call is no model failure").isZero();
    } finally {
      never.countDown();
    }
  }

  @Test
  void speculativeModeUsesTheAlreadyRunningThirdWhenTheFirstTwoDisagree() {
    // the third is already running while the first two are compared: it waits for both to start
    CountDownLatch bothStarted = new CountDownLatch(2);
    provider
        .behave(
            M1,
            req -> {
              bothStarted.countDown();
              return A;
            })
        .behave(
            M2,
            req -> {
              bothStarted.countDown();
              return B;
            })
        .behave(
            M3, req -> awaitOrFail(provider.started(M1)) + awaitOrFail(provider.started(M2)) + A2);

    ConsensusResult r = extractor(b -> b.speculative(true)).extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.agreeingModels()).containsExactly(M1, M3);
    assertThat(provider.requests(M3)).hasSize(1);
  }

  @Test
  void aModelIgnoringTheTimeoutIsAbandonedAndRecordedAsAFailure() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    provider.gated(M1, never, A).answer(M2, A).answer(M3, A2);
    try {
      ConsensusResult r = extractor(b -> b.timeout(Duration.ofMillis(100))).extract(posting());

      assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
      assertThat(r.agreeingModels()).containsExactly(M2, M3);
      ConsensusCandidate slow = r.candidates().get(0);
      assertThat(slow.status()).isEqualTo(Status.TIMED_OUT);
      assertThat(slow.failure()).get().isInstanceOf(ProviderTimeoutException.class);
      assertThat(slow.error()).get().asString().contains("did not answer within 100 ms");
      assertThat(provider.cancelled(M1).await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(feedback(M1).failures()).isEqualTo(1);
      assertThat(feedback(M1).executions()).isEqualTo(1);
      assertThat(provider.requests(M1).get(0).timeout()).contains(Duration.ofMillis(100));
    } finally {
      never.countDown();
    }
  }

  @Test
  void recordsFeedbackForEveryModelCall() {
    provider.answer(M1, A).answer(M2, B).answer(M3, A2);

    extractor().extract(posting());

    for (String m : List.of(M1, M2, M3)) {
      assertThat(feedback(m).executions()).as(m).isEqualTo(1);
      assertThat(feedback(m).successes()).as(m).isEqualTo(1);
    }
    // the extraction assessor applies to job_extraction, so quality is recorded too
    assertThat(feedback(M1).qualityRatings()).hasSize(1);
  }

  // --- inputs
  // -------------------------------------------------------------------------------------

  @Test
  void aPlaceholderPostingIsRejectedBeforeAnyModelRuns() {
    provider.answer(M1, A).answer(M2, A).answer(M3, A);
    JobPosting broken =
        JobPosting.of(
            "62661",
            "Specialist",
            "Position Overview\nError loading full job"
                + " description. Please refer to the original JSON file for complete details.");

    assertThatThrownBy(() -> extractor().extract(broken))
        .isInstanceOf(InvalidPostingException.class)
        .hasMessageContaining("62661");
    assertThat(extractor().extractAsync(broken)).isCompletedExceptionally();
    assertThat(provider.totalCalls()).isZero();
  }

  @Test
  void explicitModelsAreUsedInTheirOrderSkippingUnavailableOnes() {
    provider.answer(M1, B).answer(M2, A).answer(M3, A2);

    ConsensusResult r =
        extractor(b -> b.models(List.of("missing:7b", M3, M2, M1))).extract(posting());

    assertThat(r.selectedModels()).containsExactly(M3, M2, M1);
    assertThat(r.model()).contains(M3);
    assertThat(r.agreeingModels()).containsExactly(M3, M2);
  }

  @Test
  void explicitModelsNoneOfWhichIsAvailableIsATypedException() {
    provider.answer(M1, A);

    assertThatThrownBy(() -> extractor(b -> b.models(List.of("missing:7b"))).extract(posting()))
        .isInstanceOf(NoAvailableModelException.class)
        .hasMessageContaining("missing:7b");
  }

  @Test
  void aCustomMetricAndThresholdDecideAgreement() {
    provider.answer(M1, A).answer(M2, B);
    SimilarityMetric always =
        new SimilarityMetric() {
          @Override
          public String id() {
            return "always";
          }

          @Override
          public double similarity(String a, String b) {
            return 0.5;
          }
        };

    ConsensusResult r =
        extractor(b -> b.modelCount(2).similarityMetric(always).threshold(0.5)).extract(posting());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.metric()).isEqualTo("always");
    assertThat(r.threshold()).isEqualTo(0.5);
  }

  @Test
  void aMetricOutsideZeroToOneFailsTheRunInsteadOfHangingIt() {
    provider.answer(M1, A).answer(M2, A);
    SimilarityMetric broken =
        new SimilarityMetric() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public double similarity(String a, String b) {
            return 1.5;
          }
        };

    assertThatThrownBy(() -> extractor(b -> b.similarityMetric(broken)).extract(posting()))
        .isInstanceOf(PluginException.class)
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("broken");
  }

  @Test
  void runAppliesConsensusToAnyTask() throws IOException {
    Files.writeString(
        config.resolve("model_rankings.json"),
        """
        {"cover_letter": [
          {"model": "phi3:3.8b", "quality_score": 0.9, "speed_score": 0.9},
          {"model": "gemma3:1b", "quality_score": 0.8, "speed_score": 0.8}
        ]}
        """);
    provider.answer(M1, A).answer(M2, A2);

    ConsensusResult r =
        extractor(b -> b.task(TaskType.COVER_LETTER).timeout(Duration.ofSeconds(30)))
            .run(
                GenerationRequest.builder()
                    .model("ignored:1b")
                    .user("Write a cover letter")
                    .build());

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.task()).isEqualTo(TaskType.COVER_LETTER);
    assertThat(r.jobId()).isEmpty();
    assertThat(r.details()).isEmpty();
    assertThat(provider.requests(M1).get(0).timeout()).contains(Duration.ofSeconds(30));
    assertThat(optimizer().feedback(TaskType.COVER_LETTER, M1)).isPresent();
  }

  @Test
  void cancellingTheAsyncResultCancelsTheModelCalls() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    provider.gated(M1, never, A).gated(M2, never, A).answer(M3, A);
    try {
      CompletableFuture<ConsensusResult> f = extractor().extractAsync(posting());
      assertThat(provider.started(M1).await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(provider.started(M2).await(10, TimeUnit.SECONDS)).isTrue();

      f.cancel(true);

      assertThat(provider.cancelled(M1).await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(provider.cancelled(M2).await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(provider.requests(M3)).isEmpty();
    } finally {
      never.countDown();
    }
  }

  @Test
  void anInterruptedCallerGetsATypedExceptionTheFlagAndCancelledCalls()
      throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    provider.gated(M1, never, A).gated(M2, never, A);
    try {
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> extractor().extract(posting()))
          .isInstanceOf(ConsensusUnavailableException.class)
          .hasMessageContaining("Interrupted");
      assertThat(Thread.interrupted()).isTrue();
      assertThat(provider.cancelled(M1).await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      Thread.interrupted();
      never.countDown();
    }
  }

  // --- prompt and request
  // ---------------------------------------------------------------------------

  @Test
  void theDefaultPromptAsksForEssentialsOnlyInEnglishWithThePostingText() {
    provider.answer(M1, A);
    JobPosting p = posting();

    GenerationRequest req = extractor().requestFor(p);

    String prompt = req.messages().get(0).content();
    assertThat(prompt)
        .contains(p.description().strip())
        .contains("Answer in English", "TITLE:", "REQUIREMENTS:", "CONTACT:")
        .contains("Leave out benefits", "marketing")
        .contains("German, in English or in both")
        .contains(
            "listed title: Backend Engineer (f/m/x) - Payments Platform; listed location: Berlin");
    assertThat(req.inputs()).containsEntry(GenerationRequest.INPUT_JOB_POSTING, p.description());
    assertThat(req.model()).isEmpty();
    assertThat(req.contextSize().getAsInt()).isBetween(4096, 32768);
  }

  @Test
  void theOutputLanguageAndTemplateAreConfigurableAndPostingBracesStayAsTheyAre() {
    provider.answer(M1, A);
    JobPosting p =
        JobPosting.of(
            "9",
            "Entwickler",
            "Wir suchen {language} Entwickler {id} mit Erfahrung in Java,"
                + " Spring und Kubernetes für unser Team in Köln.");

    GenerationRequest req =
        extractor(
                b ->
                    b.outputLanguage("German")
                        .promptTemplate(
                            "Lang={language} Id={id} Org={organization}\n{description}"))
            .requestFor(p);

    assertThat(req.messages().get(0).content())
        .isEqualTo("Lang=German Id=9 Org=not given\n" + p.description());
  }

  @Test
  void longPostingsGetAContextWindowThatFitsThem() {
    assertThat(ConsensusExtractor.contextSizeFor("x".repeat(1000))).isEqualTo(4096);
    assertThat(ConsensusExtractor.contextSizeFor("x".repeat(12_000))).isEqualTo(6144);
    assertThat(ConsensusExtractor.contextSizeFor("x".repeat(1_000_000))).isEqualTo(32768);
    provider.answer(M1, A);
    assertThat(extractor(b -> b.contextSize(2048)).requestFor(posting()).contextSize())
        .hasValue(2048);
  }

  @Test
  void builderRejectsBadSettingsAtOnce() {
    provider.answer(M1, A);
    ConsensusExtractor.Builder b = ConsensusExtractor.builder(optimizer());

    assertThatThrownBy(() -> b.modelCount(1)).hasMessageContaining("2 or 3, got 1");
    assertThatThrownBy(() -> b.modelCount(4)).hasMessageContaining("got 4");
    assertThatThrownBy(() -> b.threshold(1.2)).hasMessageContaining("1.2");
    assertThatThrownBy(() -> b.threshold(Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> b.promptTemplate("no placeholder"))
        .hasMessageContaining("{description}");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> b.models(List.of(M1, M1))).hasMessageContaining("twice");
    assertThatThrownBy(() -> b.models(List.of(" "))).hasMessageContaining("blank");
    assertThatThrownBy(() -> b.outputLanguage("")).hasMessageContaining("blank");
    assertThatThrownBy(() -> b.contextSize(10)).hasMessageContaining("10");
    assertThatThrownBy(() -> b.similarityMetric("no-such-metric"))
        .isInstanceOf(io.taskoptimizer.api.ConfigurationException.class)
        .hasMessageContaining("sequence-matcher");
    assertThatThrownBy(() -> ConsensusExtractor.builder(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    provider.answer(M1, A);
    ConsensusExtractor e =
        extractor(
            b ->
                b.task(TaskType.JOB_REQUIREMENTS)
                    .modelCount(2)
                    .threshold(0.6)
                    .speculative(true)
                    .timeout(Duration.ofSeconds(9)));

    ConsensusExtractor copy = e.toBuilder().build();

    assertThat(copy.task()).isEqualTo(TaskType.JOB_REQUIREMENTS);
    assertThat(copy.modelCount()).isEqualTo(2);
    assertThat(copy.threshold()).isEqualTo(0.6);
    assertThat(copy.speculative()).isTrue();
    assertThat(copy.timeout()).contains(Duration.ofSeconds(9));
    assertThat(copy.metric().id()).isEqualTo("sequence-matcher");
  }

  // --- result form
  // ----------------------------------------------------------------------------------

  @Test
  void jsonKeepsTheOriginalFieldNamesFirstAndParsesTheExtraction() throws IOException {
    provider.answer(M1, A).answer(M2, A2);

    ConsensusResult r = extractor().extract(posting());
    JsonNode json = new ObjectMapper().readTree(r.toJson());

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(0, 12))
        .containsExactly(
            "job_id",
            "title",
            "location",
            "responsibilities",
            "requirements",
            "contact_info",
            "extracted_text",
            "extraction_model",
            "extraction_time",
            "extraction_timestamp",
            "consensus_reached",
            "consensus_similarity");
    assertThat(keys).doesNotContain("error");
    assertThat(json.get("job_id").asText()).isEqualTo("1001");
    assertThat(json.get("title").asText())
        .isEqualTo("Backend Engineer (f/m/x) - Payments Platform");
    assertThat(json.get("location").asText()).isEqualTo("Berlin");
    assertThat(json.get("responsibilities")).hasSize(3);
    assertThat(json.get("requirements").get(0).asText())
        .isEqualTo("At least 4 years of professional experience with Java 17 and Spring Boot");
    assertThat(json.get("contact_info").asText())
        .isEqualTo("Jana Example, jobs@examplary-bank.example");
    assertThat(json.get("extracted_text").asText()).isEqualTo(A);
    assertThat(json.get("extraction_model").asText()).isEqualTo(M1);
    assertThat(json.get("extraction_time").asDouble()).isEqualTo(r.wallTime().toNanos() / 1e9);
    assertThat(json.get("consensus_reached").asBoolean()).isTrue();
    assertThat(json.get("consensus_similarity").asDouble()).isEqualTo(similarity(A, A2));
    assertThat(json.get("company").asText()).isEqualTo("Examplary Bank");
    assertThat(json.get("candidates")).hasSize(2);
    assertThat(json.get("similarities").get(0).get("agree").asBoolean()).isTrue();
  }

  @Test
  void jsonOfAFailedRunCarriesTheError() throws IOException {
    provider
        .fail(M1, new ProviderServerException(500, "down", null))
        .fail(M2, new ProviderServerException(500, "down", null));

    ConsensusResult r = extractor(b -> b.modelCount(2)).extract(posting());
    JsonNode json = new ObjectMapper().readTree(r.toJson());

    assertThat(json.get("error").asText()).contains("All 2 models failed");
    assertThat(json.get("extracted_text").isNull()).isTrue();
    assertThat(json.get("extraction_model").isNull()).isTrue();
    assertThat(json.get("consensus_reached").asBoolean()).isFalse();
    assertThat(json.get("consensus_similarity").isNull()).isTrue();
  }

  @Test
  void anUnwritableOutputIsAConfigurationExceptionAsForEveryOutputFile(@TempDir Path out)
      throws IOException {
    provider.answer(M1, A).answer(M2, A2);
    ConsensusResult r = extractor().extract(posting());
    Path notADirectory = Files.writeString(out.resolve("plain-file"), "x");

    assertThatThrownBy(() -> r.writeJson(notADirectory.resolve("job1001_extracted.json")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Cannot write the consensus result")
        .hasMessageContaining("Choose a writable directory")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void writeJsonReplacesTheFileAtomically(@TempDir Path out) throws IOException {
    provider.answer(M1, A).answer(M2, A2);
    ConsensusResult r = extractor().extract(posting());
    Path file = out.resolve("results/job1001_extracted.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");

    r.writeJson(file);

    assertThat(new ObjectMapper().readTree(file.toFile()).get("job_id").asText()).isEqualTo("1001");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writeJsonKeepsThePermissionsOfTheFileItReplaces(@TempDir Path out) throws IOException {
    provider.answer(M1, A).answer(M2, A2);
    ConsensusResult r = extractor().extract(posting());
    Path file = Files.writeString(out.resolve("private.json"), "old");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    r.writeJson(file);

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(new ObjectMapper().readTree(file.toFile()).get("job_id").asText()).isEqualTo("1001");
  }

  @Test
  void toStringsLeaveOutputsOut() {
    provider.answer(M1, A).answer(M2, A2);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.toString()).contains("CONSENSUS", M1).doesNotContain("Kafka");
    assertThat(r.candidates().get(0).toString()).contains(M1).doesNotContain("Kafka");
  }

  @Test
  void theTimestampComesFromTheOptimizersClock() throws IOException {
    clock = Clock.fixed(Instant.parse("2025-04-25T12:30:00Z"), ZoneId.of("Europe/Berlin"));
    provider.answer(M1, A).answer(M2, A2);

    ConsensusResult r = extractor().extract(posting());

    assertThat(r.timestamp()).isEqualTo(OffsetDateTime.parse("2025-04-25T14:30:00+02:00"));
    assertThat(new ObjectMapper().readTree(r.toJson()).get("extraction_timestamp").asText())
        .isEqualTo("2025-04-25T14:30:00+02:00");
  }

  private static String awaitOrFail(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the other model never started: calls are not concurrent");
    }
    return "";
  }

  @Test
  void picksItsModelsByEstimateNeverByExploration() {
    // an optimizer that explores on every call it may: consensus must not be affected
    provider.answer(M1, A).answer(M2, A2).answer(M3, A);
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(config)
            .addProvider(provider)
            .clock(clock)
            .feedbackFlushInterval(Duration.ZERO)
            .explorationBudget(1.0)
            .selectionPolicy(io.taskoptimizer.core.SelectionPolicies.epsilonGreedy(1.0))
            .random(new java.util.SplittableRandom(1))
            .build();
    ConsensusExtractor extractor = extractor();

    for (int i = 0; i < 50; i++) {
      assertThat(extractor.selectModels()).containsExactly(M1, M2, M3);
    }
    ConsensusResult r = extractor.extract(posting());
    assertThat(r.selectedModels()).containsExactly(M1, M2, M3);
    assertThat(r.agreeingModels()).containsExactly(M1, M2);
  }
}
