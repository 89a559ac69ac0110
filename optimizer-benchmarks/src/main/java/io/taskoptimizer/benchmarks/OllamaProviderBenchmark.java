package io.taskoptimizer.benchmarks;

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
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
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
 * {@link OllamaProvider#generate} against the Ollama test server answering instantly (no load, no
 * prompt evaluation, all tokens sent at once), streaming (one NDJSON line per token plus the final
 * metrics line) and non-streaming, on one and two threads, for a short answer (64 tokens) and one
 * of the size of a job extraction (320 tokens, about 2 KB). Requests per second = threads / time
 * per call.
 *
 * <p>The {@code rawHttp*} baselines send the provider's own request bytes (captured from the
 * server) with a bare JDK {@link HttpClient} and read the whole response without parsing it: the
 * floor set by loopback HTTP and the test server. Per-request client overhead = provider time
 * minus raw time: JSON encoding and decoding, permits, timeouts and bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class OllamaProviderBenchmark {

  static final String MODEL = "instant:latest";

  /** Tokens (words) per answer. */
  @Param({"64", "320"})
  public int replyWords;

  private OllamaTestServer server;
  private OllamaProvider provider;
  private HttpClient raw;
  private GenerationRequest streaming;
  private GenerationRequest nonStreaming;
  private HttpRequest rawStreaming;
  private HttpRequest rawNonStreaming;

  /** Starts the server and captures the provider's request bodies for the raw baselines. */
  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < replyWords; i++) {
      reply.append(i == 0 ? "" : " ").append("word").append(i);
    }
    server = OllamaTestServer.create()
        .model(ScriptedModel.builder(MODEL).reply(reply.toString()).parallel(8).build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).maxConcurrentRequests(8).build();
    streaming = GenerationRequest.builder().model(MODEL).user("Say something.").build();
    nonStreaming = streaming.toBuilder().stream(false).build();

    check(provider.generate(streaming), replyWords);
    check(provider.generate(nonStreaming), replyWords);
    List<RecordedRequest> chats = server.requests("/api/chat"); // in call order
    if (chats.size() != 2 || !chats.get(1).body().replace(" ", "").contains("\"stream\":false")) {
      throw new IllegalStateException("Unexpected requests: " + chats);
    }
    rawStreaming = post(server.baseUrl(), chats.get(0).body());
    rawNonStreaming = post(server.baseUrl(), chats.get(1).body());
    server.recordRequests(false);
    server.clearRequests();
    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    if (rawStreamingCall() < replyWords || rawNonStreamingCall() < 100) {
      throw new IllegalStateException("The raw baselines did not get whole answers");
    }
  }

  private static void check(GenerationResult r, int words) {
    if (r.text().split(" ").length != words) {
      throw new IllegalStateException("Unexpected answer: " + r.text());
    }
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
    server.close();
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

  private long rawStreamingCall() {
    // the same line subscriber the provider uses, so the baseline does not pay for a blocking stream
    LineCounter lines = new LineCounter();
    try {
      return raw.send(rawStreaming,
          info -> HttpResponse.BodySubscribers.fromLineSubscriber(lines, LineCounter::count,
              StandardCharsets.UTF_8, "\n"))
          .body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
    try {
      return raw.send(rawNonStreaming, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
