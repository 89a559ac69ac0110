package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OllamaProviderBuilderTest {

  @Test
  void rejectsBadValuesAtOnceNamingThem() {
    OllamaProvider.Builder b = OllamaProvider.builder();

    assertThatThrownBy(() -> b.baseUrl(URI.create("ftp://host")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://host");
    assertThatThrownBy(() -> b.baseUrl(URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO))
        .hasMessageContaining("idleTimeout")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.firstByteTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxRetries(11)).hasMessageContaining("11");
    assertThatThrownBy(() -> b.maxConcurrentRequests(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> b.id("Bad Id")).hasMessageContaining("Bad Id");
    assertThatThrownBy(() -> b.id("optimizer-x")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> b.header("Host", "evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Host");
    assertThatThrownBy(() -> b.header("Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.header(null, "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }

  @Test
  void keepsAPathPrefixOfTheBaseUrl() {
    try (OllamaProvider p =
        OllamaProvider.builder()
            .baseUrl(URI.create("https://proxy.example/ollama"))
            .id("remote")
            .build()) {
      assertThat(p.baseUrl()).hasToString("https://proxy.example/ollama");
      assertThat(p.id()).isEqualTo("remote");
      assertThat(p).hasToString("OllamaProvider[id=remote, baseUrl=https://proxy.example/ollama]");
    }
  }
}
