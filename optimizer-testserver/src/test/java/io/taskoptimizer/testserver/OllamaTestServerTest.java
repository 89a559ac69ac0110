package io.taskoptimizer.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaTestServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final OllamaTestServer server = OllamaTestServer.create();

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.baseUrl().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.baseUrl().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> lines(String body) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : body.lines().toList()) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void rootSaysOllamaIsRunningAndVersionIsReported() throws Exception {
    server.version("0.9.9").start();

    HttpResponse<String> root = get("/");
    HttpResponse<String> version = get("/api/version");

    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).isEqualTo("Ollama is running");
    assertThat(version.body()).isEqualTo("{\"version\":\"0.9.9\"}");
  }

  @Test
  void unknownPathIsPlain404AndWrongMethodIs405() throws Exception {
    server.start();

    HttpResponse<String> unknown = get("/api/nope");
    HttpResponse<String> wrongMethod = get("/api/chat");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("404 page not found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
  }

  @Test
  void takeRequestForAPathSkipsOtherPathsAndLeavesThemUntaken() throws Exception {
    server.model(ScriptedModel.of("m", "hi")).start();
    get("/api/tags");
    post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}");
    get("/api/version");

    RecordedRequest generate = server.takeRequest("/api/generate");

    assertThat(generate.path()).isEqualTo("/api/generate");
    assertThat(server.takeRequest().path())
        .as("the skipped request is still first")
        .isEqualTo("/api/tags");
    assertThat(server.takeRequest(r -> r.method().equals("GET"), Duration.ofSeconds(10)))
        .hasValueSatisfying(r -> assertThat(r.path()).isEqualTo("/api/version"));
    assertThat(server.takeRequest(Duration.ZERO)).isEmpty();
  }

  @Test
  void takeRequestForAPathWaitsForALaterRequest() throws Exception {
    server.model(ScriptedModel.of("m", "hi")).start();
    get("/api/tags");
    CompletableFuture<RecordedRequest> taken =
        CompletableFuture.supplyAsync(() -> server.takeRequest("/api/chat"));

    post(
        "/api/chat",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":false}");

    assertThat(taken.get(20, TimeUnit.SECONDS).path()).isEqualTo("/api/chat");
    assertThat(server.takeRequest().path()).isEqualTo("/api/tags");
  }

  @Test
  void tagsListsModelsNewestFirstWithAllFields() throws Exception {
    server
        .model(
            ScriptedModel.builder("old").modifiedAt(Instant.parse("2025-01-01T00:00:00Z")).build())
        .model(
            ScriptedModel.builder("new:7b")
                .modifiedAt(Instant.parse("2025-05-10T15:06:48.639712648Z"))
                .family("qwen2")
                .parameterSize("7.6B")
                .capabilities("completion", "tools")
                .build())
        .zone(ZoneId.of("America/Los_Angeles"))
        .start();

    JsonNode tags = JSON.readTree(get("/api/tags").body());

    assertThat(tags.path("models")).hasSize(2);
    JsonNode first = tags.path("models").get(0);
    assertThat(first.path("name").asText()).isEqualTo("new:7b");
    assertThat(first.path("model").asText()).isEqualTo("new:7b");
    assertThat(first.path("modified_at").asText()).isEqualTo("2025-05-10T08:06:48.639712648-07:00");
    assertThat(first.path("digest").asText()).hasSize(64);
    assertThat(first.path("size").asLong()).isPositive();
    assertThat(first.path("details").path("family").asText()).isEqualTo("qwen2");
    assertThat(first.path("details").path("families").get(0).asText()).isEqualTo("qwen2");
    assertThat(first.path("details").path("parameter_size").asText()).isEqualTo("7.6B");
    assertThat(first.path("details").path("quantization_level").asText()).isEqualTo("Q4_K_M");
    assertThat(first.path("details").path("format").asText()).isEqualTo("gguf");
    assertThat(first.path("capabilities").toString()).isEqualTo("[\"completion\",\"tools\"]");
    assertThat(tags.path("models").get(1).path("name").asText()).isEqualTo("old:latest");
  }

  @Test
  void emptyServerListsNoModelsAsEmptyArrays() throws Exception {
    server.start();

    assertThat(get("/api/tags").body()).isEqualTo("{\"models\":[]}");
    assertThat(get("/api/ps").body()).isEqualTo("{\"models\":[]}");
    assertThat(get("/v1/models").body()).isEqualTo("{\"object\":\"list\",\"data\":null}");
  }

  @Test
  void chatStreamsOneFlushedLinePerTokenThenADoneLineWithMetrics() throws Exception {
    server.model(ScriptedModel.of("llama3.2", "The capital is Paris.")).start();

    HttpResponse<String> r =
        post(
            "/api/chat",
            "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Capital of France?\"}]}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    List<JsonNode> lines = lines(r.body());
    assertThat(lines).hasSize(5);
    StringBuilder text = new StringBuilder();
    for (JsonNode l : lines.subList(0, 4)) {
      assertThat(l.path("done").asBoolean()).isFalse();
      assertThat(l.path("model").asText()).isEqualTo("llama3.2");
      assertThat(l.path("message").path("role").asText()).isEqualTo("assistant");
      assertThat(l.has("total_duration")).isFalse();
      text.append(l.path("message").path("content").asText());
    }
    assertThat(text).hasToString("The capital is Paris.");
    JsonNode done = lines.get(4);
    assertThat(done.path("done").asBoolean()).isTrue();
    assertThat(done.path("done_reason").asText()).isEqualTo("stop");
    assertThat(done.path("message").path("content").asText()).isEmpty();
    assertThat(done.path("eval_count").asInt()).isEqualTo(4);
    assertThat(done.path("prompt_eval_count").asInt()).isPositive();
    assertThat(done.path("total_duration").asLong()).isPositive();
    assertThat(done.path("load_duration").asLong()).isPositive();
    assertThat(done.path("created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z");
  }

  @Test
  void generateWithoutStreamingAnswersOneJsonObject() throws Exception {
    server.model(ScriptedModel.of("gemma3:1b", "Hello! How can I help?")).start();

    HttpResponse<String> r =
        post("/api/generate", "{\"model\":\"gemma3:1b\",\"prompt\":\"Hi\",\"stream\":false}");

    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("response").asText()).isEqualTo("Hello! How can I help?");
    assertThat(body.path("done").asBoolean()).isTrue();
    assertThat(body.path("done_reason").asText()).isEqualTo("stop");
    assertThat(body.path("context").isArray()).isTrue();
    assertThat(body.path("eval_count").asInt()).isEqualTo(5);
    assertThat(r.body()).doesNotContain("\n");
  }

  @Test
  void errorsHaveOllamasExactStatusesAndBodies() throws Exception {
    server.model(ScriptedModel.of("llama3.2", "x")).start();

    assertThat(post("/api/chat", "{\"model\":\"nope\",\"messages\":[]}"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
        .satisfies(r -> assertThat(r.body()).isEqualTo("{\"error\":\"model 'nope' not found\"}"));
    assertThat(post("/api/chat", "{\"messages\":[]}").body())
        .isEqualTo("{\"error\":\"model is required\"}");
    assertThat(post("/api/generate", "{}"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
        .satisfies(r -> assertThat(r.body()).isEqualTo("{\"error\":\"model '' not found\"}"));
    assertThat(post("/api/show", "{}").statusCode()).isEqualTo(400);
    assertThat(post("/api/chat", "").body()).isEqualTo("{\"error\":\"missing request body\"}");
    assertThat(post("/api/chat", "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> badOption =
        post(
            "/api/generate",
            "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"options\":{\"num_ctx\":\"4096\"}}");
    assertThat(badOption.statusCode()).isEqualTo(500);
    assertThat(badOption.body())
        .isEqualTo("{\"error\":\"option \\\"num_ctx\\\" must be of type integer\"}");
    HttpResponse<String> badKeepAlive =
        post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"keep_alive\":\"-1\"}");
    assertThat(badKeepAlive.statusCode()).isEqualTo(400);
    assertThat(badKeepAlive.body())
        .isEqualTo("{\"error\":\"time: missing unit in duration \\\"-1\\\"\"}");
    HttpResponse<String> think =
        post(
            "/api/chat",
            "{\"model\":\"llama3.2\",\"think\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(think.statusCode()).isEqualTo(400);
    assertThat(think.body())
        .isEqualTo("{\"error\":\"\\\"llama3.2\\\" does not support thinking\"}");
  }

  @Test
  void bareNameMatchesLatestTagAndIsEchoedAsSent() throws Exception {
    server.model(ScriptedModel.of("llama3.2:latest", "ok")).start();

    JsonNode body =
        JSON.readTree(
            post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"stream\":false}")
                .body());

    assertThat(body.path("model").asText()).isEqualTo("llama3.2");
    assertThat(body.path("response").asText()).isEqualTo("ok");
  }

  @Test
  void loadOnlyRequestsLoadAndUnloadTheModel() throws Exception {
    server.model(ScriptedModel.of("llama3.2", "x")).start();

    JsonNode load =
        JSON.readTree(post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[]}").body());
    List<String> loaded = server.loadedModels();
    JsonNode unload =
        JSON.readTree(post("/api/generate", "{\"model\":\"llama3.2\",\"keep_alive\":0}").body());

    assertThat(load.path("done_reason").asText()).isEqualTo("load");
    assertThat(load.path("message").path("content").asText()).isEmpty();
    assertThat(loaded).containsExactly("llama3.2:latest");
    assertThat(unload.path("done_reason").asText()).isEqualTo("unload");
    assertThat(server.loadedModels()).isEmpty();
  }

  @Test
  void coldLoadDelaysTheStatusLineAndIsReportedAsLoadDuration() throws Exception {
    Duration coldLoad = Duration.ofMillis(150);
    server.model(ScriptedModel.builder("slow").coldLoad(coldLoad).build()).start();
    String body = "{\"model\":\"slow\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    long start = System.nanoTime();
    HttpResponse<InputStream> cold =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersAfter = System.nanoTime() - start;
    List<JsonNode> coldLines =
        lines(new String(cold.body().readAllBytes(), StandardCharsets.UTF_8));
    List<JsonNode> warmLines = lines(post("/api/chat", body).body());

    assertThat(Duration.ofNanos(headersAfter)).isGreaterThanOrEqualTo(coldLoad);
    assertThat(coldLines.get(coldLines.size() - 1).path("load_duration").asLong())
        .isGreaterThanOrEqualTo(coldLoad.toNanos());
    // the warm call's measured load_duration has no upper bound on a loaded machine;
    // scriptedTimings
    // (below) is what makes it exact
    assertThat(warmLines.get(warmLines.size() - 1).path("done").asBoolean()).isTrue();
  }

  @Test
  void scriptedTimingsReportTheScriptsDurationsExactly() throws Exception {
    server
        .scriptedTimings(true)
        .model(
            ScriptedModel.builder("slow")
                .reply("one two three")
                .coldLoad(Duration.ofMillis(150))
                .timeToFirstToken(Duration.ofMillis(40))
                .tokensPerSecond(100)
                .build())
        .start();
    String body = "{\"model\":\"slow\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    List<JsonNode> cold = lines(post("/api/chat", body).body());
    List<JsonNode> warm = lines(post("/api/chat", body).body());

    JsonNode c = cold.get(cold.size() - 1);
    JsonNode w = warm.get(warm.size() - 1);
    long tokens = w.path("eval_count").asLong();
    assertThat(tokens).isPositive();
    assertThat(c.path("load_duration").asLong()).isEqualTo(150_000_000L);
    assertThat(w.has("load_duration")).as("no load when warm").isFalse();
    assertThat(w.path("prompt_eval_duration").asLong()).isEqualTo(40_000_000L);
    assertThat(w.path("eval_duration").asLong()).isEqualTo(tokens * 10_000_000L);
    assertThat(w.path("total_duration").asLong()).isEqualTo(40_000_000L + tokens * 10_000_000L);
    assertThat(c.path("total_duration").asLong())
        .isEqualTo(150_000_000L + w.path("total_duration").asLong());
  }

  @Test
  void keepAliveExpiryMakesTheNextCallCold() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Duration coldLoad = Duration.ofMillis(80);
    server.clock(clock).model(ScriptedModel.builder("m").coldLoad(coldLoad).build()).start();
    String body = "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false,\"keep_alive\":\"10m\"}";
    post("/api/generate", body);

    JsonNode ps = JSON.readTree(get("/api/ps").body());
    clock.advance(Duration.ofMinutes(11));
    List<String> afterExpiry = server.loadedModels();
    JsonNode again = JSON.readTree(post("/api/generate", body).body());

    assertThat(ps.path("models").get(0).path("expires_at").asText())
        .startsWith("2026-01-01T00:10:00");
    assertThat(ps.path("models").get(0).path("context_length").asInt()).isEqualTo(4096);
    assertThat(afterExpiry).isEmpty();
    assertThat(again.path("load_duration").asLong()).isGreaterThanOrEqualTo(coldLoad.toNanos());
  }

  @Test
  void changingNumCtxReloadsTheModel() throws Exception {
    Duration coldLoad = Duration.ofMillis(80);
    server.model(ScriptedModel.builder("m").coldLoad(coldLoad).build()).start();
    post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}");

    JsonNode same =
        JSON.readTree(
            post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}").body());
    JsonNode bigger =
        JSON.readTree(
            post(
                    "/api/generate",
                    "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false,\"options\":{\"num_ctx\":8192}}")
                .body());

    assertThat(same.path("load_duration").asLong()).isLessThan(coldLoad.toNanos());
    assertThat(bigger.path("load_duration").asLong()).isGreaterThanOrEqualTo(coldLoad.toNanos());
    assertThat(
            JSON.readTree(get("/api/ps").body())
                .path("models")
                .get(0)
                .path("context_length")
                .asInt())
        .isEqualTo(8192);
  }

  @Test
  void parallelSlotsBoundRequestsInFlight() throws Exception {
    CountDownLatch twoInside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    server
        .model(
            ScriptedModel.builder("m")
                .parallel(2)
                .responder(
                    req -> {
                      twoInside.countDown();
                      await(release);
                      return "done";
                    })
                .build())
        .start();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(
          http.sendAsync(
              HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"x\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    assertThat(twoInside.await(10, TimeUnit.SECONDS)).isTrue();
    waitUntil(() -> server.requestCount() == 5);
    int activeWhileBlocked = server.activeGenerations();
    release.countDown();
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);

    assertThat(activeWhileBlocked).isEqualTo(2);
    assertThat(server.maxInFlight("m")).isEqualTo(2);
    assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
  }

  @Test
  void requestsBeyondTheLoadQueueGet503WithTheExactMessage() throws Exception {
    server
        .model(ScriptedModel.builder("m").coldLoad(Duration.ofMillis(400)).maxQueue(0).build())
        .start();
    CompletableFuture<HttpResponse<String>> loading =
        http.sendAsync(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    waitUntil(() -> server.runtime("m").waitingForLoad.get() == 1);

    HttpResponse<String> busy = post("/api/generate", "{\"model\":\"m\",\"prompt\":\"y\"}");

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.body())
        .isEqualTo(
            "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
    assertThat(busy.headers().firstValue("Retry-After")).isEmpty();
    assertThat(loading.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void errorLineMidStreamEndsTheStreamWithoutDone() throws Exception {
    server
        .model(
            ScriptedModel.builder("m")
                .reply("one two three four")
                .fault(
                    Fault.errorLineAfterTokens(
                        2, "an error was encountered while running the model"))
                .build())
        .start();

    HttpResponse<String> r = post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\"}");

    List<JsonNode> lines = lines(r.body());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2).toString())
        .isEqualTo("{\"error\":\"an error was encountered while running the model\"}");
    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(5))).isEqualTo(Outcome.FAULT);
  }

  @Test
  void errorLineFaultOnNonStreamingRequestIs500() throws Exception {
    server
        .model(ScriptedModel.builder("m").fault(Fault.errorLineAfterTokens(1, "boom")).build())
        .start();

    HttpResponse<String> r =
        post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("{\"error\":\"boom\"}");
  }

  @Test
  void httpErrorFaultsAnswerBeforeTheFirstByteThenTheModelRecovers() throws Exception {
    server.model(ScriptedModel.of("m", "fine")).start();
    server.enqueueFaults("m", 2, Fault.httpError(429, "rate limit exceeded"));

    int first = post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\"}").statusCode();
    int second = post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\"}").statusCode();
    HttpResponse<String> third =
        post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}");

    assertThat(first).isEqualTo(429);
    assertThat(second).isEqualTo(429);
    assertThat(JSON.readTree(third.body()).path("response").asText()).isEqualTo("fine");
  }

  @Test
  void cutFaultDropsTheConnectionMidStream() throws Exception {
    server
        .model(ScriptedModel.builder("m").reply("a b c d").fault(Fault.cutAfterTokens(2)).build())
        .start();

    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<String> received = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> {
              for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                received.add(l);
              }
            })
        .isInstanceOf(IOException.class);
    assertThat(received).hasSizeLessThanOrEqualTo(2).allMatch(l -> l.contains("\"done\":false"));
  }

  @Test
  void endWithoutDoneFaultEndsTheBodyCleanly() throws Exception {
    server
        .model(
            ScriptedModel.builder("m")
                .reply("a b c d")
                .fault(Fault.endWithoutDoneAfterTokens(3))
                .build())
        .start();

    List<JsonNode> lines =
        lines(post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\"}").body());

    assertThat(lines).hasSize(3).noneMatch(l -> l.path("done").asBoolean());
  }

  @Test
  void rawResponseFaultSendsANonOllamaBody() throws Exception {
    server
        .model(
            ScriptedModel.builder("m")
                .fault(Fault.rawResponse(502, "text/html", "<html>Bad Gateway</html>"))
                .build())
        .start();

    HttpResponse<String> r =
        post("/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).isEqualTo("<html>Bad Gateway</html>");
  }

  @Test
  void stallHoldsTheResponseUntilReleased() throws Exception {
    server
        .model(ScriptedModel.builder("m").reply("late answer").fault(Fault.stall()).build())
        .start();
    CompletableFuture<HttpResponse<String>> call =
        http.sendAsync(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    RecordedRequest rec = server.takeRequest();
    waitUntil(() -> server.activeGenerations() == 1);

    boolean doneBeforeRelease = call.isDone();
    server.releaseStalls();

    assertThat(doneBeforeRelease).isFalse();
    assertThat(JSON.readTree(call.get(10, TimeUnit.SECONDS).body()).path("response").asText())
        .isEqualTo("late answer");
    assertThat(rec.awaitOutcome(Duration.ofSeconds(5))).isEqualTo(Outcome.COMPLETED);
  }

  @Test
  void stopAbortsAStalledRequestAndEndsAllServerThreads() throws Exception {
    server.model(ScriptedModel.builder("m").fault(Fault.stallAfterTokens(1)).build()).start();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    String firstLine = reader.readLine();
    RecordedRequest rec = server.takeRequest();

    server.stop();

    assertThat(firstLine).contains("\"done\":false");
    assertThatThrownBy(
            () -> {
              while (reader.readLine() != null) {
                // drain until the connection drops
              }
            })
        .isInstanceOf(IOException.class);
    assertThat(rec.awaitOutcome(Duration.ofSeconds(5))).isEqualTo(Outcome.SERVER_STOPPED);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(
            t ->
                t.isAlive()
                    && t.getName().startsWith("ollama-test-server-" + server.instanceId() + "-"));
  }

  @Test
  void aStoppedServerRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
    server.model(ScriptedModel.of("m", "hi")).start();
    URI before = server.baseUrl();

    server.stop();
    Throwable refused = null;
    try {
      get("/");
    } catch (ConnectException e) {
      refused = e;
    }
    server.start();

    assertThat(refused).isNotNull();
    assertThat(server.baseUrl()).isEqualTo(before);
    assertThat(get("/").body()).isEqualTo("Ollama is running");
  }

  @Test
  void clientDisconnectIsRecordedAsTheOutcome() throws Exception {
    server
        .model(
            ScriptedModel.builder("m")
                .reply("a b c d e f g h i j k l m n o p")
                .tokensPerSecond(50)
                .build())
        .start();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)).readLine();

    r.body().close();

    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void showReportsTheTrainedContextLengthUnderTheArchitecture() throws Exception {
    server
        .model(ScriptedModel.builder("qwen2.5:7b").family("qwen2").contextLength(32768).build())
        .start();

    JsonNode show = JSON.readTree(post("/api/show", "{\"name\":\"qwen2.5:7b\"}").body());

    assertThat(show.path("model_info").path("general.architecture").asText()).isEqualTo("qwen2");
    assertThat(show.path("model_info").path("qwen2.context_length").asInt()).isEqualTo(32768);
    assertThat(show.path("parameters").isTextual()).isTrue();
    assertThat(post("/api/show", "{\"model\":\"nope\"}").body())
        .isEqualTo("{\"error\":\"model 'nope' not found\"}");
  }

  @Test
  void thinkingModelStreamsThinkingBeforeTheAnswer() throws Exception {
    server
        .model(
            ScriptedModel.builder("qwen3").thinking(req -> "Let me think.").reply("Yes.").build())
        .start();

    List<JsonNode> lines =
        lines(
            post(
                    "/api/chat",
                    "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"user\",\"content\":\"?\"}]}")
                .body());

    assertThat(lines.get(0).path("message").path("thinking").asText()).isEqualTo("Let");
    assertThat(lines.get(0).path("message").path("content").asText()).isEmpty();
    assertThat(lines.get(3).path("message").path("content").asText()).isEqualTo("Yes.");
  }

  @Test
  void numPredictTruncatesWithDoneReasonLengthAndStopCutsTheText() throws Exception {
    server.model(ScriptedModel.of("m", "one two three four END five")).start();

    JsonNode limited =
        JSON.readTree(
            post(
                    "/api/generate",
                    "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false,\"options\":{\"num_predict\":2}}")
                .body());
    JsonNode stopped =
        JSON.readTree(
            post(
                    "/api/generate",
                    "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false,\"options\":{\"stop\":[\" END\"]}}")
                .body());

    assertThat(limited.path("response").asText()).isEqualTo("one two");
    assertThat(limited.path("done_reason").asText()).isEqualTo("length");
    assertThat(stopped.path("response").asText()).isEqualTo("one two three four");
    assertThat(stopped.path("done_reason").asText()).isEqualTo("stop");
  }

  @Test
  void tokensArriveAtTheConfiguredSpeed() throws Exception {
    server
        .model(
            ScriptedModel.builder("m")
                .reply("a b c d e f g h i j")
                .timeToFirstToken(Duration.ofMillis(30))
                .tokensPerSecond(200)
                .build())
        .start();

    JsonNode done =
        JSON.readTree(
            post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}").body());

    assertThat(done.path("prompt_eval_duration").asLong()).isGreaterThanOrEqualTo(30_000_000L);
    assertThat(done.path("eval_duration").asLong()).isGreaterThanOrEqualTo(50_000_000L);
    double tokensPerSecond =
        done.path("eval_count").asDouble() / done.path("eval_duration").asLong() * 1e9;
    assertThat(tokensPerSecond).isLessThanOrEqualTo(200.5);
  }

  @Test
  void htmlCharactersAreEscapedLikeGo() throws Exception {
    server.model(ScriptedModel.of("m", "<b>&</b>")).start();

    String body =
        post("/api/generate", "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}").body();

    assertThat(body).doesNotContain("<b>").containsIgnoringCase("\\u003cb\\u003e\\u0026");
    assertThat(JSON.readTree(body).path("response").asText()).isEqualTo("<b>&</b>");
  }

  @Test
  void recordsWhatTheClientSent() throws Exception {
    server.model(ScriptedModel.of("m", "x")).start();

    post(
        "/api/chat",
        "{\"model\":\"m\",\"stream\":false,\"keep_alive\":300,\"think\":false,\"format\":\"json\","
            + "\"options\":{\"temperature\":0.2,\"num_ctx\":2048},"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Hi\"}]}");
    RecordedRequest r = server.takeRequest();

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/chat");
    assertThat(r.model()).hasValue("m");
    assertThat(r.stream()).hasValue(false);
    assertThat(r.keepAlive()).hasValue(300);
    assertThat(r.think()).hasValue(false);
    assertThat(r.format()).hasValue("json");
    assertThat(r.option("num_ctx")).hasValue(2048);
    assertThat(r.option("temperature")).hasValue(0.2);
    assertThat(r.system()).hasValue("Be brief");
    assertThat(r.lastUserMessage()).hasValue("Hi");
    assertThat(r.promptText()).isEqualTo("Be brief\nHi\n");
    assertThat(r.awaitOutcome(Duration.ofSeconds(5))).isEqualTo(Outcome.COMPLETED);
    assertThat(server.requests("/api/chat")).containsExactly(r);
  }

  @Test
  void openAiChatCompletionsStreamsServerSentEvents() throws Exception {
    server.model(ScriptedModel.of("m", "Hi there")).start();

    HttpResponse<String> sse =
        post(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    HttpResponse<String> plain =
        post(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    HttpResponse<String> missing =
        post(
            "/v1/chat/completions",
            "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(sse.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    String[] frames = sse.body().split("\n\n");
    assertThat(frames).hasSize(5);
    assertThat(frames[0]).startsWith("data: {").contains("\"content\":\"Hi\"");
    assertThat(frames[2]).contains("\"delta\":{}").contains("\"finish_reason\":\"stop\"");
    assertThat(frames[3]).contains("\"usage\":{\"prompt_tokens\"");
    assertThat(frames[4]).isEqualTo("data: [DONE]");
    JsonNode body = JSON.readTree(plain.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Hi there");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("error").path("type").asText())
        .isEqualTo("not_found_error");
  }

  @Test
  void startingTwiceIsRejected() {
    server.start();

    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
  }

  @Test
  void enqueueingAFaultForAnUnknownModelIsRejected() {
    assertThatThrownBy(() -> server.enqueueFault("ghost", Fault.serverBusy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ghost");
  }

  // ---------------------------------------------------------------- helpers

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Spins until the condition holds; fails after 10 s. Not a sleep: no fixed delay. */
  static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 10 s");
      }
      Thread.onSpinWait();
    }
  }

  // ---------------------------------------------------------------- hostile-server faults

  private InputStream openChat(String model) throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/api/chat"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\""
                            + model
                            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void redirectAnswersTheStatusWithALocationAndNothingElse() throws Exception {
    server.model(ScriptedModel.of("m", "x")).start();
    server.enqueueFault("m", Fault.redirect(307, "http://elsewhere.example/api/chat"));

    HttpResponse<String> r =
        post(
            "/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location")).hasValue("http://elsewhere.example/api/chat");
    assertThat(r.body()).isEmpty();
    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10))).isEqualTo(Outcome.FAULT);
    assertThatThrownBy(() -> Fault.redirect(200, "/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endlessTokensStreamValidTokenLinesUntilTheClientDisconnects() throws Exception {
    server
        .model(ScriptedModel.builder("m").fault(Fault.endlessTokens(Duration.ZERO)).build())
        .start();

    try (InputStream in = openChat("m")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (int i = 0; i < 100; i++) {
        JsonNode line = JSON.readTree(reader.readLine());
        assertThat(line.path("message").path("content").asText()).isEqualTo("tok ");
        assertThat(line.path("done").asBoolean()).isFalse();
      }
    }

    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void trickleSendsBytesButNeverAWholeLineUntilTheClientDisconnects() throws Exception {
    server
        .model(ScriptedModel.builder("m").fault(Fault.trickle(Duration.ofMillis(1))).build())
        .start();

    try (InputStream in = openChat("m")) {
      byte[] got = in.readNBytes(200); // longer than the line it cycles through
      assertThat(got).hasSize(200).doesNotContain((byte) '\n');
    }

    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void blankLinesAreOnlyNewlinesAndStopWhenTheServerStops() throws Exception {
    server
        .model(ScriptedModel.builder("m").fault(Fault.blankLines(Duration.ofMillis(1))).build())
        .start();

    try (InputStream in = openChat("m")) {
      assertThat(in.readNBytes(20)).containsOnly((byte) '\n');
      server.stop();
    }

    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.SERVER_STOPPED);
  }
}
