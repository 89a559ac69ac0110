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
      "http://alice:pw@example.com:8080 | http://alice:pw@example.com:8080",
      "alice:pw@example.com             | http://alice:pw@example.com:11434",
      "https://a%40b:p%3Aw@proxy/ollama | https://a%40b:p%3Aw@proxy:443/ollama",
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

  @Test
  void anUnusableValueWithCredentialsIsRejectedWithoutShowingThem() {
    assertThatThrownBy(() -> OllamaHost.parse("ftp://alice:s3cret@example.com"))
        .isInstanceOf(ConfigurationException.class).message().doesNotContain("s3cret").contains("ftp://****@example.com");
    assertThatThrownBy(() -> OllamaHost.parse("http://alice:s3cret@exa mple.com"))
        .isInstanceOf(ConfigurationException.class).message().doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "http://alice:pw@host:1/x         | http://****@host:1/x",
      "alice:pw@host:1                  | ****@host:1",
      "https://a:p@w@host/x@y           | https://****@host/x@y",
      "http://host:1/a@b                | http://host:1/a@b",
      "host:11434                       | host:11434",
  })
  void redactsUserInfoOnly(String value, String expected) {
    assertThat(OllamaHost.redact(value)).isEqualTo(expected);
  }

  @Test
  void removesCredentialsAndNamesOrigins() {
    URI withCredentials = URI.create("http://alice:pw@example.com:8080/ollama");

    assertThat(OllamaHost.withoutUserInfo(withCredentials)).isEqualTo(URI.create("http://example.com:8080/ollama"));
    assertThat(OllamaHost.redact(withCredentials)).isEqualTo("http://****@example.com:8080/ollama");
    assertThat(OllamaHost.origin(URI.create("https://u:p@evil.example:8443/a?token=t"))).isEqualTo("https://evil.example:8443");
    assertThat(OllamaHost.origin(URI.create("http://evil.example/a"))).isEqualTo("http://evil.example");
  }
}
