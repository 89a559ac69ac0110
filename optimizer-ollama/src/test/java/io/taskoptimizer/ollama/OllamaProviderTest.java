package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ChatMessage;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaProviderTest {

  private final OllamaTestServer server = OllamaTestServer.create();
  private OllamaProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  private OllamaProvider start(ScriptedModel... models) {
    server.models(models).start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    return provider;
  }

  private static GenerationRequest.Builder ask(String model, String question) {
    return GenerationRequest.builder().model(model).user(question);
  }

  @Test
  void listsModelsWithTheirMetadataAndTaggedNames() {
    start(
        ScriptedModel.builder("llama3.2").modifiedAt(Instant.parse("2025-05-04T17:37:44Z")).build(),
        ScriptedModel.builder("deepseek-r1:7b")
            .family("qwen2")
            .parameterSize("7.6B")
            .quantization("Q4_K_M")
            .capabilities("completion", "thinking")
            .sizeBytes(4_683_075_271L)
            .modifiedAt(Instant.parse("2025-05-10T08:06:48Z"))
            .build());

    List<ModelDescriptor> models = provider.listModels();

    assertThat(models)
        .extracting(ModelDescriptor::name)
        .containsExactly("deepseek-r1:7b", "llama3.2:latest");
    ModelDescriptor deepseek = models.get(0);
    assertThat(deepseek.provider()).isEqualTo("ollama");
    assertThat(deepseek.sizeBytes()).hasValue(4_683_075_271L);
    assertThat(deepseek.family()).hasValue("qwen2");
    assertThat(deepseek.parameterSize()).hasValue("7.6B");
    assertThat(deepseek.quantization()).hasValue("Q4_K_M");
    assertThat(deepseek.digest()).hasValueSatisfying(d -> assertThat(d).hasSize(64));
    assertThat(deepseek.capabilities()).containsExactly("completion", "thinking");
    assertThat(models.get(1).normalizedName()).isEqualTo("llama3.2:latest");
  }

  @Test
  void bareModelNameReachesTheLatestTag() {
    start(ScriptedModel.of("llama3.2:latest", "Hi"));

    GenerationResult r = provider.generate(ask("llama3.2", "Hello").build());

    assertThat(r.text()).isEqualTo("Hi");
    assertThat(r.model()).isEqualTo("llama3.2");
  }

  @Test
  void streamsTokensToTheListenerAndAssemblesTheText() {
    start(ScriptedModel.of("m", "The capital of France is Paris."));
    List<String> chunks = new ArrayList<>();

    GenerationResult r = provider.generate(ask("m", "Capital?").build(), chunks::add);

    assertThat(chunks).containsExactly("The", " capital", " of", " France", " is", " Paris.");
    assertThat(r.text()).isEqualTo("The capital of France is Paris.");
    assertThat(r.doneReason()).hasValue("stop");
    assertThat(server.takeRequest().stream()).hasValue(true);
  }

  @Test
  void convertsEveryMetricFromNanoseconds() {
    start(
        ScriptedModel.builder("m")
            .reply("a b c d e f g h")
            .coldLoad(Duration.ofMillis(60))
            .timeToFirstToken(Duration.ofMillis(40))
            .tokensPerSecond(200)
            .build());

    GenerationResult r = provider.generate(ask("m", "go").build());

    assertThat(r.completionTokens()).hasValue(8);
    assertThat(r.promptTokens()).isPresent();
    assertThat(r.loadTime())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(60)));
    assertThat(r.promptEvalTime())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(40)));
    assertThat(r.evalTime())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(40)));
    assertThat(r.serverTotalTime())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(140)));
    assertThat(r.tokensPerSecond())
        .hasValueSatisfying(tps -> assertThat(tps).isBetween(1.0, 200.5));
    assertThat(r.totalTime()).isGreaterThanOrEqualTo(r.serverTotalTime().get());
  }

  @Test
  void measuresTimeToFirstTokenOnTheClient() {
    start(
        ScriptedModel.builder("m")
            .reply("one two three four")
            .coldLoad(Duration.ofMillis(50))
            .timeToFirstToken(Duration.ofMillis(30))
            .tokensPerSecond(20)
            .build());

    GenerationResult r = provider.generate(ask("m", "go").build());

    assertThat(r.timeToFirstToken())
        .hasValueSatisfying(
            ttft -> {
              assertThat(ttft).isGreaterThanOrEqualTo(Duration.ofMillis(80));
              assertThat(ttft).isLessThan(r.totalTime());
            });
    assertThat(r.totalTime().minus(r.timeToFirstToken().get()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void nonStreamingRequestsGetTheWholeAnswerAtOnce() {
    start(ScriptedModel.of("m", "All at once."));
    List<String> chunks = new ArrayList<>();

    GenerationResult r = provider.generate(ask("m", "go").stream(false).build(), chunks::add);

    assertThat(r.text()).isEqualTo("All at once.");
    assertThat(r.completionTokens()).hasValue(3);
    assertThat(r.timeToFirstToken()).isEmpty();
    assertThat(chunks).isEmpty();
    assertThat(server.takeRequest().stream()).hasValue(false);
  }

  @Test
  void sendsOptionsFormatKeepAliveAndThinkAsTheApiDocumentsThem() {
    start(ScriptedModel.builder("qwen3").thinking(req -> "hmm").reply("{\"a\":1}").build());

    provider.generate(
        GenerationRequest.builder()
            .model("qwen3")
            .system("You are terse.")
            .user("Give JSON")
            .temperature(0.2)
            .seed(42)
            .contextSize(8192)
            .maxTokens(256)
            .topP(0.9)
            .topK(40)
            .stop(List.of("\n\n"))
            .extraOption("repeat_penalty", 1.1)
            .format(
                ResponseFormat.jsonSchema(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}"))
            .keepAlive(Duration.ofMinutes(10))
            .think(true)
            .build());
    RecordedRequest req = server.takeRequest();

    assertThat(req.path()).isEqualTo("/api/chat");
    assertThat(req.messages())
        .containsExactly(
            Map.of("role", "system", "content", "You are terse."),
            Map.of("role", "user", "content", "Give JSON"));
    assertThat(req.options())
        .containsEntry("temperature", 0.2)
        .containsEntry("seed", 42)
        .containsEntry("num_ctx", 8192)
        .containsEntry("num_predict", 256)
        .containsEntry("top_p", 0.9)
        .containsEntry("top_k", 40)
        .containsEntry("stop", List.of("\n\n"))
        .containsEntry("repeat_penalty", 1.1);
    assertThat(req.format())
        .hasValue(Map.of("type", "object", "properties", Map.of("a", Map.of("type", "integer"))));
    assertThat(req.keepAlive()).hasValue(600);
    assertThat(req.think()).hasValue(true);
    assertThat(req.header("Content-Type")).hasValue("application/json");
    assertThat(req.header("User-Agent"))
        .hasValueSatisfying(ua -> assertThat(ua).startsWith("task-optimizer-ollama/"));
  }

  @Test
  void omitsEverythingTheCallerDidNotSet() {
    start(ScriptedModel.of("m", "x"));

    provider.generate(ask("m", "hi").build());
    RecordedRequest req = server.takeRequest();

    assertThat(req.json().keySet()).containsExactlyInAnyOrder("model", "messages", "stream");
  }

  @Test
  void jsonFormatAndSubSecondKeepAliveAreEncodedSoOllamaAcceptsThem() {
    start(ScriptedModel.of("m", "{}"));

    provider.generate(
        ask("m", "x").format(ResponseFormat.JSON).keepAlive(Duration.ofMillis(1500)).build());
    provider.generate(ask("m", "x").keepAlive(Duration.ZERO).build());
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();

    assertThat(first.format()).hasValue("json");
    assertThat(first.keepAlive()).hasValue("1500ms");
    assertThat(second.keepAlive()).hasValue(0);
    assertThat(server.loadedModels()).isEmpty();
  }

  @Test
  void promptRequestsUseGenerateWithSystem() {
    start(ScriptedModel.builder("m").responder(req -> "echo: " + req.prompt().orElse("?")).build());

    GenerationResult r =
        provider.generate(
            GenerationRequest.builder().model("m").system("sys").prompt("hello").stream(false)
                .build());
    RecordedRequest req = server.takeRequest();

    assertThat(r.text()).isEqualTo("echo: hello");
    assertThat(req.path()).isEqualTo("/api/generate");
    assertThat(req.prompt()).hasValue("hello");
    assertThat(req.system()).hasValue("sys");
  }

  @Test
  void keepsThinkingApartFromTheAnswer() {
    start(ScriptedModel.builder("qwen3").thinking(req -> "Let me see.").reply("Yes.").build());
    List<String> chunks = new ArrayList<>();

    GenerationResult streamed = provider.generate(ask("qwen3", "?").build(), chunks::add);
    GenerationResult whole = provider.generate(ask("qwen3", "?").stream(false).build());

    assertThat(streamed.text()).isEqualTo("Yes.");
    assertThat(streamed.thinking()).hasValue("Let me see.");
    assertThat(chunks).containsExactly("Yes.");
    assertThat(whole.text()).isEqualTo("Yes.");
    assertThat(whole.thinking()).hasValue("Let me see.");
  }

  @Test
  void reportsTruncationByTokenLimit() {
    start(ScriptedModel.of("m", "one two three four five"));

    GenerationResult r = provider.generate(ask("m", "x").maxTokens(2).build());

    assertThat(r.text()).isEqualTo("one two");
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void warmUpLoadsTheModelAndReturnsTheLoadTime() {
    start(ScriptedModel.builder("m").coldLoad(Duration.ofMillis(120)).build());

    Duration load = provider.warmUp("m", Duration.ofMinutes(30)).orElseThrow();
    RecordedRequest req = server.takeRequest();
    List<RunningModel> running = provider.runningModels();

    assertThat(load).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    assertThat(req.path()).isEqualTo("/api/generate");
    assertThat(req.prompt()).isEmpty();
    assertThat(req.keepAlive()).hasValue(1800);
    assertThat(running).extracting(RunningModel::name).containsExactly("m:latest");
    assertThat(running.get(0).expiresAt()).isPresent();
    assertThat(running.get(0).contextLength()).hasValue(4096);
  }

  @Test
  void warmUpWithAContextSizeLoadsThatSizeAndUnloadEmptiesIt() {
    start(ScriptedModel.of("m", "x"));

    provider.warmUp("m", Duration.ofMinutes(5), OptionalInt.of(16384));
    OptionalInt loadedCtx = provider.runningModels().get(0).contextLength();
    provider.unload("m");

    assertThat(loadedCtx).hasValue(16384);
    assertThat(provider.runningModels()).isEmpty();
  }

  @Test
  void warmUpOfAMissingModelIsModelNotFound() {
    start();

    assertThatThrownBy(() -> provider.warmUp("ghost", Duration.ofMinutes(1)))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("ollama pull ghost");
  }

  @Test
  void readsContextLengthVersionAndPing() {
    server.version("0.13.1");
    start(ScriptedModel.builder("qwen2.5:7b").family("qwen2").contextLength(32768).build());

    assertThat(provider.contextLength("qwen2.5:7b")).hasValue(32768);
    assertThat(provider.serverVersion()).hasValue("0.13.1");
    assertThat(provider.version())
        .as("the plugin's version, not the server's")
        .isNotEqualTo(Optional.of("0.13.1"));
    assertThat(provider.ping()).isTrue();
    assertThatThrownBy(() -> provider.contextLength("ghost"))
        .isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void pingAndVersionAreQuietWhenTheServerIsDown() {
    provider = OllamaProvider.builder().baseUrl(URI.create("http://127.0.0.1:9")).build();

    assertThat(provider.ping()).isFalse();
    assertThat(provider.serverVersion()).isEmpty();
  }

  @Test
  void requestWithoutModelIsRejectedAtOnce() {
    start();

    assertThatThrownBy(() -> provider.generate(GenerationRequest.of("hi")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("model");
  }

  @Test
  void sendsExtraHeadersWithEveryRequest() {
    server.models(ScriptedModel.of("m", "x")).start();
    provider =
        OllamaProvider.builder()
            .baseUrl(server.baseUrl())
            .header("Authorization", "Bearer s3cret")
            .header("X-Team", "blue")
            .build();

    provider.listModels();
    provider.generate(ask("m", "x").build());

    assertThat(server.requests())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.header("Authorization")).hasValue("Bearer s3cret");
              assertThat(r.header("X-Team")).hasValue("blue");
            });
  }

  @Test
  void messagesKeepTheirRolesInOrder() {
    start(ScriptedModel.of("m", "x"));

    provider.generate(
        GenerationRequest.builder()
            .model("m")
            .addMessage(ChatMessage.user("a"))
            .addMessage(ChatMessage.assistant("b"))
            .addMessage(ChatMessage.user("c"))
            .build());

    assertThat(server.takeRequest().messages())
        .extracting(m -> m.get("role"))
        .containsExactly("user", "assistant", "user");
  }

  @Test
  void aListenerThatThrowsFailsTheCallWithItsException() {
    start(ScriptedModel.of("m", "a b c"));

    assertThatThrownBy(
            () ->
                provider.generate(
                    ask("m", "x").build(),
                    chunk -> {
                      throw new IllegalStateException("listener bug");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener bug");
  }
}
