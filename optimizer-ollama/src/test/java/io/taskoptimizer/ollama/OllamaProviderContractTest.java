package io.taskoptimizer.ollama;

import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.testkit.ModelProviderContract;
import io.taskoptimizer.testkit.OllamaTestServerExtension;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract, against the Ollama test server (see OllamaRealServerContractTest for a
 * real one).
 */
class OllamaProviderContractTest extends ModelProviderContract {

  @RegisterExtension
  static final OllamaTestServerExtension OLLAMA =
      new OllamaTestServerExtension(
          OllamaTestServer.create()
              .model(
                  ScriptedModel.builder("llama3.2")
                      .reply("Pong.")
                      .timeToFirstToken(Duration.ofMillis(2))
                      .tokensPerSecond(500)
                      .parallel(4)
                      .build()));

  @Override
  protected ModelProvider createProvider() {
    return OllamaProvider.builder().baseUrl(OLLAMA.baseUrl()).build();
  }

  @Override
  protected String availableModel() {
    return "llama3.2";
  }
}
