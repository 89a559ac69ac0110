package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OllamaProviderFactoryTest {

  @Test
  void isFoundByServiceLoader() {
    assertThat(ServiceLoader.load(ModelProviderFactory.class))
        .anySatisfy(
            f -> {
              assertThat(f).isInstanceOf(OllamaProviderFactory.class);
              assertThat(f.id()).isEqualTo("ollama");
            });
  }

  @Test
  void defaultsToLocalOllamaWhenOllamaHostIsUnset() {
    try (ModelProvider p = new OllamaProviderFactory().create(ProviderSettings.of(Map.of()))) {
      assertThat(((OllamaProvider) p).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:11434"));
      assertThat(p.id()).isEqualTo("ollama");
    }
  }

  @Test
  void readsOllamaHostInOllamasShortForm() {
    try (ModelProvider p =
        new OllamaProviderFactory()
            .create(ProviderSettings.of(Map.of("OLLAMA_HOST", "0.0.0.0:8080")))) {
      assertThat(((OllamaProvider) p).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }
  }

  @Test
  void rejectsAnUnusableOllamaHost() {
    assertThatThrownBy(
            () ->
                new OllamaProviderFactory()
                    .create(ProviderSettings.of(Map.of("OLLAMA_HOST", "ftp://x"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OLLAMA_HOST");
  }

  @Test
  void talksToTheServerNamedByOllamaHostAndSendsTheApiKey() {
    try (OllamaTestServer server =
            OllamaTestServer.create().model(ScriptedModel.of("m", "x")).start();
        ModelProvider p =
            new OllamaProviderFactory()
                .create(
                    ProviderSettings.of(
                        Map.of("OLLAMA_HOST", ":" + server.port(), "OLLAMA_API_KEY", "k-123")))) {
      assertThat(p.listModels()).hasSize(1);
      assertThat(server.takeRequest().header("Authorization")).hasValue("Bearer k-123");
    }
  }

  @Test
  void theApiKeyIsNeverShownByTheProvider() {
    try (ModelProvider p =
        new OllamaProviderFactory()
            .create(ProviderSettings.of(Map.of("OLLAMA_API_KEY", "k-secret-123")))) {
      assertThat(p.toString()).doesNotContain("k-secret-123");
    }
  }

  @Test
  void credentialsInOllamaHostAreSentAsBasicAuthAndNeverShown() {
    try (OllamaTestServer server =
            OllamaTestServer.create().model(ScriptedModel.of("m", "x")).start();
        ModelProvider p =
            new OllamaProviderFactory()
                .create(
                    ProviderSettings.of(
                        Map.of("OLLAMA_HOST", "http://alice:pw-123@127.0.0.1:" + server.port())))) {
      assertThat(p.listModels()).hasSize(1);
      assertThat(server.takeRequest().header("Authorization"))
          .hasValue(
              "Basic "
                  + java.util.Base64.getEncoder()
                      .encodeToString(
                          "alice:pw-123".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(((OllamaProvider) p).baseUrl()).isEqualTo(server.baseUrl());
      assertThat(p.toString()).doesNotContain("pw-123");
    }
  }

  @Test
  void credentialsInOllamaHostAndAnApiKeyConflictWithoutShowingEither() {
    assertThatThrownBy(
            () ->
                new OllamaProviderFactory()
                    .create(
                        ProviderSettings.of(
                            Map.of(
                                "OLLAMA_HOST",
                                "http://alice:pw-123@127.0.0.1:1",
                                "OLLAMA_API_KEY",
                                "k-secret-123"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("use one of them")
        .message()
        .doesNotContain("pw-123")
        .doesNotContain("k-secret-123");
  }

  @Test
  void anApiKeyThatCannotBeAHeaderIsAConfigurationErrorThatDoesNotShowIt() {
    assertThatThrownBy(
            () ->
                new OllamaProviderFactory()
                    .create(ProviderSettings.of(Map.of("OLLAMA_API_KEY", "k-secret\n123"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OLLAMA_API_KEY")
        .hasNoCause()
        .message()
        .doesNotContain("k-secret");
  }
}
