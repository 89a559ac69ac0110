package io.taskoptimizer.benchmarks;

import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The consensus set-up shared by {@link ConsensusBenchmark} and {@link ConsensusBaselineBenchmark}:
 * the Ollama test server with three job-extraction models of fixed latency ({@value #LATENCY_1_MS},
 * {@value #LATENCY_2_MS} and {@value #LATENCY_3_MS} ms from request to the last token, each
 * answering about 2 KB in 300-odd tokens), a real {@link OllamaProvider}, a real {@link
 * TaskOptimizer} with the built-in quality assessors, and a synthetic 8 KB posting.
 *
 * <p>Two deliveries of the answer: {@code burst} (nothing for the whole latency, then every token
 * at once: all client-side parsing happens after the latency, the worst case) and {@code streamed}
 * (a quarter of the latency to the first token, then the tokens evenly spread over the rest, as a
 * model generates them: parsing overlaps with generation).
 */
final class ConsensusFixture implements AutoCloseable {

  static final String M1 = "phi3:3.8b";
  static final String M2 = "gemma3:1b";
  static final String M3 = "llama3.2:latest";
  static final int LATENCY_1_MS = 30;
  static final int LATENCY_2_MS = 40;
  static final int LATENCY_3_MS = 20;

  final Path dir;
  final OllamaTestServer server;
  final OllamaProvider provider;
  final TaskOptimizer optimizer;
  final ConsensusExtractor extractor;
  final JobPosting posting;

  /**
   * @param agree whether the first two models agree; if not, the third agrees with the second
   * @param delivery {@code burst} or {@code streamed}
   */
  ConsensusFixture(boolean agree, String delivery) {
    if (!delivery.equals("burst") && !delivery.equals("streamed")) {
      throw new IllegalArgumentException("delivery must be burst or streamed: " + delivery);
    }
    boolean streamed = delivery.equals("streamed");
    String a = PostingPairs.load("2k-agree").a();
    String a2 = PostingPairs.load("2k-agree").b();
    String other = PostingPairs.load("2k-disagree").b();
    server =
        OllamaTestServer.create()
            .recordRequests(false)
            .models(
                model(M1, agree ? a : other, LATENCY_1_MS, streamed),
                model(M2, agree ? a2 : a, LATENCY_2_MS, streamed),
                model(M3, a2, LATENCY_3_MS, streamed))
            .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    try {
      dir = Files.createTempDirectory("taskopt-bench-consensus-");
      Files.writeString(
          dir.resolve(Fixtures.RANKINGS),
          """
          {
            "job_extraction": [
              {"model": "%s", "quality_score": 0.9, "speed_score": 0.8},
              {"model": "%s", "quality_score": 0.85, "speed_score": 0.8},
              {"model": "%s", "quality_score": 0.8, "speed_score": 0.7}
            ]
          }"""
              .formatted(M1, M2, M3),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .availabilityRefreshInterval(Duration.ofHours(1))
            .build();
    extractor = ConsensusExtractor.builder(optimizer).build();
    posting =
        JobPosting.builder("bench-1", PostingPairs.load("8k-disagree").a())
            .title("Senior Java Developer")
            .location("Hamburg")
            .build();

    ConsensusResult r = extractor.extract(posting);
    List<String> expected = agree ? List.of(M1, M2) : List.of(M2, M3);
    if (r.decision() != ConsensusResult.Decision.CONSENSUS
        || !r.agreeingModels().equals(expected)) {
      throw new IllegalStateException(
          "The "
              + (agree ? "agreeing" : "disagreeing")
              + " scenario decided "
              + r.decision()
              + " with "
              + r.agreeingModels()
              + ", expected consensus of "
              + expected
              + ": "
              + r.explanation());
    }
  }

  private static ScriptedModel model(
      String name, String reply, int latencyMillis, boolean streamed) {
    ScriptedModel.Builder b = ScriptedModel.builder(name).reply(reply).parallel(4);
    if (!streamed) {
      return b.timeToFirstToken(Duration.ofMillis(latencyMillis)).build();
    }
    // the test server ends at first token + tokens / rate, so this makes the total the latency
    double ttftMillis = latencyMillis / 4.0;
    double rate = tokens(reply) / ((latencyMillis - ttftMillis) / 1000.0);
    return b.timeToFirstToken(Duration.ofNanos((long) (ttftMillis * 1e6)))
        .tokensPerSecond(rate)
        .build();
  }

  /**
   * How many tokens the test server streams for a text: a piece starts at each whitespace run after
   * a non-space.
   */
  static int tokens(String text) {
    int n = text.isEmpty() ? 0 : 1;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    optimizer.close();
    provider.close();
    server.close();
    Fixtures.delete(dir);
  }
}
