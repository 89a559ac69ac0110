package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ServerBusyException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verbatim response examples of the wire-format reference (sections 5 and 8, taken from
 * Ollama's docs and tests), served byte for byte by a bare HTTP server, parsed by the provider.
 */
class ReferenceFixturesTest {

  private static final String TAGS =
      """
      {
        "models": [
          {
            "name": "deepseek-r1:latest",
            "model": "deepseek-r1:latest",
            "modified_at": "2025-05-10T08:06:48.639712648-07:00",
            "size": 4683075271,
            "digest": "0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163",
            "details": {
              "parent_model": "",
              "format": "gguf",
              "family": "qwen2",
              "families": ["qwen2"],
              "parameter_size": "7.6B",
              "quantization_level": "Q4_K_M"
            }
          },
          {
            "name": "llama3.2:latest",
            "model": "llama3.2:latest",
            "modified_at": "2025-05-04T17:37:44.706015396-07:00",
            "size": 2019393189,
            "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
            "details": {
              "parent_model": "",
              "format": "gguf",
              "family": "llama",
              "families": ["llama"],
              "parameter_size": "3.2B",
              "quantization_level": "Q4_K_M"
            }
          }
        ]
      }""";

  private static final String GENERATE_STRUCTURED =
      """
      {
        "model": "llama3.1:8b",
        "created_at": "2024-12-06T00:48:09.983619Z",
        "response": "{\\n  \\"age\\": 22,\\n  \\"available\\": true\\n}",
        "done": true,
        "done_reason": "stop",
        "context": [1, 2, 3],
        "total_duration": 1075509083,
        "load_duration": 567678166,
        "prompt_eval_count": 28,
        "prompt_eval_duration": 236000000,
        "eval_count": 16,
        "eval_duration": 269000000
      }""";

  private static final String GENERATE_MODERN =
      """
      {
        "model": "gemma4",
        "created_at": "2025-10-17T23:14:07.414671Z",
        "response": "Hello! How can I help you today?",
        "done": true,
        "done_reason": "stop",
        "total_duration": 174560334,
        "load_duration": 101397084,
        "prompt_eval_count": 11,
        "prompt_eval_duration": 13074791,
        "eval_count": 18,
        "eval_duration": 52479709
      }""";

  private static final String GENERATE_STREAM =
      """
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.097767Z","response":"That","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.109172Z","response":"'","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.121485Z","response":"s","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.132802Z","response":" a","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.143931Z","response":" fantastic","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.155176Z","response":" question","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:15:24.166576Z","response":"!","done":true, "done_reason": "stop"}
      """;

  private static final String CHAT_STREAM =
      """
      {"model":"tinydolphin","created_at":"2025-01-22T11:22:42.180546Z","message":{"role":"assistant","content":" The"},"done":false}
      {"model":"tinydolphin","created_at":"2025-01-22T11:22:42.186813Z","message":{"role":"assistant","content":" capital"},"done":false}
      {"model":"tinydolphin","created_at":"2025-01-22T11:22:42.223184Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":181553584,"load_duration":27906292,"prompt_eval_count":36,"prompt_eval_duration":109000000,"eval_count":8,"eval_duration":42000000}
      """;

  private static final String CHAT_TOOL_CALL =
      """
      {
        "model": "llama3.2",
        "created_at": "2025-07-07T20:32:53.844124Z",
        "message": {
          "role": "assistant",
          "content": "",
          "tool_calls": [
            {
              "function": {
                "name": "get_weather",
                "arguments": {
                  "city": "Tokyo"
                }
              }
            }
          ]
        },
        "done_reason": "stop",
        "done": true,
        "total_duration": 3244883583,
        "load_duration": 2969184542,
        "prompt_eval_count": 169,
        "prompt_eval_duration": 141656333,
        "eval_count": 18,
        "eval_duration": 133293625
      }""";

  private static final String MID_STREAM_ERROR =
      """
      {"model":"gemma4","created_at":"2025-10-26T17:21:21.196249Z","response":" Yes","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:21:21.207235Z","response":".","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:21:21.219166Z","response":"I","done":false}
      {"model":"gemma4","created_at":"2025-10-26T17:21:21.231094Z","response":"can","done":false}
      {"error":"an error was encountered while running the model"}
      """;

  private static final String PS =
      "{\"models\":[{\"name\":\"mistral:latest\",\"model\":\"mistral:latest\",\"size\":5137025024,"
          + "\"digest\":\"2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8\",\"details\":{\"parent_model\":\"\","
          + "\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],\"parameter_size\":\"7.2B\",\"quantization_level\":\"Q4_0\"},"
          + "\"expires_at\":\"2024-06-04T14:38:31.83753-07:00\",\"size_vram\":5137025024}]}";

  private static final String UNLOAD =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-09-12T03:54:03.516566Z\","
          + "\"response\":\"\",\"done\":true,\"done_reason\":\"unload\"}";

  /** A response to serve for a path: status, content type and body. */
  private record Canned(int status, String contentType, String body) {}

  private final Map<String, Canned> canned = new ConcurrentHashMap<>();
  private HttpServer http;
  private OllamaProvider provider;

  @BeforeEach
  void startBareServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          Canned c =
              canned.getOrDefault(
                  ex.getRequestURI().getPath(),
                  new Canned(404, "text/plain", "404 page not found"));
          byte[] b = c.body().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", c.contentType());
          ex.sendResponseHeaders(c.status(), b.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
          }
        });
    http.start();
    provider =
        OllamaProvider.builder()
            .baseUrl(URI.create("http://127.0.0.1:" + http.getAddress().getPort()))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    http.stop(0);
  }

  private void serve(String path, int status, String contentType, String body) {
    canned.put(path, new Canned(status, contentType, body));
  }

  private static GenerationRequest chat(String model) {
    return GenerationRequest.builder().model(model).user("x").build();
  }

  private static GenerationRequest generate(String model, boolean stream) {
    return GenerationRequest.builder().model(model).prompt("x").stream(stream).build();
  }

  @Test
  void parsesTheTagsExample() {
    serve("/api/tags", 200, "application/json; charset=utf-8", TAGS);

    List<ModelDescriptor> models = provider.listModels();

    assertThat(models)
        .extracting(ModelDescriptor::name)
        .containsExactly("deepseek-r1:latest", "llama3.2:latest");
    assertThat(models.get(0).sizeBytes()).hasValue(4683075271L);
    assertThat(models.get(0).family()).hasValue("qwen2");
    assertThat(models.get(0).parameterSize()).hasValue("7.6B");
    assertThat(models.get(0).quantization()).hasValue("Q4_K_M");
    assertThat(models.get(1).digest())
        .hasValue("a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72");
    assertThat(models.get(1).capabilities()).isEmpty();
  }

  @Test
  void parsesBothNonStreamingGenerateExamples() {
    serve("/api/generate", 200, "application/json; charset=utf-8", GENERATE_STRUCTURED);
    GenerationResult structured = provider.generate(generate("llama3.1:8b", false));
    serve("/api/generate", 200, "application/json; charset=utf-8", GENERATE_MODERN);
    GenerationResult modern = provider.generate(generate("gemma4", false));

    assertThat(structured.text()).isEqualTo("{\n  \"age\": 22,\n  \"available\": true\n}");
    assertThat(structured.model()).isEqualTo("llama3.1:8b");
    assertThat(structured.doneReason()).hasValue("stop");
    assertThat(structured.serverTotalTime()).hasValue(Duration.ofNanos(1075509083));
    assertThat(structured.loadTime()).hasValue(Duration.ofNanos(567678166));
    assertThat(structured.promptTokens()).hasValue(28);
    assertThat(structured.promptEvalTime()).hasValue(Duration.ofMillis(236));
    assertThat(structured.completionTokens()).hasValue(16);
    assertThat(structured.evalTime()).hasValue(Duration.ofMillis(269));
    assertThat(modern.text()).isEqualTo("Hello! How can I help you today?");
    assertThat(modern.tokensPerSecond())
        .hasValueSatisfying(
            t ->
                assertThat(t)
                    .isCloseTo(18 / 0.052479709, org.assertj.core.data.Offset.offset(0.01)));
  }

  @Test
  void parsesTheStreamedGenerateExampleWhoseFinalLineCarriesText() {
    serve("/api/generate", 200, "application/x-ndjson", GENERATE_STREAM);
    List<String> chunks = new ArrayList<>();

    GenerationResult r = provider.generate(generate("gemma4", true), chunks::add);

    assertThat(r.text()).isEqualTo("That's a fantastic question!");
    assertThat(chunks).hasSize(7).endsWith("!");
    assertThat(r.doneReason()).hasValue("stop");
    assertThat(r.loadTime()).isEmpty();
    assertThat(r.completionTokens()).isEmpty();
    assertThat(r.timeToFirstToken()).isPresent();
  }

  @Test
  void parsesTheStreamedChatExampleWithItsMetricsLine() {
    serve("/api/chat", 200, "application/x-ndjson", CHAT_STREAM);

    GenerationResult r = provider.generate(chat("tinydolphin"));

    assertThat(r.text()).isEqualTo(" The capital");
    assertThat(r.serverTotalTime()).hasValue(Duration.ofNanos(181553584));
    assertThat(r.loadTime()).hasValue(Duration.ofNanos(27906292));
    assertThat(r.promptTokens()).hasValue(36);
    assertThat(r.promptEvalTime()).hasValue(Duration.ofMillis(109));
    assertThat(r.completionTokens()).hasValue(8);
    assertThat(r.evalTime()).hasValue(Duration.ofMillis(42));
  }

  @Test
  void aWholeJsonObjectAnsweringAStreamingRequestIsStillParsedAndPassedToTheListener() {
    serve("/api/generate", 200, "application/json; charset=utf-8", GENERATE_STRUCTURED);
    List<String> chunks = new ArrayList<>();

    GenerationResult r = provider.generate(generate("llama3.1:8b", true), chunks::add);

    assertThat(r.text()).startsWith("{\n  \"age\": 22");
    assertThat(chunks).containsExactly(r.text());
    assertThat(r.completionTokens()).hasValue(16);
  }

  @Test
  void parsesTheToolCallExampleAsEmptyTextWithMetrics() {
    serve("/api/chat", 200, "application/json; charset=utf-8", CHAT_TOOL_CALL);

    GenerationResult r =
        provider.generate(
            GenerationRequest.builder().model("llama3.2").user("weather?").stream(false).build());

    assertThat(r.text()).isEmpty();
    assertThat(r.loadTime()).hasValue(Duration.ofNanos(2969184542L));
    assertThat(r.completionTokens()).hasValue(18);
  }

  @Test
  void mapsTheErrorExamples() {
    serve(
        "/api/chat", 503, "application/json; charset=utf-8", "{\"error\":\"model is overloaded\"}");
    assertThatThrownBy(() -> provider.generate(chat("m")))
        .isInstanceOf(ServerBusyException.class)
        .hasMessageContaining("model is overloaded");
    serve(
        "/api/chat", 429, "application/json; charset=utf-8", "{\"error\":\"rate limit exceeded\"}");
    assertThatThrownBy(() -> provider.generate(chat("m")))
        .isInstanceOf(ServerBusyException.class)
        .hasMessageContaining("rate limit exceeded");
    serve(
        "/api/generate",
        404,
        "application/json; charset=utf-8",
        "{\"error\":\"model '' not found\"}");
    assertThatThrownBy(() -> provider.generate(generate("m", true)))
        .isInstanceOf(ModelNotFoundException.class);
    serve(
        "/api/chat",
        503,
        "application/json; charset=utf-8",
        "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
    assertThatThrownBy(() -> provider.generate(chat("m")))
        .isInstanceOf(ServerBusyException.class)
        .hasMessageContaining("maximum pending requests exceeded");
    serve(
        "/api/chat",
        404,
        "application/json",
        "{\"error\":{\"code\":null,\"message\":\"model not found\",\"param\":null,\"type\":\"invalid_request_error\"}}");
    assertThatThrownBy(() -> provider.generate(chat("m")))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("model not found");
  }

  @Test
  void mapsTheMidStreamErrorExample() {
    serve("/api/generate", 200, "application/x-ndjson", MID_STREAM_ERROR);
    List<String> chunks = new ArrayList<>();

    assertThatThrownBy(() -> provider.generate(generate("gemma4", true), chunks::add))
        .isInstanceOf(ProviderServerException.class)
        .hasMessageContaining("an error was encountered while running the model");
    assertThat(String.join("", chunks)).isEqualTo(" Yes.Ican");
  }

  @Test
  void parsesThePsVersionAndUnloadExamples() {
    serve("/api/ps", 200, "application/json; charset=utf-8", PS);
    serve("/api/version", 200, "application/json; charset=utf-8", "{\"version\":\"0.5.1\"}");
    serve("/api/generate", 200, "application/json; charset=utf-8", UNLOAD);

    List<RunningModel> running = provider.runningModels();

    assertThat(running)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.name()).isEqualTo("mistral:latest");
              assertThat(m.sizeBytes()).isEqualTo(5137025024L);
              assertThat(m.sizeVramBytes()).isEqualTo(5137025024L);
              assertThat(m.expiresAt())
                  .hasValue(OffsetDateTime.parse("2024-06-04T14:38:31.83753-07:00"));
              assertThat(m.contextLength()).isEmpty();
            });
    assertThat(provider.serverVersion()).hasValue("0.5.1");
    provider.unload("llama3.2");
  }
}
