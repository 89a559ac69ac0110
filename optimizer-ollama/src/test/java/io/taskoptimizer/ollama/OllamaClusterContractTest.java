package io.taskoptimizer.ollama;

import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.testkit.ModelProviderContract;
import io.taskoptimizer.testkit.OllamaTestServerExtension;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract for a cluster of two test-server hosts, one of which lacks the model. */
class OllamaClusterContractTest extends ModelProviderContract {

  @RegisterExtension
  static final OllamaTestServerExtension SERVES =
      new OllamaTestServerExtension(
          OllamaTestServer.create()
              .model(
                  ScriptedModel.builder("llama3.2")
                      .reply("Pong.")
                      .timeToFirstToken(Duration.ofMillis(2))
                      .tokensPerSecond(500)
                      .parallel(4)
                      .build()));

  @RegisterExtension
  static final OllamaTestServerExtension OTHER =
      new OllamaTestServerExtension(
          OllamaTestServer.create().model(ScriptedModel.of("gemma3:1b", "other")));

  @Override
  protected ModelProvider createProvider() {
    return OllamaCluster.builder()
        .refreshInterval(Duration.ZERO)
        .addHost(OllamaHostSpec.of(OTHER.baseUrl()).withName("other"))
        .addHost(OllamaHostSpec.of(SERVES.baseUrl()).withName("serves").withParallel(4))
        .build();
  }

  @Override
  protected String availableModel() {
    return "llama3.2";
  }
}
