package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.UnexpectedProviderException;
import io.taskoptimizer.spi.AssessmentInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecuteTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private TaskOptimizer.Builder seeded(FakeProvider provider) {
    TestConfig.withSeedFiles(dir);
    return TestConfig.builder(dir, scheduler).addProvider(provider);
  }

  @Test
  void runsTheBestModelScoresTheOutputAndRecordsFeedback() {
    FakeProvider provider =
        new FakeProvider("fake", TestConfig.SEED_MODELS.toArray(String[]::new))
            .respondText("A fine self assessment.");
    FixedAssessor assessor = new FixedAssessor("test-fixed", 0.75, TaskType.SELF_ASSESSMENT);
    try (TaskOptimizer optimizer = seeded(provider).addAssessor(assessor).build()) {
      ModelFeedback before =
          optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      GenerationRequest request =
          GenerationRequest.builder()
              .user("Assess me")
              .input(GenerationRequest.INPUT_JOB_POSTING, "posting")
              .build();

      ExecutionResult r = optimizer.execute(TaskType.SELF_ASSESSMENT, request);

      assertThat(r.model()).isEqualTo("gemma3:1b");
      assertThat(r.provider()).isEqualTo("fake");
      assertThat(r.text()).isEqualTo("A fine self assessment.");
      assertThat(r.selection())
          .hasValueSatisfying(s -> assertThat(s.model()).isEqualTo("gemma3:1b"));
      assertThat(r.quality()).hasValueSatisfying(q -> assertThat(q.score()).isEqualTo(0.75));
      assertThat(r.wallTime()).isPositive();
      assertThat(r.generation().totalTime()).isEqualTo(r.wallTime());
      assertThat(r.timeToFirstToken())
          .hasValueSatisfying(t -> assertThat(t).isLessThanOrEqualTo(r.wallTime()));
      assertThat(provider.requests)
          .singleElement()
          .satisfies(sent -> assertThat(sent.model()).contains("gemma3:1b"));
      AssessmentInput judged = assessor.inputs.get(0);
      assertThat(judged.output()).isEqualTo("A fine self assessment.");
      assertThat(judged.input(GenerationRequest.INPUT_JOB_POSTING)).contains("posting");
      assertThat(judged.doneReason()).contains("stop");

      ModelFeedback after = optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      assertThat(after.executions()).isEqualTo(before.executions() + 1);
      assertThat(after.successes()).isEqualTo(before.successes() + 1);
      assertThat(after.qualityRatings()).containsExactly(0.75);
      assertThat(after.totalTime().minus(before.totalTime()).toNanos())
          .as("each total rounded to a nanosecond")
          .isCloseTo(r.wallTime().toNanos(), within(2L));
    }
  }

  @Test
  void returnsABlankAnswerButRecordsItAsAFailureWithoutQuality() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b").respondText("  \n ");
    FixedAssessor assessor = new FixedAssessor("test-fixed", 0.0, TaskType.SELF_ASSESSMENT);
    try (TaskOptimizer optimizer = seeded(provider).addAssessor(assessor).build()) {
      ModelFeedback before =
          optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();

      ExecutionResult r = optimizer.execute(TaskType.SELF_ASSESSMENT, GenerationRequest.of("hi"));

      assertThat(r.text()).isBlank();
      ModelFeedback after = optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      assertThat(after.executions()).isEqualTo(before.executions() + 1);
      assertThat(after.failures()).isEqualTo(before.failures() + 1);
      assertThat(after.successes()).isEqualTo(before.successes());
      assertThat(after.qualityRatings()).isEqualTo(before.qualityRatings());
    }
  }

  @Test
  void keepsTheProvidersOwnTimeToFirstToken() {
    FakeProvider provider =
        new FakeProvider("fake", "gemma3:1b")
            .respond(
                r ->
                    GenerationResult.builder("x", "gemma3:1b")
                        .timeToFirstToken(Duration.ofMillis(123))
                        .totalTime(Duration.ofMillis(456))
                        .build());
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      ExecutionResult r = optimizer.execute(TaskType.SELF_ASSESSMENT, GenerationRequest.of("hi"));

      assertThat(r.timeToFirstToken()).contains(Duration.ofMillis(123));
      assertThat(r.generation().totalTime()).isEqualTo(Duration.ofMillis(456));
      assertThat(r.quality()).isEmpty();
      assertThat(
              optimizer
                  .feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b")
                  .orElseThrow()
                  .qualityRatings())
          .isEmpty();
    }
  }

  @Test
  void usesAForcedModelAndStreamsToTheListener() {
    FakeProvider provider =
        new FakeProvider("fake", "gemma3:1b", "olmo2:latest").respondText("one two three");
    StringBuilder streamed = new StringBuilder();
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      ExecutionResult r =
          optimizer.execute(
              TaskType.SELF_ASSESSMENT,
              GenerationRequest.builder().model("olmo2").user("hi").build(),
              streamed::append);

      assertThat(r.model()).isEqualTo("olmo2");
      assertThat(r.selection()).isEmpty();
      assertThat(streamed).hasToString("one two three");
      assertThat(optimizer.feedback(TaskType.SELF_ASSESSMENT, "olmo2:latest"))
          .hasValueSatisfying(f -> assertThat(f.executions()).isEqualTo(1));
    }
  }

  @Test
  void rejectsAForcedModelNoProviderServesWithoutRecordingIt() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(
              () ->
                  optimizer.execute(
                      TaskType.SELF_ASSESSMENT,
                      GenerationRequest.builder().model("nosuch:7b").user("hi").build()))
          .isInstanceOfSatisfying(
              ModelNotFoundException.class,
              e -> {
                assertThat(e.model()).isEqualTo("nosuch:7b");
                assertThat(e.getMessage()).contains("ollama pull nosuch:7b").contains("gemma3:1b");
              });
      assertThat(provider.requests).isEmpty();
      assertThat(optimizer.feedback(TaskType.SELF_ASSESSMENT, "nosuch:7b")).isEmpty();
    }
  }

  @Test
  void reportsAForcedModelOfADownProviderAsUnavailable() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      optimizer.refreshAvailability();
      provider.down(true);
      optimizer.refreshAvailability();

      assertThatThrownBy(
              () ->
                  optimizer.execute(
                      TaskType.SELF_ASSESSMENT,
                      GenerationRequest.builder().model("gemma3:1b").user("hi").build()))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("not answering: [fake]");
    }
  }

  @Test
  void triesTheFirstProviderWhenAvailabilityIsUnknown() {
    FakeProvider provider = new FakeProvider("fake").down(true);
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      ExecutionResult r =
          optimizer.execute(TaskType.DOMAIN_RELATIONSHIP, GenerationRequest.of("hi"));

      assertThat(optimizer.availabilityKnown()).isFalse();
      assertThat(r.model()).isEqualTo("phi3:3.8b");
      assertThat(r.provider()).isEqualTo("fake");
    }
  }

  @Test
  void recordsAFailureAndRethrowsTheTypedException() {
    ServerBusyException busy = new ServerBusyException("server busy, retry later");
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b").failWith(busy);
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(
              () -> optimizer.execute(TaskType.SKILL_DECOMPOSITION, GenerationRequest.of("hi")))
          .isSameAs(busy);

      ModelFeedback f = optimizer.feedback(TaskType.SKILL_DECOMPOSITION, "gemma3:1b").orElseThrow();
      assertThat(f.executions()).isEqualTo(5);
      assertThat(f.failures()).isEqualTo(1);
      assertThat(f.successes()).isEqualTo(4);
    }
  }

  @Test
  void doesNotBlameTheModelWhenTheProviderCannotBeReached() {
    FakeProvider provider =
        new FakeProvider("fake", "gemma3:1b")
            .failWith(new ProviderUnavailableException("connection refused"));
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(
              () -> optimizer.execute(TaskType.SKILL_DECOMPOSITION, GenerationRequest.of("hi")))
          .isInstanceOf(ProviderUnavailableException.class);

      assertThat(
              optimizer
                  .feedback(TaskType.SKILL_DECOMPOSITION, "gemma3:1b")
                  .orElseThrow()
                  .failures())
          .isZero();
    }
  }

  @Test
  void doesNotBlameTheModelWhenTheServerIsNotSpeakingItsProtocol() {
    // e.g. a base URL that answers with an HTML page or a redirect: the server's fault, not the
    // model's
    FakeProvider provider =
        new FakeProvider("fake", "gemma3:1b")
            .failWith(
                new MalformedResponseException(
                    "The server is reachable but is not an Ollama server"));
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      double failureRateBefore =
          optimizer.estimatesFor(TaskType.SKILL_DECOMPOSITION).stream()
              .filter(a -> a.model().equals("gemma3:1b"))
              .findFirst()
              .orElseThrow()
              .failureRate();

      assertThatThrownBy(
              () -> optimizer.execute(TaskType.SKILL_DECOMPOSITION, GenerationRequest.of("hi")))
          .isInstanceOf(MalformedResponseException.class);

      assertThat(
              optimizer
                  .feedback(TaskType.SKILL_DECOMPOSITION, "gemma3:1b")
                  .orElseThrow()
                  .failures())
          .isZero();
      assertThat(
              optimizer.estimatesFor(TaskType.SKILL_DECOMPOSITION).stream()
                  .filter(a -> a.model().equals("gemma3:1b"))
                  .findFirst()
                  .orElseThrow()
                  .failureRate())
          .isEqualTo(failureRateBefore);
    }
  }

  @Test
  void wrapsAnExceptionOutsideTheProviderContractKeepingTheCause() {
    IllegalStateException bug = new IllegalStateException("bug in provider");
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b").failWith(bug);
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(
              () -> optimizer.execute(TaskType.JOB_EXTRACTION, GenerationRequest.of("hi")))
          .isInstanceOf(UnexpectedProviderException.class)
          .hasCause(bug)
          .hasMessageContaining("bug in the provider");
      assertThat(optimizer.feedback(TaskType.JOB_EXTRACTION, "gemma3:1b").orElseThrow().failures())
          .isEqualTo(1);
    }
  }

  @Test
  void failsClearlyWhenNoProviderIsConfigured() {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer = TestConfig.builder(dir, scheduler).build()) {
      assertThatThrownBy(() -> optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("hi")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("io.taskoptimizer:optimizer-ollama")
          .hasMessageContaining("builder().addProvider(");
    }
  }

  @Test
  void surfacesNoAvailableModelFromExecuteWithoutCallingTheProvider() {
    FakeProvider provider = new FakeProvider("fake");
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      assertThatThrownBy(() -> optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("hi")))
          .isInstanceOf(NoAvailableModelException.class);
      assertThat(provider.requests).isEmpty();
    }
  }

  @Test
  void combinesApplicableAssessorsAsAWeightedMeanWithPrefixedBreakdown() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer =
        seeded(provider)
            .addAssessor(new FixedAssessor("test-a", 1.0, TaskType.COVER_LETTER))
            .addAssessor(
                new FixedAssessor("test-b", 0.4, TaskType.COVER_LETTER, TaskType.SELF_ASSESSMENT))
            .addAssessor(new FixedAssessor("test-c", 0.0, TaskType.COVER_LETTER))
            .assessorWeight("test-b", 3.0)
            .assessorWeight("test-c", 0.0)
            .build()) {
      QualityScore q =
          optimizer.assess(AssessmentInput.of(TaskType.COVER_LETTER, "text")).orElseThrow();

      assertThat(q.score()).isCloseTo((1.0 + 3 * 0.4) / 4, within(1e-12));
      assertThat(q.breakdown()).containsOnlyKeys("test-a", "test-a.part", "test-b", "test-b.part");
      assertThat(q.notes()).containsExactly("test-a: fixed 1.0", "test-b: fixed 0.4");
      assertThat(
              optimizer
                  .assess(AssessmentInput.of(TaskType.SELF_ASSESSMENT, "x"))
                  .orElseThrow()
                  .score())
          .isEqualTo(0.4);
      assertThat(optimizer.assess(AssessmentInput.of(TaskType.JOB_EXTRACTION, "x"))).isEmpty();
      assertThat(optimizer.assessors())
          .extracting(a -> a.id())
          .containsExactly("test-a", "test-b", "test-c");
    }
  }

  @Test
  void completesAsyncExecutionsOnTheProvidersThreadNotTheCommonPool() throws Exception {
    AtomicReference<String> generatingThread = new AtomicReference<>();
    FakeProvider provider =
        new FakeProvider("fake", "gemma3:1b")
            .respond(
                r -> {
                  generatingThread.set(Thread.currentThread().getName());
                  return GenerationResult.builder("async answer", "gemma3:1b").build();
                });
    try (TaskOptimizer optimizer =
        seeded(provider)
            .addAssessor(new FixedAssessor("test-fixed", 0.5, TaskType.COVER_LETTER))
            .build()) {
      AtomicReference<String> completingThread = new AtomicReference<>();

      ExecutionResult r =
          optimizer
              .executeAsync(TaskType.COVER_LETTER, GenerationRequest.of("hi"))
              .whenComplete((v, e) -> completingThread.set(Thread.currentThread().getName()))
              .get(30, TimeUnit.SECONDS);

      assertThat(r.text()).isEqualTo("async answer");
      assertThat(r.quality()).isPresent();
      assertThat(generatingThread.get())
          .startsWith("taskopt-fake-generate")
          .doesNotContain("ForkJoinPool");
      assertThat(completingThread.get()).doesNotContain("ForkJoinPool.commonPool");
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "gemma3:1b").orElseThrow().executions())
          .isEqualTo(1);
    }
  }

  @Test
  void cancellingAnAsyncExecutionCancelsTheProviderCallAndRecordsNothing() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b").holdAsync();
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      CompletableFuture<ExecutionResult> f =
          optimizer.executeAsync(TaskType.COVER_LETTER, GenerationRequest.of("hi"));
      CompletableFuture<GenerationResult> providerCall = provider.held.values().iterator().next();

      assertThat(f.cancel(true)).isTrue();

      assertThat(providerCall).isCancelled();
      assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "gemma3:1b")).isEmpty();
    }
  }

  @Test
  void recordsAnAsyncFailureAndCompletesWithTheTypedException() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b").holdAsync();
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      CompletableFuture<ExecutionResult> f =
          optimizer.executeAsync(TaskType.COVER_LETTER, GenerationRequest.of("hi"));
      ProviderTimeoutException timeout =
          new ProviderTimeoutException(
              ProviderTimeoutException.Phase.IDLE, Duration.ofSeconds(1), "stalled", null);

      provider.held.values().iterator().next().completeExceptionally(timeout);

      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCause(timeout);
      assertThat(optimizer.feedback(TaskType.COVER_LETTER, "gemma3:1b").orElseThrow().failures())
          .isEqualTo(1);
    }
  }

  @Test
  void failsAsyncSelectionInTheFutureRatherThanThrowing() {
    FakeProvider provider = new FakeProvider("fake");
    try (TaskOptimizer optimizer = seeded(provider).build()) {
      CompletableFuture<ExecutionResult> f =
          optimizer.executeAsync(TaskType.COVER_LETTER, GenerationRequest.of("hi"));

      assertThat(f).isCompletedExceptionally();
      assertThatThrownBy(f::join).hasCauseInstanceOf(NoAvailableModelException.class);
    }
  }

  @Test
  void refusesToExecuteAfterClose() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    TaskOptimizer optimizer = seeded(provider).build();
    optimizer.close();

    assertThatThrownBy(() -> optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("hi")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(List.of(provider.requests.toArray())).isEmpty();
  }
}
