package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.IncompleteResponseException;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.MutableClock;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing, failover and health of {@link OllamaCluster} against several {@link OllamaTestServer}
 * hosts. Synchronisation is by recorded requests and futures; time for the circuit breaker comes
 * from a fake clock.
 */
class OllamaClusterTest {

  private final OllamaTestServer a = OllamaTestServer.create();
  private final OllamaTestServer b = OllamaTestServer.create();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private OllamaCluster cluster;

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
    a.stop();
    b.stop();
  }

  private OllamaCluster.Builder builder() {
    return OllamaCluster.builder()
        .clock(clock)
        .refreshInterval(Duration.ZERO)
        .addHost(OllamaHostSpec.of(a.baseUrl()).withName("a"))
        .addHost(OllamaHostSpec.of(b.baseUrl()).withName("b"));
  }

  private static GenerationRequest ask(String model) {
    return GenerationRequest.builder().model(model).user("hello").build();
  }

  private static long generations(OllamaTestServer s) {
    return s.requests().stream().filter(OllamaClusterTest::isGeneration).count();
  }

  private static boolean isGeneration(RecordedRequest r) {
    return (r.path().equals("/api/chat") || r.path().equals("/api/generate"))
        && !r.body().contains("\"messages\":[]");
  }

  /**
   * Blocks until the server has received a generation request (the latch is the server's queue).
   */
  private static void awaitGeneration(OllamaTestServer s) {
    while (true) {
      RecordedRequest r = s.takeRequest();
      if (isGeneration(r)) {
        return;
      }
    }
  }

  @Test
  void callsGoOnlyToHostsThatServeTheModel() {
    a.model(ScriptedModel.of("alpha", "from a")).start();
    b.model(ScriptedModel.of("beta", "from b")).start();
    cluster = builder().build();

    GenerationResult fromB = cluster.generate(ask("beta"));
    assertThat(fromB.text()).isEqualTo("from b");
    assertThat(fromB.host()).as("the result names the host that served it").contains("b");
    assertThat(cluster.generate(ask("alpha")).text()).isEqualTo("from a");
    assertThat(generations(a)).isEqualTo(1);
    assertThat(generations(b)).isEqualTo(1);
    assertThatThrownBy(() -> cluster.generate(ask("gamma")))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("not served by any of the Ollama hosts (a, b)");
    assertThat(cluster.listModels())
        .extracting(ModelDescriptor::name)
        .contains("alpha:latest", "beta:latest");
  }

  @Test
  void prefersTheHostWhereTheModelIsLoaded() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    cluster = builder().build();
    cluster.refresh();
    assertThat(cluster.expectedHost("m")).contains("a"); // nothing loaded: first host

    try (OllamaProvider direct = OllamaProvider.builder().baseUrl(b.baseUrl()).build()) {
      direct.warmUp("m", Duration.ofMinutes(5));
    }
    cluster.refresh(); // reads /api/ps

    assertThat(cluster.hosts().get(1).loadedModels()).containsExactly("m:latest");
    assertThat(cluster.expectedHost("m")).contains("b");
    assertThat(cluster.generate(ask("m")).text()).isEqualTo("b");
  }

  @Test
  void aBusyHostSendsTheNextCallToTheIdleOneAndAFullClusterQueues() throws Exception {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.stall());
    b.enqueueFault("m", Fault.stall());
    cluster = builder().build();
    cluster.refresh();
    a.clearRequests();
    b.clearRequests();

    CompletableFuture<GenerationResult> first = cluster.generateAsync(ask("m"));
    awaitGeneration(a); // the first call holds a's only slot
    CompletableFuture<GenerationResult> second = cluster.generateAsync(ask("m"));
    awaitGeneration(b); // a is full, so the second goes to b
    assertThat(cluster.hosts()).extracting(OllamaHostStatus::inFlight).containsExactly(1, 1);

    CompletableFuture<GenerationResult> third = cluster.generateAsync(ask("m"));
    // both are full: the third waits for a slot instead of overloading a host
    while (cluster.hosts().stream().mapToInt(OllamaHostStatus::queued).sum() == 0) {
      Thread.onSpinWait();
    }
    assertThat(third).isNotDone();
    a.releaseStalls();
    b.releaseStalls();
    assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("a");
    assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("b");
    assertThat(third.get(10, TimeUnit.SECONDS).text()).isIn("a", "b");
  }

  @Test
  void waitingForASlotEndsWithTheCallsTimeout() throws Exception {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.stall());
    b.enqueueFault("m", Fault.stall());
    cluster = builder().build();
    cluster.refresh();
    a.clearRequests();
    b.clearRequests();
    CompletableFuture<GenerationResult> first = cluster.generateAsync(ask("m"));
    awaitGeneration(a);
    CompletableFuture<GenerationResult> second = cluster.generateAsync(ask("m"));
    awaitGeneration(b);

    // both hosts are held by stalls that only the test releases: the wait can only end by the
    // timeout
    GenerationRequest bounded =
        GenerationRequest.builder().model("m").user("hi").timeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> cluster.generate(bounded))
        .isInstanceOfSatisfying(
            io.taskoptimizer.api.ProviderTimeoutException.class,
            e ->
                assertThat(e.phase())
                    .isEqualTo(io.taskoptimizer.api.ProviderTimeoutException.Phase.OVERALL))
        .hasMessageContaining("No slot of Ollama host 'a' became free");
    assertThat(cluster.hosts())
        .extracting(OllamaHostStatus::circuit)
        .containsExactly("closed", "closed");

    a.releaseStalls();
    b.releaseStalls();
    assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("a");
    assertThat(second.get(10, TimeUnit.SECONDS).text()).isEqualTo("b");
  }

  @Test
  void aHostThatIsDownIsSkippedAndTheCallSucceedsOnAnother() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    cluster = builder().build();
    cluster.refresh();
    a.stop();

    assertThat(cluster.generate(ask("m")).text()).isEqualTo("b");
    assertThat(cluster.hosts().get(0).consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void aServerBusyAnswerFailsOverAtOnce() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.serverBusy());
    cluster = builder().build();

    assertThat(cluster.generate(ask("m")).text()).isEqualTo("b");
    assertThat(generations(a)).isEqualTo(1); // one 503, no retry on the same host
  }

  @Test
  void aFirstByteTimeoutFailsOverToAnotherHost() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.stall());
    // only a has the short budget, so b's answer is never timed on a loaded machine
    cluster =
        OllamaCluster.builder()
            .clock(clock)
            .refreshInterval(Duration.ZERO)
            .addHost(
                OllamaHostSpec.of(a.baseUrl()).withName("a"),
                OllamaProvider.builder()
                    .baseUrl(a.baseUrl())
                    .maxRetries(0)
                    .firstByteTimeout(Duration.ofMillis(300))
                    .build())
            .addHost(OllamaHostSpec.of(b.baseUrl()).withName("b"))
            .build();

    assertThat(cluster.generate(ask("m")).text()).isEqualTo("b");
    assertThat(cluster.hosts().get(0).consecutiveFailures()).isEqualTo(1);
    a.releaseStalls();
  }

  @Test
  void neverFailsOverOnceTextReachedTheListener() {
    a.model(ScriptedModel.of("m", "one two three four five")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.cutAfterTokens(2));
    cluster = builder().build();
    List<String> seen = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> cluster.generate(ask("m"), seen::add))
        .isInstanceOf(IncompleteResponseException.class);
    assertThat(seen).isNotEmpty();
    assertThat(generations(b)).isZero();
  }

  @Test
  void aCutStreamWithNoListenerFailsOverBecauseNothingReachedTheCaller() {
    a.model(ScriptedModel.of("m", "one two three four five")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    a.enqueueFault("m", Fault.cutAfterTokens(2));
    cluster = builder().build();

    assertThat(cluster.generate(ask("m"), TokenListener.NONE).text()).isEqualTo("b");
  }

  @Test
  void aFailingHostCoolsDownAndIsUsedAgainAfterASuccessfulProbe() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    cluster = builder().failureThreshold(1).cooldown(Duration.ofSeconds(10)).build();
    cluster.refresh();
    a.stop();

    assertThat(cluster.generate(ask("m")).text()).isEqualTo("b"); // a fails: open
    OllamaHostStatus down = cluster.hosts().get(0);
    assertThat(down.circuit()).isEqualTo("open");
    assertThat(down.cooldownUntil()).contains(clock.instant().plusSeconds(10));
    assertThat(cluster.expectedHost("m")).contains("b");
    cluster.generate(ask("m")); // not tried: still one failure
    assertThat(cluster.hosts().get(0).consecutiveFailures()).isEqualTo(1);

    a.start(); // same port, nothing loaded
    try (OllamaProvider direct = OllamaProvider.builder().baseUrl(a.baseUrl()).build()) {
      direct.warmUp("m", Duration.ofMinutes(5));
    }
    cluster.refresh(); // a is reachable again and has m loaded, like b
    a.clearRequests();
    clock.advance(Duration.ofSeconds(9));
    assertThat(cluster.expectedHost("m")).contains("b");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cluster.hosts().get(0).circuit()).isEqualTo("half-open");
    assertThat(cluster.expectedHost("m")).contains("a"); // no latency sample yet: probed first

    assertThat(cluster.generate(ask("m")).text()).isEqualTo("a");
    assertThat(cluster.hosts().get(0).circuit()).isEqualTo("closed");
    assertThat(generations(a)).isEqualTo(1);
  }

  @Test
  void everyHostCoolingDownIsReportedAsUnavailable() {
    a.model(ScriptedModel.of("m", "a")).start();
    b.model(ScriptedModel.of("m", "b")).start();
    cluster = builder().failureThreshold(1).build();
    cluster.refresh();
    a.stop();
    b.stop();

    assertThatThrownBy(() -> cluster.generate(ask("m")))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThatThrownBy(() -> cluster.generate(ask("m")))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("cooling down")
        .hasMessageContaining("a (circuit open until");
  }

  @Test
  void latencyIsLearnedPerHostFromWarmTimeSoTheFastHostWinsWhenIdle() {
    FakeHost slow = new FakeHost("m", Duration.ofMillis(200), Duration.ZERO);
    FakeHost fast =
        new FakeHost(
            "m", Duration.ofMillis(20), Duration.ofSeconds(30)); // cold once: load excluded
    cluster =
        OllamaCluster.builder()
            .clock(clock)
            .refreshInterval(Duration.ZERO)
            .addHost(
                OllamaHostSpec.of(java.net.URI.create("http://slow:11434")).withName("slow"), slow)
            .addHost(
                OllamaHostSpec.of(java.net.URI.create("http://fast:11434")).withName("fast"), fast)
            .build();

    cluster.warmUp("m", Duration.ofMinutes(5)); // loaded on both
    cluster.generate(ask("m")); // slow first (declared first, both unmeasured)
    cluster.generate(ask("m")); // then the unmeasured one
    for (int i = 0; i < 8; i++) {
      cluster.generate(ask("m"));
    }

    assertThat(slow.calls).isEqualTo(1);
    assertThat(fast.calls).isEqualTo(9);
    assertThat(cluster.hosts().get(1).latency().get("m:latest")).isEqualTo(Duration.ofMillis(20));
    assertThat(cluster.hosts().get(0).latency().get("m:latest")).isEqualTo(Duration.ofMillis(200));
    assertThat(cluster.expectedHost("m")).contains("fast");
  }

  /** A host with scripted timings (no wall clock): warm latency = total - load. */
  private static final class FakeHost implements ModelProvider {
    final String model;
    final Duration warm;
    Duration firstLoad;
    int calls;

    FakeHost(String model, Duration warm, Duration firstLoad) {
      this.model = model;
      this.warm = warm;
      this.firstLoad = firstLoad;
    }

    @Override
    public String id() {
      return "ollama";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return List.of(ModelDescriptor.of(model, "ollama"));
    }

    @Override
    public synchronized GenerationResult generate(
        GenerationRequest request, TokenListener listener) {
      calls++;
      Duration load = firstLoad;
      firstLoad = Duration.ZERO;
      return GenerationResult.builder("ok", model)
          .loadTime(load)
          .totalTime(warm.plus(load))
          .build();
    }
  }

  @SuppressWarnings("unused")
  private static List<String> names(List<OllamaHostStatus> s) {
    List<String> out = new ArrayList<>();
    s.forEach(h -> out.add(h.name()));
    return out;
  }
}
