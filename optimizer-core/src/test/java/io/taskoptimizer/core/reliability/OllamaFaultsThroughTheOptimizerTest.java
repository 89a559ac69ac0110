package io.taskoptimizer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.IncompleteResponseException;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ollama faults seen through the optimizer, with two real Ollama providers against two test servers
 * ({@code gpu} serving {@code big:7b}, {@code flaky:3b} and {@code cold:7b}; {@code cpu} serving
 * {@code small:1b}). The provider-level fault tests live in {@code optimizer-ollama}; these check
 * what the optimizer adds: the typed exception reaches the caller of {@code execute} within the
 * provider's timeout, a model that ran and failed is recorded as a failure (an unreachable server
 * is not), the other server's models keep being served, and availability recovers when a server
 * that disappeared comes back.
 */
class OllamaFaultsThroughTheOptimizerTest {

  // The provider's timeouts are real time, so they must be far above what a healthy call takes on a
  // loaded 2-core machine (400 ms once timed out a healthy first call after a server restart at
  // load
  // 17); the stalls and the cold load below are much longer still, so each fault is unambiguous.
  private static final Duration FIRST_BYTE = Duration.ofSeconds(3);
  private static final Duration IDLE = Duration.ofSeconds(3);

  /**
   * Bound for "quickly" on a loaded 2-core machine; the point is seconds, not the provider's
   * minutes.
   */
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final OllamaTestServer gpu = OllamaTestServer.create().recordRequests(false);
  private final OllamaTestServer cpu = OllamaTestServer.create().recordRequests(false);
  private final StepScheduler scheduler = new StepScheduler();
  private OllamaProvider gpuProvider;
  private OllamaProvider cpuProvider;
  private TaskOptimizer optimizer;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(
        dir.resolve("model_rankings.json"),
        """
        {
          "cover_letter": [
            {"model": "big:7b", "quality_score": 0.9, "speed_score": 0.9},
            {"model": "flaky:3b", "quality_score": 0.85, "speed_score": 0.85},
            {"model": "cold:7b", "quality_score": 0.8, "speed_score": 0.8},
            {"model": "small:1b", "quality_score": 0.5, "speed_score": 0.5}
          ]
        }""");
    gpu.models(
            ScriptedModel.of("big:7b", "big answer"),
            ScriptedModel.of("flaky:3b", "flaky answer one two"),
            ScriptedModel.builder("cold:7b")
                .reply("finally")
                .coldLoad(Duration.ofSeconds(60))
                .build())
        .start();
    cpu.models(ScriptedModel.of("small:1b", "small answer")).start();
    gpuProvider = provider("gpu", gpu);
    cpuProvider = provider("cpu", cpu);
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .addProvider(gpuProvider)
            .addProvider(cpuProvider)
            .autoDetectAssessors(false)
            .scheduler(scheduler)
            .feedbackFlushInterval(Duration.ZERO)
            .explorationBudget(0) // these tests expect the best estimate on every call
            .build();
  }

  private static OllamaProvider provider(String id, OllamaTestServer server) {
    return OllamaProvider.builder()
        .id(id)
        .baseUrl(server.baseUrl())
        .connectTimeout(Duration.ofSeconds(2))
        .firstByteTimeout(FIRST_BYTE)
        .idleTimeout(IDLE)
        .metadataTimeout(Duration.ofSeconds(5))
        .maxRetries(1)
        .build();
  }

  @AfterEach
  void stop() {
    gpu.releaseStalls();
    optimizer.close();
    gpuProvider.close();
    cpuProvider.close();
    gpu.stop();
    cpu.stop();
    scheduler.shutdownNow();
  }

  @Test
  void
      aServerThatDisappearsLeavesTheOtherServersModelsInServiceAndAvailabilityRecoversWhenItReturns() {
    assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("big:7b");
    assertThat(run("big:7b").provider()).isEqualTo("gpu");

    gpu.stop();
    // before the next refresh the optimizer still believes in big:7b: the call fails fast and
    // typed,
    // and is not blamed on the model
    Throwable stale =
        timed(
            () -> optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("write")),
            GENEROUS);
    assertThat(stale)
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining(gpu.baseUrl().toString());
    assertThat(executions("big:7b")).isEqualTo(1);

    scheduler.runPeriodic(); // the background availability refresh
    assertThat(optimizer.availableModels())
        .extracting(ModelDescriptor::name)
        .containsExactly("small:1b");
    assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("small:1b");
    ExecutionResult fallback =
        optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("write"));
    assertThat(fallback.model()).isEqualTo("small:1b");
    assertThat(fallback.provider()).isEqualTo("cpu");
    assertThat(fallback.generation().text()).isEqualTo("small answer");
    Throwable forced = timed(() -> run("big:7b"), GENEROUS);
    assertThat(forced).isInstanceOf(ProviderUnavailableException.class);

    gpu.start(); // same port
    scheduler.runPeriodic();
    assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("big:7b");
    ExecutionResult back = optimizer.execute(TaskType.COVER_LETTER, GenerationRequest.of("write"));
    assertThat(back.provider()).isEqualTo("gpu");
    assertThat(back.generation().text()).isEqualTo("big answer");
    assertThat(executions("big:7b")).isEqualTo(2);
    assertThat(failures("big:7b")).isZero();
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            "stall before the first byte",
            (Consumer<OllamaTestServer>) s -> s.enqueueFault("flaky:3b", Fault.stall()),
            ProviderTimeoutException.class,
            FIRST_BYTE),
        Arguments.of(
            "stall in the middle of the stream",
            (Consumer<OllamaTestServer>) s -> s.enqueueFault("flaky:3b", Fault.stallAfterTokens(2)),
            ProviderTimeoutException.class,
            IDLE),
        Arguments.of(
            "error line in the middle of the stream",
            (Consumer<OllamaTestServer>)
                s ->
                    s.enqueueFault(
                        "flaky:3b", Fault.errorLineAfterTokens(2, "runner out of memory")),
            ProviderServerException.class,
            Duration.ZERO),
        Arguments.of(
            "stream cut without done",
            (Consumer<OllamaTestServer>) s -> s.enqueueFault("flaky:3b", Fault.cutAfterTokens(2)),
            IncompleteResponseException.class,
            Duration.ZERO),
        Arguments.of(
            "stream ending without done",
            (Consumer<OllamaTestServer>)
                s -> s.enqueueFault("flaky:3b", Fault.endWithoutDoneAfterTokens(2)),
            IncompleteResponseException.class,
            Duration.ZERO),
        Arguments.of(
            "503 storm beyond the retries",
            (Consumer<OllamaTestServer>) s -> s.enqueueFaults("flaky:3b", 5, Fault.serverBusy()),
            ServerBusyException.class,
            Duration.ZERO),
        Arguments.of(
            "HTTP 500",
            (Consumer<OllamaTestServer>)
                s ->
                    s.enqueueFault(
                        "flaky:3b", Fault.httpError(500, "llama runner process has terminated")),
            ProviderServerException.class,
            Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultSurfacesTypedWithinItsTimeoutIsRecordedAndOtherModelsKeepWorking(
      String name,
      Consumer<OllamaTestServer> inject,
      Class<? extends TaskOptimizerException> expected,
      Duration atLeast) {
    assertThat(run("flaky:3b").generation().text()).isEqualTo("flaky answer one two");
    inject.accept(gpu);

    long t0 = System.nanoTime();
    Throwable failure = catchThrowable(() -> run("flaky:3b"));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(failure).isInstanceOf(expected);
    assertThat(took).isGreaterThanOrEqualTo(atLeast).isLessThan(GENEROUS);
    assertThat(executions("flaky:3b")).isEqualTo(2);
    assertThat(failures("flaky:3b")).as("the model ran and failed").isEqualTo(1);
    // the other server and the rest of the faulty one keep serving
    assertThat(run("small:1b").generation().text()).isEqualTo("small answer");
    assertThat(optimizer.bestModelFor(TaskType.COVER_LETTER)).isEqualTo("big:7b");
    assertThat(run("big:7b").generation().text()).isEqualTo("big answer");
  }

  @Test
  void aSlowColdLoadTimesOutAtTheFirstByteTimeoutWithoutHoldingUpOtherModels() {
    long t0 = System.nanoTime();
    Throwable failure = catchThrowable(() -> run("cold:7b"));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(failure)
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class,
            e -> assertThat(e.phase()).isEqualTo(ProviderTimeoutException.Phase.FIRST_BYTE));
    assertThat(took).isGreaterThanOrEqualTo(FIRST_BYTE).isLessThan(GENEROUS);
    assertThat(failures("cold:7b")).isEqualTo(1);
    assertThat(run("small:1b").generation().text()).isEqualTo("small answer");
  }

  // ------------------------------------------------------------------ helpers

  private ExecutionResult run(String model) {
    return optimizer.execute(
        TaskType.COVER_LETTER, GenerationRequest.builder().model(model).user("write").build());
  }

  private long executions(String model) {
    return optimizer
        .feedback(TaskType.COVER_LETTER, model)
        .map(ModelFeedback::executions)
        .orElse(0L);
  }

  private long failures(String model) {
    return optimizer.feedback(TaskType.COVER_LETTER, model).map(ModelFeedback::failures).orElse(0L);
  }

  private static Throwable timed(Runnable call, Duration bound) {
    long t0 = System.nanoTime();
    Throwable t = catchThrowable(call::run);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(bound);
    return t;
  }
}
