package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.spi.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaHostSpecTest {

  @Test
  void parsesNamesWeightsAndSlotsInAnyAddressFormOllamaAccepts() {
    List<OllamaHostSpec> hosts =
        OllamaHostSpec.parseList(
            "OLLAMA_HOSTS", "gpu=http://10.0.0.5:11434;weight=3;parallel=2, 10.0.0.6 ,cpu=:11500");

    assertThat(hosts)
        .containsExactly(
            new OllamaHostSpec(URI.create("http://10.0.0.5:11434"), "gpu", 3, 2),
            new OllamaHostSpec(URI.create("http://10.0.0.6:11434"), "10.0.0.6:11434", 1, 1),
            new OllamaHostSpec(URI.create("http://127.0.0.1:11500"), "cpu", 1, 1));
  }

  @Test
  void anIpv6HostGetsItsHostAndPortAsDefaultName() {
    List<OllamaHostSpec> hosts =
        OllamaHostSpec.parseList("OLLAMA_HOSTS", "[::1]:11500,[::]:8080;parallel=2");

    assertThat(hosts)
        .containsExactly(
            new OllamaHostSpec(URI.create("http://[::1]:11500"), "[::1]:11500", 1, 1),
            new OllamaHostSpec(URI.create("http://[::1]:8080"), "[::1]:8080", 1, 2));
    assertThat(OllamaHostSpec.of(URI.create("https://[fd00::5]")).name())
        .isEqualTo("[fd00::5]:443");
  }

  @Test
  void rejectsBadEntriesWithOneLineMessagesThatNeverShowCredentials() {
    assertThatThrownBy(() -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "a=h1,,b=h2"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("empty host entry");
    assertThatThrownBy(
            () -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "gpu=http://u:s3cret@h1;weight=0"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("weight must be a whole number 1..1000")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "gpu=h1;speed=2"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown option 'speed'");
    assertThatThrownBy(() -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "x=h1,x=h2"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("names host 'x' twice");
    assertThatThrownBy(
            () -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "http://u:s3cret@h1:11434,a=h1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("twice")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> OllamaHostSpec.parseList("OLLAMA_HOSTS", "ftp://u:s3cret@h1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("s3cret");
    assertThat(OllamaHostSpec.parse("x", "gpu=http://u:s3cret@h1:1").toString())
        .doesNotContain("s3cret");
  }

  @Test
  void theFactoryBuildsAClusterFromOllamaHosts() {
    try (var p =
        new OllamaProviderFactory()
            .create(
                ProviderSettings.of(
                    Map.of(
                        "OLLAMA_HOSTS",
                        "gpu=h1:11434;parallel=2,cpu=h2",
                        "OLLAMA_HOST",
                        "ignored:1")))) {
      assertThat(p).isInstanceOf(OllamaCluster.class);
      assertThat(((OllamaCluster) p).hostSpecs())
          .extracting(OllamaHostSpec::name)
          .containsExactly("gpu", "cpu");
      assertThat(p.id()).isEqualTo("ollama");
    }
    try (var p =
        new OllamaProviderFactory().create(ProviderSettings.of(Map.of("OLLAMA_HOST", "h1")))) {
      assertThat(p).isInstanceOf(OllamaProvider.class);
    }
    assertThatThrownBy(
            () ->
                new OllamaProviderFactory()
                    .create(
                        ProviderSettings.of(
                            Map.of("OLLAMA_HOSTS", "gpu=http://u:p@h1", "OLLAMA_API_KEY", "k"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("carries credentials");
  }
}
