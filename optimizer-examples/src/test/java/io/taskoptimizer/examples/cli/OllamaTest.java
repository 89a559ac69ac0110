package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaTest {

  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:11434, http://127.0.0.1:11434",
      "localhost, http://localhost:11434",
      "gpu-box:8080, http://gpu-box:8080",
      ":11500, http://127.0.0.1:11500",
      "0.0.0.0, http://0.0.0.0:11434",
      "http://ollama.internal, http://ollama.internal:80",
      "https://ollama.example.com, https://ollama.example.com:443",
      "https://proxy.example.com/ollama, https://proxy.example.com:443/ollama",
      "[::1]:11434, http://[::1]:11434",
      "::1, http://[::1]:11434"})
  void parsesEveryFormOllamaHostAccepts(String value, String expected) {
    assertThat(Ollama.parse(value)).isEqualTo(URI.create(expected));
  }

  @ParameterizedTest
  @CsvSource({
      "http://user:s3cret@gpu-box:8080, http://***@gpu-box:8080",
      "user:s3cret@gpu-box, http://***@gpu-box:11434",
      "https://token@proxy.example.com/ollama, https://***@proxy.example.com:443/ollama"})
  void keepsUserInformationForTheProviderButNeverDisplaysIt(String value, String displayed) {
    URI url = Ollama.parse(value);

    assertThat(url.getUserInfo()).isIn("user:s3cret", "token");
    assertThat(Ollama.display(url)).isEqualTo(displayed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://user:s3cret@host", "user:s3cret@host:abc", "http://user:s3cret@host:70000"})
  void invalidUrlMessagesDoNotShowThePassword(String value) {
    assertThatThrownBy(() -> Ollama.parse(value)).isInstanceOf(CliException.class)
        .message().doesNotContain("s3cret").contains("***@");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host", "host:abc", "host:70000", "  "})
  void rejectsAddressesThatCannotBeAServerWithAUsageError(String value) {
    assertThatThrownBy(() -> Ollama.parse(value))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"connection refused", "Connection refused.\nSecond line"})
  void unreachableMessageNamesTheUrlAndHowToFixItOnOneLine(String cause) {
    String m = Ollama.unreachableMessage("http://127.0.0.1:1", new RuntimeException(cause));
    assertThat(m).contains("http://127.0.0.1:1").contains("ollama serve").contains("--ollama").contains("OLLAMA_HOST")
        .doesNotContain("\n");
  }
}
