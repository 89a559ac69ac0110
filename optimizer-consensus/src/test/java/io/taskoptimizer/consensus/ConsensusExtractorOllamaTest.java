package io.taskoptimizer.consensus;

import static io.taskoptimizer.consensus.ConsensusExtractorTest.A;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.A2;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.B;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.C;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.M1;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.M2;
import static io.taskoptimizer.consensus.ConsensusExtractorTest.M3;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusCandidate.Status;
import io.taskoptimizer.consensus.ConsensusResult.Decision;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real {@link TaskOptimizer} with the real {@link OllamaProvider} against the Ollama
 * test server over HTTP. Timing is asserted through what the server saw (held requests, concurrent
 * generations), never through wall-clock windows.
 */
class ConsensusExtractorOllamaTest {

  @TempDir Path config;

  OllamaTestServer server;
  OllamaProvider provider;
  TaskOptimizer optimizer;

  @BeforeEach
  void rankings() throws IOException {
    Files.writeString(
        config.resolve("model_rankings.json"),
        """
        {
          "job_extraction": [
            {"model": "phi3:3.8b", "quality_score": 0.9, "speed_score": 0.8},
            {"model": "gemma3:1b", "quality_score": 0.85, "speed_score": 0.85},
            {"model": "llama3.2:latest", "quality_score": 0.8, "speed_score": 0.7}
          ]
        }
        """);
  }

  @AfterEach
  void stop() {
    if (optimizer != null) {
      optimizer.close();
    }
    if (provider != null) {
      provider.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private ConsensusExtractor start(ScriptedModel... models) {
    server = OllamaTestServer.create().models(models).start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(config)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .build();
    return ConsensusExtractor.builder(optimizer).build();
  }

  private static ScriptedModel model(String name, String reply, long latencyMillis) {
    return ScriptedModel.builder(name)
        .reply(reply)
        .timeToFirstToken(Duration.ofMillis(latencyMillis))
        .build();
  }

  @Test
  void twoAgreeingModelsRunConcurrentlyAndReachConsensus() throws Exception {
    ConsensusExtractor extractor = start(model(M1, A, 30), model(M2, A2, 40), model(M3, A, 0));
    JobPosting posting = JobPostingsTest.sample("1001");
    // both calls are held at the server until both have arrived: that only happens if they run
    // at the same time (one after the other, the second would never be sent)
    server.enqueueFault(M1, Fault.stall()).enqueueFault(M2, Fault.stall());

    CompletableFuture<ConsensusResult> run =
        CompletableFuture.supplyAsync(() -> extractor.extract(posting));
    List<String> arrived =
        List.of(
            server.takeRequest("/api/chat").model().orElseThrow(),
            server.takeRequest("/api/chat").model().orElseThrow());
    assertThat(run).as("no answer while both calls are held").isNotDone();
    server.releaseStalls();
    ConsensusResult r = run.get(60, TimeUnit.SECONDS);

    assertThat(arrived).containsExactlyInAnyOrder(M1, M2);
    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.model()).contains(M1);
    assertThat(r.output()).contains(A);
    assertThat(server.maxActiveGenerations()).isGreaterThanOrEqualTo(2);
    assertThat(server.requests("/api/chat"))
        .extracting(q -> q.model().orElseThrow())
        .containsExactlyInAnyOrder(M1, M2);
  }

  @Test
  void theRequestsCarryThePostingAndAContextWindowThatFitsIt() {
    ConsensusExtractor extractor = start(model(M1, A, 0), model(M2, A2, 0), model(M3, A, 0));
    JobPosting posting = JobPostingsTest.sample("1002");

    extractor.extract(posting);

    RecordedRequest req = server.requests("/api/chat").get(0);
    assertThat(req.lastUserMessage())
        .get()
        .asString()
        .contains("Prüfung und Kontierung von Eingangsrechnungen", "Answer in English");
    assertThat(req.option("num_ctx")).isPresent();
  }

  @Test
  void aDisagreementIsSettledByTheThirdModelOverHttp() {
    ConsensusExtractor extractor = start(model(M1, B, 0), model(M2, A, 0), model(M3, A2, 0));

    ConsensusResult r = extractor.extract(JobPostingsTest.sample("1003"));

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.agreeingModels()).containsExactly(M2, M3);
    assertThat(optimizer.feedback(TaskType.JOB_EXTRACTION, M3))
        .get()
        .satisfies(f -> assertThat(f.successes()).isEqualTo(1));
  }

  @Test
  void speculativeModeCancelsTheSlowThirdRequest() throws Exception {
    // the third streams a token every 100 ms for about 30 s, so the server notices the abort at
    // once
    ScriptedModel slow = ScriptedModel.builder(M3).reply(C.repeat(20)).tokensPerSecond(10).build();
    ConsensusExtractor extractor =
        ConsensusExtractor.builder(start(model(M1, A, 0), model(M2, A2, 0), slow).optimizer())
            .speculative(true)
            .build();
    // the first two answer only once the third call has reached the server, so there is a
    // running request to cancel (otherwise it may be cancelled before it is even sent)
    server.enqueueFault(M1, Fault.stall()).enqueueFault(M2, Fault.stall());

    CompletableFuture<ConsensusResult> run =
        CompletableFuture.supplyAsync(() -> extractor.extract(JobPostingsTest.sample("1001")));
    // all three must have arrived before the release: a held request that arrives after it waits
    // for the next release, which never comes
    List<RecordedRequest> calls =
        List.of(
            server.takeRequest("/api/chat"),
            server.takeRequest("/api/chat"),
            server.takeRequest("/api/chat"));
    RecordedRequest third =
        calls.stream()
            .filter(q -> q.model().filter(M3::equals).isPresent())
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the third model's request never reached the server: " + calls));
    server.releaseStalls();
    ConsensusResult r = run.get(60, TimeUnit.SECONDS);

    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
    assertThat(r.candidates())
        .extracting(ConsensusCandidate::status)
        .containsExactly(Status.SUCCEEDED, Status.SUCCEEDED, Status.CANCELLED);
    assertThat(third.awaitOutcome(Duration.ofSeconds(30)))
        .isEqualTo(RecordedRequest.Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void aModelTheServerDoesNotHaveIsSkippedAndTheRestReachConsensus() {
    ConsensusExtractor extractor = start(model(M2, A, 0), model(M3, A2, 0));

    ConsensusResult r = extractor.extract(JobPostingsTest.sample("1001"));

    assertThat(r.selectedModels()).isEqualTo(List.of(M2, M3));
    assertThat(r.decision()).isEqualTo(Decision.CONSENSUS);
  }
}
