package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI's view of an Ollama address: the library's one OLLAMA_HOST parser (its table of cases is
 * OllamaHostTest in optimizer-ollama), usage errors, and display without credentials.
 */
class OllamaTest {

  @ParameterizedTest
  @CsvSource({
    "gpu-box:8080, http://gpu-box:8080",
    "0.0.0.0, http://127.0.0.1:11434",
    "[::]:8080, http://[::1]:8080",
    "'\"gpu-box\"', http://gpu-box:11434",
    "gpu-box:70000, http://gpu-box:11434",
    "https://proxy.example.com/ollama, https://proxy.example.com:443/ollama"
  })
  void optionAndEnvironmentFollowOllamasOwnRules(String value, String expected) {
    assertThat(root(Map.of(), "--ollama", value).ollamaUrl()).isEqualTo(URI.create(expected));
    assertThat(root(Map.of("OLLAMA_HOST", value)).ollamaUrl()).isEqualTo(URI.create(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "''"})
  void anEmptyOllamaHostMeansTheDefaultAsForOllama(String value) {
    assertThat(root(Map.of("OLLAMA_HOST", value)).ollamaUrl())
        .isEqualTo(URI.create(Ollama.DEFAULT_URL));
  }

  @ParameterizedTest
  @CsvSource({
    "http://user:s3cret@gpu-box:8080, http://***@gpu-box:8080",
    "user:s3cret@gpu-box, http://***@gpu-box:11434",
    "https://token@proxy.example.com/ollama, https://***@proxy.example.com:443/ollama"
  })
  void keepsUserInformationForTheProviderButNeverDisplaysIt(String value, String displayed) {
    URI url = OllamaHosts.address("--ollama", value);

    assertThat(url.getUserInfo()).isIn("user:s3cret", "token");
    assertThat(Ollama.display(url)).isEqualTo(displayed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://user:s3cret@host",
        "http://user:s3cret@exa mple.com",
        "user:s3cret@bad host:1"
      })
  void invalidUrlMessagesDoNotShowThePassword(String value) {
    assertThatThrownBy(() -> OllamaHosts.address("--ollama", value))
        .isInstanceOf(CliException.class)
        .message()
        .doesNotContain("s3cret")
        .contains("***@");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host", "exa mple.com", "  "})
  void rejectsAddressesThatCannotBeAServerWithAUsageError(String value) {
    assertThatThrownBy(() -> OllamaHosts.address("--ollama", value))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"connection refused", "Connection refused.\nSecond line"})
  void unreachableMessageNamesTheUrlAndHowToFixItOnOneLine(String cause) {
    String m = Ollama.unreachableMessage("http://127.0.0.1:1", new RuntimeException(cause));
    assertThat(m)
        .contains("http://127.0.0.1:1")
        .contains("ollama serve")
        .contains("--ollama")
        .contains("OLLAMA_HOST")
        .doesNotContain("\n");
  }

  private static TaskoptCommand root(Map<String, String> env, String... args) {
    StringWriter sink = new StringWriter();
    TaskoptCommand root =
        new TaskoptCommand(new Terminal(new PrintWriter(sink), new PrintWriter(sink), env, false));
    new picocli.CommandLine(root).parseArgs(args);
    return root;
  }
}
