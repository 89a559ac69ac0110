package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.testserver.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The layers under one consensus call, on the same set-up as {@link ConsensusBenchmark} (the slower
 * of the first two models, {@value ConsensusFixture#LATENCY_2_MS} ms): the provider's request bytes
 * sent with a bare HttpClient (loopback HTTP and the test server, about 300 NDJSON lines read but
 * not parsed), the provider call (adds encoding, parsing and the provider's machinery), and the
 * same call through {@code TaskOptimizer.execute} (adds selection, quality assessment and
 * feedback). Consensus overhead = (consensus - execute) + (execute - provider) + (provider - bare)
 * + (bare - latency).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ConsensusBaselineBenchmark {

  /** How the models deliver their answers; see {@link ConsensusFixture}. */
  @Param({"burst", "streamed"})
  public String delivery;

  private ConsensusFixture fixture;
  private GenerationRequest request;
  private HttpClient bare;
  private HttpRequest bareRequest;
  private AssessmentInput assessment;

  /** Starts the server and captures the provider's request bytes for the bare baseline. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = new ConsensusFixture(true, delivery);
    request = fixture.extractor.requestFor(fixture.posting).withModel(ConsensusFixture.M2);
    fixture.server.clearRequests();
    fixture.server.recordRequests(true);
    fixture.provider.generate(request);
    List<RecordedRequest> chats = fixture.server.requests("/api/chat");
    fixture.server.recordRequests(false);
    fixture.server.clearRequests();
    if (chats.size() != 1) {
      throw new IllegalStateException("Expected one /api/chat request, got " + chats);
    }
    bareRequest =
        HttpRequest.newBuilder(fixture.server.baseUrl().resolve("/api/chat"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chats.get(0).body()))
            .build();
    bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assessment =
        AssessmentInput.of(
            TaskType.JOB_EXTRACTION,
            PostingPairs.load("2k-agree").b(),
            request,
            Optional.of("stop"));
    if (bareCall() < 100) {
      throw new IllegalStateException("The bare call did not stream the answer");
    }
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The provider's request bytes sent with a bare HttpClient, every line read, nothing parsed. */
  @Benchmark
  public long bareHttpCall() {
    return bareCall();
  }

  private long bareCall() {
    OllamaProviderBenchmark.LineCounter lines = new OllamaProviderBenchmark.LineCounter();
    return OllamaProviderBenchmark.send(
        bare,
        bareRequest,
        info ->
            HttpResponse.BodySubscribers.fromLineSubscriber(
                lines, OllamaProviderBenchmark.LineCounter::count, StandardCharsets.UTF_8, "\n"));
  }

  /** The slower model through the provider alone. */
  @Benchmark
  public GenerationResult providerCall() {
    return fixture.provider.generate(request);
  }

  /**
   * What {@code execute} adds on top of the provider call for this answer: the built-in quality
   * assessors on the 2 KB extraction (the prompt includes the 8 KB posting).
   */
  @Benchmark
  public Optional<QualityScore> assessOutput() {
    return fixture.optimizer.assess(assessment);
  }

  /** The slower model through {@code TaskOptimizer.execute}. */
  @Benchmark
  public ExecutionResult optimizerExecute() {
    return fixture.optimizer.execute(TaskType.JOB_EXTRACTION, request);
  }
}
