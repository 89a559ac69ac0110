package io.taskoptimizer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void priorityWeightsMustEachBeInRangeAndAddUpToOne() {
    assertThat(PriorityWeights.of(0.6, 0.4).score(0.9, 0.85)).isCloseTo(0.88, within(1e-12));
    assertThatThrownBy(() -> PriorityWeights.of(0.7, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add up to 1");
    assertThatThrownBy(() -> PriorityWeights.of(1.5, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> PriorityWeights.of(Double.NaN, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rankedModelScoresMustBeBetweenZeroAndOne() {
    RankedModel m = new RankedModel("gemma3:1b", 0.9, 0.85);
    assertThat(m.weightedScore(PriorityWeights.of(1.0, 0.0))).isEqualTo(0.9);
    assertThatThrownBy(() -> new RankedModel("m", 1.1, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quality_score of 'm'");
    assertThatThrownBy(() -> new RankedModel("m", 0.5, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed_score of 'm'");
    assertThatThrownBy(() -> new RankedModel("m", Double.NaN, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RankedModel(" ", 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void qualityScoreValidatesAndKeepsTheBreakdownOrder() {
    Map<String, Double> parts = new LinkedHashMap<>();
    parts.put("structure", 0.5);
    parts.put("length", 1.0);
    parts.put("after", 0.0);
    List<String> notes = new ArrayList<>(List.of("short"));
    QualityScore q = new QualityScore(0.5, parts, notes);
    parts.put("later", 0.3);
    notes.add("later");

    assertThat(q.breakdown().keySet()).containsExactly("structure", "length", "after");
    assertThat(q.notes()).containsExactly("short");
    assertThatThrownBy(() -> q.breakdown().put("x", 0.1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> QualityScore.of(1.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score must be between 0 and 1");
    assertThatThrownBy(() -> QualityScore.of(0.5, Map.of("bad", 2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breakdown 'bad'");
  }

  @Test
  void modelFeedbackComputesRatesAndQualityFromItsComponents() {
    ModelFeedback f =
        new ModelFeedback(
            4, 3, 1, Duration.ofSeconds(10), Duration.ofMillis(2500), List.of(0.5, 1.0));
    assertThat(f.successRate()).hasValue(0.75);
    assertThat(f.failureRate()).hasValue(0.25);
    assertThat(f.averageQuality()).hasValue(0.75);
    assertThat(f.totalTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(f.averageTime()).isEqualTo(Duration.ofMillis(2500));
    assertThat(ModelFeedback.empty().successRate()).isEmpty();
    assertThat(ModelFeedback.empty().failureRate())
        .as("no data is empty, as successRate")
        .isEmpty();
    assertThat(ModelFeedback.empty().averageQuality()).isEmpty();
    assertThat(ModelFeedback.empty().totalTime()).isZero();
    assertThat(ModelFeedback.empty().averageTime()).isZero();
  }

  @Test
  void modelFeedbackRejectsNegativeCountsNegativeOrNullTimesAndRatingsOutsideZeroToOne() {
    Duration one = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new ModelFeedback(-1, 0, 0, one, one, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executions=-1");
    assertThatThrownBy(() -> new ModelFeedback(1, -1, 0, one, one, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("successes=-1");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, -1, one, one, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failures=-1");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, Duration.ofNanos(-1), one, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalTime=PT-0.000000001S");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, one, Duration.ofSeconds(-1), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("averageTime=PT-1S");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, null, one, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("totalTime");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, one, null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("averageTime");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, one, one, List.of(1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, one, one, List.of(-0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
    assertThatThrownBy(() -> new ModelFeedback(1, 1, 0, one, one, List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ModelFeedback(1, 1, 0, Duration.ZERO, Duration.ZERO, List.of(0.0, 1.0)))
        .as("zero times and the bounds of the ratings are valid")
        .extracting(ModelFeedback::qualityRatings)
        .isEqualTo(List.of(0.0, 1.0));
  }

  @Test
  void modelFeedbackCopiesItsRatings() {
    List<Double> ratings = new ArrayList<>(List.of(0.5));
    ModelFeedback f = new ModelFeedback(1, 1, 0, Duration.ZERO, Duration.ZERO, ratings);
    ratings.add(0.9);
    assertThat(f.qualityRatings()).containsExactly(0.5);
    assertThatThrownBy(() -> f.qualityRatings().add(0.1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void modelSelectionStartsWithTheChosenCandidateAndExplainsItself() {
    ScoredCandidate a = new ScoredCandidate("gemma3:1b", "ollama", 0.9, 0.85, 0.88);
    ScoredCandidate b = new ScoredCandidate("llama3.2:latest", "ollama", 0.9, 0.7, 0.82);
    ModelSelection s =
        new ModelSelection(
            TaskType.SELF_ASSESSMENT,
            PriorityWeights.of(0.6, 0.4),
            a,
            List.of(a, b),
            List.of(new SkippedModel("phi3:3.8b", "not served by any provider")),
            true);

    assertThat(s.model()).isEqualTo("gemma3:1b");
    assertThat(s.runnersUp()).containsExactly(b);
    assertThat(s.explanation())
        .isEqualTo(
            "self_assessment: chose gemma3:1b (score 0.880 = 0.60 x quality 0.90 + 0.40 x speed 0.85);"
                + " runner-up llama3.2:latest (0.820); skipped 1 unavailable ranked model");
    assertThatThrownBy(
            () ->
                new ModelSelection(
                    TaskType.SELF_ASSESSMENT,
                    PriorityWeights.of(0.6, 0.4),
                    a,
                    List.of(b, a),
                    List.of(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ModelSelection(
                    TaskType.SELF_ASSESSMENT,
                    PriorityWeights.of(0.6, 0.4),
                    a,
                    List.of(),
                    List.of(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void modelDescriptorNormalizesItsNameAndValidates() {
    ModelDescriptor d =
        ModelDescriptor.builder("llama3.2", "ollama")
            .sizeBytes(2_000_000_000L)
            .parameterSize("3.2B")
            .quantization("Q4_K_M")
            .family("llama")
            .digest("abc")
            .capabilities(List.of("completion"))
            .build();

    assertThat(d.normalizedName()).isEqualTo("llama3.2:latest");
    assertThat(d.sizeBytes()).hasValue(2_000_000_000L);
    assertThat(d.family()).contains("llama");
    assertThatThrownBy(() -> ModelDescriptor.builder("m", "p").sizeBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> ModelDescriptor.of(" ", "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generationResultReportsTruncationSpeedAndTimingCopies() {
    GenerationResult r =
        GenerationResult.builder("text", "m")
            .doneReason("length")
            .completionTokens(50)
            .evalTime(Duration.ofSeconds(2))
            .build();

    assertThat(r.truncated()).isTrue();
    assertThat(r.tokensPerSecond()).contains(25.0);
    assertThat(r.withTimeToFirstToken(Duration.ofMillis(5)).timeToFirstToken())
        .contains(Duration.ofMillis(5));
    assertThat(r.withTotalTime(Duration.ofSeconds(3)).totalTime()).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.withTotalTime(Duration.ofSeconds(3)).text()).isEqualTo("text");
    assertThat(r.toString()).doesNotContain("text,").contains("chars=4");
    assertThat(GenerationResult.builder("x", "m").build().tokensPerSecond()).isEmpty();
    assertThatThrownBy(() -> r.withTotalTime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueBuildersRoundTripThroughToBuilder() {
    GenerationResult result =
        GenerationResult.builder("text", "m:1b")
            .thinking("hm")
            .doneReason("stop")
            .promptTokens(3)
            .completionTokens(4)
            .loadTime(Duration.ofMillis(1))
            .promptEvalTime(Duration.ofMillis(2))
            .evalTime(Duration.ofMillis(3))
            .timeToFirstToken(Duration.ofMillis(4))
            .totalTime(Duration.ofMillis(5))
            .serverTotalTime(Duration.ofMillis(6))
            .host("gpu")
            .build();
    ModelDescriptor descriptor =
        ModelDescriptor.builder("m:1b", "ollama")
            .sizeBytes(7)
            .parameterSize("1B")
            .quantization("Q4")
            .family("llama")
            .digest("abc")
            .capabilities(List.of("completion"))
            .build();

    assertThat(result.toBuilder().build()).isEqualTo(result);
    assertThat(result.toBuilder().host("cpu").build().host()).hasValue("cpu");
    assertThat(result.host()).hasValue("gpu");
    assertThat(descriptor.toBuilder().build()).isEqualTo(descriptor);
    assertThat(descriptor.toBuilder().family("qwen").build().family()).hasValue("qwen");
  }

  @Test
  void executionResultToStringLeavesTheTextOut() {
    GenerationResult g = GenerationResult.builder("secret output", "m").build();
    ExecutionResult e =
        new ExecutionResult(
            TaskType.COVER_LETTER,
            "m",
            "ollama",
            g,
            Duration.ofSeconds(1),
            java.util.Optional.of(QualityScore.of(0.5)),
            java.util.Optional.empty());

    assertThat(e.text()).isEqualTo("secret output");
    assertThat(e.toString()).doesNotContain("secret").contains("quality=0.5");
  }

  @Test
  void exceptionsAreRetriableOnlyWhereARetryCanHelp() {
    assertThat(new ServerBusyException("busy").isRetriable()).isTrue();
    assertThat(new ProviderUnavailableException("down").isRetriable()).isTrue();
    assertThat(new IncompleteResponseException("cut").isRetriable()).isTrue();
    assertThat(new ProviderServerException(500, "boom", null).isRetriable()).isTrue();
    assertThat(new ProviderServerException(500, "boom", null).statusCode()).hasValue(500);
    assertThat(new ProviderServerException(0, "mid-stream", null).statusCode()).isEmpty();
    assertThat(
            new ProviderTimeoutException(
                    ProviderTimeoutException.Phase.IDLE, Duration.ofSeconds(1), "t", null)
                .isRetriable())
        .isTrue();
    assertThat(new ModelNotFoundException("m", "pull it").isRetriable()).isFalse();
    assertThat(new InvalidRequestException("bad").isRetriable()).isFalse();
    assertThat(new AuthenticationException("no").isRetriable()).isFalse();
    assertThat(new MalformedResponseException("html").isRetriable()).isFalse();
    assertThat(new UnexpectedProviderException("bug", new NullPointerException()))
        .isInstanceOf(NonRetriableException.class)
        .hasCauseInstanceOf(NullPointerException.class);
    assertThat(new ConfigurationException("wiring").isRetriable()).isFalse();
    assertThat(new ConfigFileException(Path.of("x.json"), "broken", null))
        .isInstanceOf(ConfigurationException.class)
        .isInstanceOf(TaskOptimizerException.class);
  }

  @Test
  void configFileExceptionNamesFileLineAndColumn() {
    ConfigFileException e =
        new ConfigFileException(
            Path.of("config", "model_rankings.json"), 3, 7, "expected a number", null);

    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot use config file "
                + Path.of("config", "model_rankings.json").toAbsolutePath()
                + ":3:7: expected a number (the file was not modified; fix or remove it and try again)");
    assertThat(new ConfigFileException(Path.of("model_rankings.json"), "broken", null).getMessage())
        .as("the directory is named too")
        .contains(Path.of("").toAbsolutePath().toString());
    assertThat(e.line()).hasValue(3);
    assertThat(e.column()).hasValue(7);
    assertThat(new ConfigFileException(Path.of("f"), "empty", null).line()).isEmpty();
  }

  @Test
  void noAvailableModelExceptionListsRankedAndAvailableModels() {
    NoAvailableModelException e =
        new NoAvailableModelException(
            TaskType.COVER_LETTER, List.of("phi3:3.8b", "gemma3:1b"), List.of("tinyllama:latest"));

    assertThat(e.getMessage())
        .contains("[phi3:3.8b, gemma3:1b]")
        .contains("[tinyllama:latest]")
        .contains("ollama pull phi3:3.8b");
    assertThat(e.task()).isEqualTo(TaskType.COVER_LETTER);
    assertThat(
            new NoAvailableModelException(TaskType.COVER_LETTER, List.of(), List.of()).getMessage())
        .contains("No model is ranked for task 'cover_letter'");
  }

  @Test
  void noAvailableModelExceptionSaysAvailabilityIsUnknownWhenNoProviderAnswered() {
    String unranked =
        new NoAvailableModelException(TaskType.COVER_LETTER, List.of(), List.of(), false)
            .getMessage();
    String ranked =
        new NoAvailableModelException(TaskType.COVER_LETTER, List.of("phi3:3.8b"), List.of(), false)
            .getMessage();

    assertThat(unranked).contains("availability unknown").doesNotContain("[]");
    assertThat(ranked)
        .contains("availability unknown")
        .contains("ollama serve")
        .doesNotContain("[]");
  }

  @Test
  void responseFormatAcceptsOnlyJsonObjectSchemas() {
    ResponseFormat f = ResponseFormat.jsonSchema(" {\"type\":\"object\"} ");
    assertThat(f.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(f.schema()).contains("{\"type\":\"object\"}");
    assertThat(f.expectsJson()).isTrue();
    assertThat(ResponseFormat.TEXT.expectsJson()).isFalse();
    assertThat(f).isEqualTo(ResponseFormat.jsonSchema("{\"type\":\"object\"}"));
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
