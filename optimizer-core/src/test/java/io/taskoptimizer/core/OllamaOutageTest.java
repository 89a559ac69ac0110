package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer against two real Ollama-protocol servers: when one disappears, it keeps serving the
 * models of the other, and it picks the lost models up again when the server returns.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OllamaOutageTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();
  private final OllamaTestServer gpu =
      OllamaTestServer.create()
          .model(ScriptedModel.of("phi3:3.8b", "Answer from phi3."))
          .model(ScriptedModel.of("gemma3:4b", "Answer from gemma3 4b."))
          .start();
  private final OllamaTestServer cpu =
      OllamaTestServer.create()
          .model(ScriptedModel.of("gemma3:1b", "Answer from gemma3 1b."))
          .start();
  private final OllamaProvider gpuProvider = provider("gpu", gpu);
  private final OllamaProvider cpuProvider = provider("cpu", cpu);

  private static OllamaProvider provider(String id, OllamaTestServer server) {
    return OllamaProvider.builder()
        .id(id)
        .baseUrl(server.baseUrl())
        .maxRetries(0)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @AfterEach
  void stop() {
    gpuProvider.close();
    cpuProvider.close();
    gpu.close();
    cpu.close();
  }

  @Test
  void keepsServingTheOtherServersModelsDuringAnOutageAndRecoversAfterIt() {
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).providers(List.of(gpuProvider, cpuProvider)).build()) {
      scheduler.runAll();
      assertThat(optimizer.bestModelFor(TaskType.DOMAIN_RELATIONSHIP)).isEqualTo("phi3:3.8b");
      ExecutionResult before =
          optimizer.execute(TaskType.DOMAIN_RELATIONSHIP, GenerationRequest.of("relate"));
      assertThat(before.provider()).isEqualTo("gpu");
      assertThat(before.text()).isEqualTo("Answer from phi3.");

      gpu.stop();
      scheduler.runAll(); // the periodic refresh finds the gpu server gone

      assertThat(optimizer.availabilityKnown()).isTrue();
      assertThat(optimizer.bestModelFor(TaskType.DOMAIN_RELATIONSHIP)).isEqualTo("gemma3:1b");
      ExecutionResult during =
          optimizer.execute(TaskType.DOMAIN_RELATIONSHIP, GenerationRequest.of("relate"));
      assertThat(during.provider()).isEqualTo("cpu");
      assertThat(during.text()).isEqualTo("Answer from gemma3 1b.");
      assertThatThrownBy(
              () ->
                  optimizer.execute(
                      TaskType.DOMAIN_RELATIONSHIP,
                      GenerationRequest.builder().model("phi3:3.8b").user("relate").build()))
          .isInstanceOf(ProviderUnavailableException.class);

      gpu.start(); // same port: the server comes back
      scheduler.runAll();

      assertThat(optimizer.bestModelFor(TaskType.DOMAIN_RELATIONSHIP)).isEqualTo("phi3:3.8b");
      assertThat(
              optimizer
                  .execute(TaskType.DOMAIN_RELATIONSHIP, GenerationRequest.of("relate"))
                  .text())
          .isEqualTo("Answer from phi3.");
      assertThat(
              optimizer
                  .feedback(TaskType.DOMAIN_RELATIONSHIP, "phi3:3.8b")
                  .orElseThrow()
                  .executions())
          .isEqualTo(2);
      assertThat(
              optimizer
                  .feedback(TaskType.DOMAIN_RELATIONSHIP, "phi3:3.8b")
                  .orElseThrow()
                  .failures())
          .isZero();
    }
  }

  @Test
  void recordsAMidStreamErrorAsAFailureAndCarriesOn() {
    TestConfig.withSeedFiles(dir);
    cpu.enqueueFault("gemma3:1b", Fault.errorLineAfterTokens(2, "out of memory"));
    StringBuilder streamed = new StringBuilder();
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler).addProvider(cpuProvider).build()) {
      assertThatThrownBy(
              () ->
                  optimizer.execute(
                      TaskType.SELF_ASSESSMENT, GenerationRequest.of("assess"), streamed::append))
          .isInstanceOf(ProviderServerException.class)
          .hasMessageContaining("out of memory");

      ExecutionResult ok =
          optimizer.execute(TaskType.SELF_ASSESSMENT, GenerationRequest.of("assess"));

      assertThat(ok.text()).isEqualTo("Answer from gemma3 1b.");
      assertThat(ok.timeToFirstToken()).isPresent();
      assertThat(optimizer.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow())
          .satisfies(
              f -> {
                assertThat(f.executions()).isEqualTo(7);
                assertThat(f.failures()).isEqualTo(1);
              });
    }
  }
}
