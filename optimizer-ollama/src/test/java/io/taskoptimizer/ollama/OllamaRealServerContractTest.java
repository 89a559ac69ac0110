package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.testkit.ModelProviderContract;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same contract against a real Ollama, for users who have one:
 *
 * <pre>
 * mvn -pl optimizer-ollama test -Dtest=OllamaRealServerContractTest \
 *     -Dollama.url=http://127.0.0.1:11434 [-Dollama.model=llama3.2:1b]
 * </pre>
 *
 * Skipped unless {@code ollama.url} is set. Without {@code ollama.model} the smallest installed
 * model is used.
 */
class OllamaRealServerContractTest extends ModelProviderContract {

  private static URI url;
  private static String model;

  @BeforeAll
  static void requireRealServer() {
    String u = System.getProperty("ollama.url", "");
    assumeTrue(
        !u.isBlank(), "set -Dollama.url=http://127.0.0.1:11434 to run against a real Ollama");
    url = URI.create(u.strip());
    model = System.getProperty("ollama.model", "");
    if (model.isBlank()) {
      try (OllamaProvider p = OllamaProvider.builder().baseUrl(url).build()) {
        List<ModelDescriptor> models = p.listModels();
        assumeTrue(
            !models.isEmpty(),
            "the Ollama at " + url + " has no models; pull one (ollama pull llama3.2:1b)");
        model =
            models.stream()
                .filter(m -> !m.capabilities().contains("embedding"))
                .min(
                    (a, b) ->
                        Long.compare(
                            a.sizeBytes().orElse(Long.MAX_VALUE),
                            b.sizeBytes().orElse(Long.MAX_VALUE)))
                .orElse(models.get(0))
                .name();
      }
    }
  }

  @Override
  protected ModelProvider createProvider() {
    return OllamaProvider.builder().baseUrl(url).firstByteTimeout(Duration.ofMinutes(10)).build();
  }

  @Override
  protected String availableModel() {
    return model;
  }

  @Test
  void reportsVersionContextLengthAndLoadedModels() {
    OllamaProvider ollama = (OllamaProvider) provider;

    assertThat(ollama.ping()).isTrue();
    assertThat(ollama.serverVersion())
        .hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+.*"));
    assertThat(ollama.warmUp(model, Duration.ofMinutes(5))).isPresent();
    assertThat(ollama.runningModels())
        .extracting(RunningModel::name)
        .anySatisfy(n -> assertThat(io.taskoptimizer.api.ModelNames.sameModel(n, model)).isTrue());
    ollama.contextLength(model).ifPresent(ctx -> assertThat(ctx).isPositive());
  }
}
