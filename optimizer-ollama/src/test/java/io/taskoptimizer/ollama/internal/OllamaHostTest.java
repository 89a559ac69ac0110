package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OllamaHostTest {

  @ParameterizedTest(name = "OLLAMA_HOST=''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                               | http://127.0.0.1:11434",
      "127.0.0.1                        | http://127.0.0.1:11434",
      "localhost                        | http://localhost:11434",
      "example.com                      | http://example.com:11434",
      "example.com:8080                 | http://example.com:8080",
      ":1234                            | http://127.0.0.1:1234",
      "0.0.0.0                          | http://127.0.0.1:11434",
      "0.0.0.0:11435                    | http://127.0.0.1:11435",
      "http://example.com               | http://example.com:80",
      "https://example.com              | https://example.com:443",
      "http://example.com:8080          | http://example.com:8080",
      "https://proxy.example/ollama/    | https://proxy.example:443/ollama",
      "HTTP://Example.com:1             | http://Example.com:1",
      "[::1]:11434                      | http://[::1]:11434",
      "[::1]                            | http://[::1]:11434",
      "::1                              | http://[::1]:11434",
      "[::]:11434                       | http://[::1]:11434",
      "'\"  example.com:99 \"'          | http://example.com:99",
      "example.com:99999                | http://example.com:11434",
      "example.com:abc                  | http://example.com:11434",
      "https://example.com:bad          | https://example.com:443",
  })
  void parsesEveryFormOllamaAccepts(String value, String expected) {
    assertThat(OllamaHost.parse(value)).isEqualTo(URI.create(expected));
  }

  @Test
  void unsetMeansTheLocalDefault() {
    assertThat(OllamaHost.fromSetting(Optional.empty())).isEqualTo(URI.create("http://127.0.0.1:11434"));
    assertThat(OllamaHost.parse(null)).isEqualTo(OllamaHost.DEFAULT);
  }

  @Test
  void rejectsSchemesNothingCanConnectTo() {
    assertThatThrownBy(() -> OllamaHost.parse("ftp://example.com")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ftp").hasMessageContaining("http://");
  }
}
