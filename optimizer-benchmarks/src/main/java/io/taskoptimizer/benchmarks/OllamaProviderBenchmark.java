package io.taskoptimizer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OllamaProvider#generate} against a server answering instantly (by default the {@link
 * InstantOllamaServer} replaying the Ollama test server's answers; {@code -p server=testkit} for
 * the test server itself: no load, no prompt evaluation, all tokens sent at once), streaming (one
 * NDJSON line per token plus the final metrics line) and non-streaming, on one and two threads, for
 * a short answer (64 tokens) and one of the size of a job extraction (320 tokens, about 2 KB).
 * Requests per second = threads / time per call.
 *
 * <p>The {@code rawHttp*} baselines send the provider's own request bytes (captured from the test
 * server) with a bare JDK {@link HttpClient} and read the whole response without parsing it: the
 * floor set by loopback HTTP and the server. Per-request client overhead = provider time minus raw
 * time: JSON encoding and decoding, permits, timeouts and bookkeeping.
 *
 * <p>The client comparison (issue 16, item 10) runs three clients against the same server in one
 * JVM, one thread, streaming and non-streaming chat, each parsing the answer into its text: {@code
 * providerStreaming}/{@code providerNonStreaming} (ours), {@code langchain4jStreaming}/ {@code
 * langchain4jNonStreaming} (langchain4j-ollama 1.11.0 with its default JDK HTTP client) and {@code
 * bareStreaming}/{@code bareNonStreaming} (a bare {@link HttpClient} sending the provider's request
 * bytes and parsing the answer with Jackson: every line of a stream on the I/O thread, or the whole
 * body). Run them together with {@code java -jar benchmarks.jar
 * 'OllamaProviderBenchmark.(provider|langchain4j|bare)(Non)?Streaming$'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class OllamaProviderBenchmark {

  static final String MODEL = "instant:latest";

  /** Tokens (words) per answer. */
  @Param({"64", "320"})
  public int replyWords;

  /**
   * The server every client talks to: {@code instant} (an {@link InstantOllamaServer} replaying the
   * test server's answers; the default, since the test server's own cost dominates) or {@code
   * testkit} (the {@link OllamaTestServer} itself).
   */
  @Param({"instant"})
  public String server;

  private OllamaTestServer testServer;
  private @Nullable InstantOllamaServer instant; // only with server=instant
  private URI base;
  private OllamaProvider provider;
  private HttpClient raw;
  private GenerationRequest streaming;
  private GenerationRequest nonStreaming;
  private HttpRequest rawStreaming;
  private HttpRequest rawNonStreaming;
  private final ObjectMapper mapper = new ObjectMapper();
  private OllamaChatModel langchain4j;
  private OllamaStreamingChatModel langchain4jStreaming;
  private ChatRequest langchain4jRequest;

  /** Starts the server and captures the provider's request bodies for the raw baselines. */
  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < replyWords; i++) {
      reply.append(i == 0 ? "" : " ").append("word").append(i);
    }
    testServer =
        OllamaTestServer.create()
            .model(ScriptedModel.builder(MODEL).reply(reply.toString()).parallel(8).build())
            .start();
    provider =
        OllamaProvider.builder().baseUrl(testServer.baseUrl()).maxConcurrentRequests(8).build();
    streaming = GenerationRequest.builder().model(MODEL).user("Say something.").build();
    nonStreaming = streaming.toBuilder().stream(false).build();

    check(provider.generate(streaming), replyWords);
    check(provider.generate(nonStreaming), replyWords);
    List<RecordedRequest> chats = testServer.requests("/api/chat"); // in call order
    if (chats.size() != 2 || !chats.get(1).body().replace(" ", "").contains("\"stream\":false")) {
      throw new IllegalStateException("Unexpected requests: " + chats);
    }
    testServer.recordRequests(false);
    testServer.clearRequests();
    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    base = testServer.baseUrl();
    if (server.equals("instant")) {
      try {
        byte[] streamBody =
            raw.send(post(base, chats.get(0).body()), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        byte[] wholeBody =
            raw.send(post(base, chats.get(1).body()), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        instant = new InstantOllamaServer(wholeBody, streamBody);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      base = instant.baseUrl();
      provider.close();
      provider = OllamaProvider.builder().baseUrl(base).maxConcurrentRequests(8).build();
      check(provider.generate(streaming), replyWords);
      check(provider.generate(nonStreaming), replyWords);
    } else if (!server.equals("testkit")) {
      throw new IllegalArgumentException("server is instant or testkit: " + server);
    }
    rawStreaming = post(base, chats.get(0).body());
    rawNonStreaming = post(base, chats.get(1).body());
    if (rawStreamingCall() < replyWords || rawNonStreamingCall() < 100) {
      throw new IllegalStateException("The raw baselines did not get whole answers");
    }
    langchain4j =
        OllamaChatModel.builder()
            .baseUrl(base.toString())
            .modelName(MODEL)
            .timeout(Duration.ofSeconds(60))
            .build();
    langchain4jStreaming =
        OllamaStreamingChatModel.builder()
            .baseUrl(base.toString())
            .modelName(MODEL)
            .timeout(Duration.ofSeconds(60))
            .build();
    langchain4jRequest = ChatRequest.builder().messages(UserMessage.from("Say something.")).build();
    checkText(langchain4jNonStreaming(), replyWords);
    checkText(langchain4jStreaming(), replyWords);
    checkText(bareNonStreaming(), replyWords);
    checkText(bareStreaming(), replyWords);
    testServer.clearRequests();
  }

  private static void checkText(String text, int words) {
    if (text.split(" ").length != words) {
      throw new IllegalStateException("Unexpected answer: " + text);
    }
  }

  private static void check(GenerationResult r, int words) {
    checkText(r.text(), words);
  }

  private static HttpRequest post(URI base, String body) {
    return HttpRequest.newBuilder(base.resolve("/api/chat"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Stops the server and the provider. */
  @TearDown(Level.Trial)
  public void tearDown() {
    provider.close();
    testServer.close();
    if (instant != null) {
      try {
        instant.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Streaming generate, one thread. */
  @Benchmark
  public GenerationResult providerStreaming() {
    return provider.generate(streaming);
  }

  /** Streaming generate, two threads. */
  @Benchmark
  @Threads(2)
  public GenerationResult providerStreaming_2threads() {
    return provider.generate(streaming);
  }

  /** Non-streaming generate, one thread. */
  @Benchmark
  public GenerationResult providerNonStreaming() {
    return provider.generate(nonStreaming);
  }

  /** Non-streaming generate, two threads. */
  @Benchmark
  @Threads(2)
  public GenerationResult providerNonStreaming_2threads() {
    return provider.generate(nonStreaming);
  }

  /** The same streaming exchange with a bare HttpClient, reading every line. */
  @Benchmark
  public long rawHttpStreaming() {
    return rawStreamingCall();
  }

  /** The bare streaming exchange on two threads. */
  @Benchmark
  @Threads(2)
  public long rawHttpStreaming_2threads() {
    return rawStreamingCall();
  }

  /** The same non-streaming exchange with a bare HttpClient, reading the whole body. */
  @Benchmark
  public long rawHttpNonStreaming() {
    return rawNonStreamingCall();
  }

  /** The bare non-streaming exchange on two threads. */
  @Benchmark
  @Threads(2)
  public long rawHttpNonStreaming_2threads() {
    return rawNonStreamingCall();
  }

  /** Non-streaming chat with langchain4j-ollama 1.11.0, one thread. */
  @Benchmark
  public String langchain4jNonStreaming() {
    return langchain4j.chat(langchain4jRequest).aiMessage().text();
  }

  /**
   * Streaming chat with langchain4j-ollama 1.11.0, one thread, waiting for the complete response.
   */
  @Benchmark
  public String langchain4jStreaming() {
    CompletableFuture<String> done = new CompletableFuture<>();
    langchain4jStreaming.chat(
        langchain4jRequest,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partialResponse) {
            // the text is assembled by langchain4j into the complete response
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response.aiMessage().text());
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return await(done);
  }

  /** The non-streaming exchange with a bare HttpClient, the answer parsed with Jackson. */
  @Benchmark
  public String bareNonStreaming() {
    try {
      return mapper
          .readTree(send(rawNonStreaming, HttpResponse.BodyHandlers.ofByteArray()))
          .path("message")
          .path("content")
          .asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return send(raw, request, handler);
  }

  /** A bare exchange's body; failures become unchecked (the interrupt flag is kept). */
  static <T> T send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler).body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The streaming exchange with a bare HttpClient, every line parsed with Jackson on the I/O
   * thread.
   */
  @Benchmark
  public String bareStreaming() {
    JsonLines lines = new JsonLines(mapper);
    return send(
        rawStreaming,
        info ->
            HttpResponse.BodySubscribers.fromLineSubscriber(
                lines, JsonLines::text, StandardCharsets.UTF_8, "\n"));
  }

  private static String await(CompletableFuture<String> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Parses the lines of a streamed chat answer with Jackson and joins their content. */
  static final class JsonLines implements Flow.Subscriber<String> {
    private final ObjectMapper mapper;
    private final StringBuilder text = new StringBuilder();

    JsonLines(ObjectMapper mapper) {
      this.mapper = mapper;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.isBlank()) {
        return;
      }
      try {
        JsonNode n = mapper.readTree(line);
        text.append(n.path("message").path("content").asText(""));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the send() call reports it
    }

    @Override
    public void onComplete() {
      // the send() call returns
    }

    String text() {
      return text.toString();
    }
  }

  private long rawStreamingCall() {
    // the same line subscriber the provider uses, so the baseline does not pay for a blocking
    // stream
    LineCounter lines = new LineCounter();
    return send(
        rawStreaming,
        info ->
            HttpResponse.BodySubscribers.fromLineSubscriber(
                lines, LineCounter::count, StandardCharsets.UTF_8, "\n"));
  }

  /** Counts the lines of a streamed body, requesting them all at once. */
  static final class LineCounter implements Flow.Subscriber<String> {
    private long lines;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      lines++;
    }

    @Override
    public void onError(Throwable throwable) {
      // the send() call reports it
    }

    @Override
    public void onComplete() {
      // the send() call returns
    }

    long count() {
      return lines;
    }
  }

  private long rawNonStreamingCall() {
    return send(rawNonStreaming, HttpResponse.BodyHandlers.ofByteArray()).length;
  }
}
