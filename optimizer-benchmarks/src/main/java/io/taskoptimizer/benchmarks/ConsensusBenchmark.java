package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testkit.OllamaTestServer;
import io.taskoptimizer.testkit.ScriptedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Consensus extraction end to end: a real {@link TaskOptimizer} (with the built-in assessors) and
 * {@link OllamaProvider} against the Ollama test server over loopback HTTP, three models with fixed
 * latencies ({@value #LATENCY_1_MS}, {@value #LATENCY_2_MS} and {@value #LATENCY_3_MS} ms to the
 * first token, then the whole answer of about 2 KB streamed at once).
 *
 * <ul>
 *   <li>{@code agree}: the first two models agree. Overhead = wall time minus the slower model's
 *       {@value #LATENCY_2_MS} ms. Target: under 5 ms.
 *   <li>{@code disagree}: the first two disagree and the third settles it (run after them, as the
 *       consensus is not speculative by default). Overhead = wall time minus
 *       {@value #LATENCY_2_MS} + {@value #LATENCY_3_MS} ms.
 * </ul>
 * {@link #singleCallToTheSlowerModel()} is one {@code execute} of the slower model through the same
 * stack, so that the cost of the HTTP round trip can be told apart from the consensus's own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ConsensusBenchmark {

  static final String M1 = "phi3:3.8b";
  static final String M2 = "gemma3:1b";
  static final String M3 = "llama3.2:latest";
  static final int LATENCY_1_MS = 30;
  static final int LATENCY_2_MS = 40;
  static final int LATENCY_3_MS = 20;

  /** {@code agree} or {@code disagree}. */
  @Param({"agree", "disagree"})
  public String scenario;

  private Path dir;
  private OllamaTestServer server;
  private OllamaProvider provider;
  private TaskOptimizer optimizer;
  private ConsensusExtractor extractor;
  private JobPosting posting;

  /** Starts the server and checks that the scenario decides as intended. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String a = PostingPairs.load("2k-agree").a();
    String a2 = PostingPairs.load("2k-agree").b();
    String other = PostingPairs.load("2k-disagree").b();
    boolean agree = scenario.equals("agree");
    server = OllamaTestServer.create()
        .recordRequests(false)
        .models(model(M1, agree ? a : other, LATENCY_1_MS),
            model(M2, agree ? a2 : a, LATENCY_2_MS),
            model(M3, a2, LATENCY_3_MS))
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    dir = Files.createTempDirectory("taskopt-bench-consensus-");
    Files.writeString(dir.resolve(Fixtures.RANKINGS), """
        {
          "job_extraction": [
            {"model": "%s", "quality_score": 0.9, "speed_score": 0.8},
            {"model": "%s", "quality_score": 0.85, "speed_score": 0.8},
            {"model": "%s", "quality_score": 0.8, "speed_score": 0.7}
          ]
        }""".formatted(M1, M2, M3), StandardCharsets.UTF_8);
    optimizer = TaskOptimizer.builder()
        .configDirectory(dir)
        .provider(provider)
        .feedbackFlushInterval(Duration.ZERO)
        .availabilityRefreshInterval(Duration.ofHours(1))
        .build();
    extractor = ConsensusExtractor.builder(optimizer).build();
    posting = JobPosting.builder("bench-1", PostingPairs.load("8k-disagree").a())
        .title("Senior Java Developer").location("Hamburg").build();

    ConsensusResult r = extractor.extract(posting);
    List<String> expected = agree ? List.of(M1, M2) : List.of(M2, M3);
    if (r.decision() != ConsensusResult.Decision.CONSENSUS || !r.agreeingModels().equals(expected)) {
      throw new IllegalStateException("Scenario " + scenario + " decided " + r.decision() + " with "
          + r.agreeingModels() + ", expected consensus of " + expected + ": " + r.explanation());
    }
  }

  private static ScriptedModel model(String name, String reply, int latencyMillis) {
    return ScriptedModel.builder(name).reply(reply)
        .timeToFirstToken(Duration.ofMillis(latencyMillis)).parallel(4).build();
  }

  /** Stops everything and removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    optimizer.close();
    provider.close();
    server.close();
    try {
      Fixtures.delete(dir);
    } catch (UncheckedIOException e) {
      // best effort
    }
  }

  /** One consensus extraction of the posting. */
  @Benchmark
  public ConsensusResult extract() {
    return extractor.extract(posting);
  }

  /** One execution of the slower of the first two models through the same stack (baseline). */
  @Benchmark
  public ExecutionResult singleCallToTheSlowerModel() {
    return optimizer.execute(TaskType.JOB_EXTRACTION,
        extractor.requestFor(posting).withModel(M2));
  }
}
