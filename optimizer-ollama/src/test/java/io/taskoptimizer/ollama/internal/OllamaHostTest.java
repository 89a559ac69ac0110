package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.internal.Redaction;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one OLLAMA_HOST parser, against one table: Ollama's own cases (envconfig/config_test.go,
 * {@code TestHost} and {@code TestConnectableHost}, ollama/ollama fb307609) and ours.
 */
class OllamaHostTest {

  static Stream<Arguments> ollamaHostValues() {
    return Stream.of(
        // Ollama's TestHost (where Go writes "http://:1234", a client dials the local system:
        // 127.0.0.1)
        arguments("empty", "", "http://127.0.0.1:11434"),
        arguments("only address", "1.2.3.4", "http://1.2.3.4:11434"),
        arguments("only port", ":1234", "http://127.0.0.1:1234"),
        arguments("address and port", "1.2.3.4:1234", "http://1.2.3.4:1234"),
        arguments("hostname", "example.com", "http://example.com:11434"),
        arguments("hostname and port", "example.com:1234", "http://example.com:1234"),
        arguments("zero port", ":0", "http://127.0.0.1:0"),
        arguments("too large port", ":66000", "http://127.0.0.1:11434"),
        arguments("too small port", ":-1", "http://127.0.0.1:11434"),
        arguments("ipv6 localhost", "[::1]", "http://[::1]:11434"),
        arguments("ipv6 world open", "[::]", "http://[::1]:11434"),
        arguments("ipv6 no brackets", "::1", "http://[::1]:11434"),
        arguments("ipv6 + port", "[::1]:1337", "http://[::1]:1337"),
        arguments("extra space", " 1.2.3.4 ", "http://1.2.3.4:11434"),
        arguments("extra quotes", "\"1.2.3.4\"", "http://1.2.3.4:11434"),
        arguments("extra space+quotes", " \" 1.2.3.4 \" ", "http://1.2.3.4:11434"),
        arguments("extra single quotes", "'1.2.3.4'", "http://1.2.3.4:11434"),
        arguments("http", "http://1.2.3.4", "http://1.2.3.4:80"),
        arguments("http port", "http://1.2.3.4:4321", "http://1.2.3.4:4321"),
        arguments("https", "https://1.2.3.4", "https://1.2.3.4:443"),
        arguments("https port", "https://1.2.3.4:4321", "https://1.2.3.4:4321"),
        arguments("proxy path", "https://example.com/ollama", "https://example.com:443/ollama"),
        arguments("ollama.com", "ollama.com", "https://ollama.com:443"),
        // Ollama's TestConnectableHost
        arguments("localhost", "127.0.0.1", "http://127.0.0.1:11434"),
        arguments("localhost and port", "127.0.0.1:1234", "http://127.0.0.1:1234"),
        arguments("ipv4 unspecified", "0.0.0.0", "http://127.0.0.1:11434"),
        arguments("ipv4 unspecified + port", "0.0.0.0:1234", "http://127.0.0.1:1234"),
        arguments("ipv6 unspecified + port", "[::]:1234", "http://[::1]:1234"),
        arguments("ipv6 localhost + port", "[::1]:1234", "http://[::1]:1234"),
        arguments("specific address", "192.168.1.5", "http://192.168.1.5:11434"),
        arguments("specific address + port", "192.168.1.5:8080", "http://192.168.1.5:8080"),
        arguments("https unspecified + port", "https://0.0.0.0:4321", "https://127.0.0.1:4321"),
        // ours: the forms the provider and the CLI documented
        arguments("name", "localhost", "http://localhost:11434"),
        arguments("name and port", "gpu-box:8080", "http://gpu-box:8080"),
        arguments("full URL", "http://127.0.0.1:11434", "http://127.0.0.1:11434"),
        arguments("http name", "http://ollama.internal", "http://ollama.internal:80"),
        arguments("https name", "https://ollama.example.com", "https://ollama.example.com:443"),
        arguments(
            "trailing slash of the path",
            "https://proxy.example/ollama/",
            "https://proxy.example:443/ollama"),
        arguments("upper-case scheme", "HTTP://Example.com:1", "http://Example.com:1"),
        arguments("ipv6 unspecified, spelled out", "[0:0:0:0:0:0:0:0]:8080", "http://[::1]:8080"),
        arguments("bracketed ipv4", "[1.2.3.4]", "http://1.2.3.4:11434"),
        arguments("quotes and spaces", "'\"  example.com:99 \"'", "http://example.com:99"),
        arguments("port out of range", "example.com:99999", "http://example.com:11434"),
        arguments("port not a number", "example.com:abc", "http://example.com:11434"),
        arguments("empty port", "example.com:", "http://example.com:11434"),
        arguments("https, port not a number", "https://example.com:bad", "https://example.com:443"),
        arguments("port with a sign", "example.com:+8080", "http://example.com:8080"),
        arguments(
            "port with leading zeros", "example.com:000000000008080", "http://example.com:8080"),
        arguments(
            "credentials", "http://alice:pw@example.com:8080", "http://alice:pw@example.com:8080"),
        arguments(
            "credentials, no scheme", "alice:pw@example.com", "http://alice:pw@example.com:11434"),
        arguments(
            "token and path",
            "https://token@proxy.example.com/ollama",
            "https://token@proxy.example.com:443/ollama"),
        arguments(
            "encoded credentials",
            "https://a%40b:p%3Aw@proxy/ollama",
            "https://a%40b:p%3Aw@proxy:443/ollama"));
  }

  @ParameterizedTest(name = "{0}: OLLAMA_HOST=[{1}] -> {2}")
  @MethodSource("ollamaHostValues")
  void parsesWithOllamasRules(String name, String value, String expected) {
    assertThat(OllamaHost.parse(value)).isEqualTo(URI.create(expected));
  }

  @Test
  void unsetMeansTheLocalDefault() {
    assertThat(OllamaHost.fromSetting(Optional.empty()))
        .isEqualTo(URI.create("http://127.0.0.1:11434"));
    assertThat(OllamaHost.parse(null)).isEqualTo(OllamaHost.DEFAULT);
    assertThat(OllamaHost.parse(" '' ")).isEqualTo(OllamaHost.DEFAULT);
  }

  @Test
  void rejectsSchemesNothingCanConnectTo() {
    assertThatThrownBy(() -> OllamaHost.parse("ftp://example.com"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ftp")
        .hasMessageContaining("http://");
  }

  @Test
  void anUnusableValueWithCredentialsIsRejectedWithoutShowingThem() {
    assertThatThrownBy(() -> OllamaHost.parse("ftp://alice:s3cret@example.com"))
        .isInstanceOf(ConfigurationException.class)
        .message()
        .doesNotContain("s3cret")
        .contains("ftp://***@example.com");
    assertThatThrownBy(() -> OllamaHost.parse("http://alice:s3cret@exa mple.com"))
        .isInstanceOf(ConfigurationException.class)
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void removesCredentialsAndNamesOrigins() {
    URI withCredentials = URI.create("http://alice:pw@example.com:8080/ollama");

    assertThat(OllamaHost.withoutUserInfo(withCredentials))
        .isEqualTo(URI.create("http://example.com:8080/ollama"));
    assertThat(Redaction.redact(withCredentials)).isEqualTo("http://***@example.com:8080/ollama");
    assertThat(OllamaHost.origin(URI.create("https://u:p@evil.example:8443/a?token=t")))
        .isEqualTo("https://evil.example:8443");
    assertThat(OllamaHost.origin(URI.create("http://evil.example/a")))
        .isEqualTo("http://evil.example");
  }
}
