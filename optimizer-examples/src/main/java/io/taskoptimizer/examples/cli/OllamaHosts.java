package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.ollama.OllamaCluster;
import io.taskoptimizer.ollama.OllamaHostSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** Several Ollama servers given on the command line or in {@code OLLAMA_HOSTS}. */
final class OllamaHosts {

  private OllamaHosts() {}

  /** Whether an entry uses the name/option syntax rather than a plain address. */
  static boolean hasOptions(String entry) {
    return entry.contains(";") || entry.strip().matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}=.*");
  }

  /**
   * Parses entries, each {@code [name=]URL[;weight=N][;parallel=N]}.
   *
   * @throws CliException (usage) saying what is wrong, never showing credentials
   */
  static List<OllamaHostSpec> parse(String source, List<String> entries) {
    try {
      return OllamaHostSpec.parseList(source, String.join(",", entries));
    } catch (ConfigurationException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /**
   * Parses one server address with Ollama's own {@code OLLAMA_HOST} rules (the library's parser,
   * through {@link OllamaHostSpec#parse}): {@code host}, {@code host:port}, {@code :port}, {@code
   * [::1]:port}, {@code http(s)://host[:port][/path]}, credentials kept.
   *
   * @throws CliException (usage) if the value cannot be a server address, never showing credentials
   */
  static URI address(String source, String value) {
    try {
      return OllamaHostSpec.parse(source, value).baseUrl();
    } catch (ConfigurationException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The host's address without credentials, for messages. */
  static URI shown(OllamaHostSpec spec) {
    URI u = spec.baseUrl();
    try {
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null);
    } catch (URISyntaxException e) {
      return URI.create(u.getScheme() + "://" + spec.name());
    }
  }

  /**
   * A cluster whose hosts get the CLI's settings (fail an unreachable host within seconds, {@code
   * --timeout}, the API key).
   */
  static OllamaCluster cluster(
      List<OllamaHostSpec> hosts,
      java.util.function.Consumer<io.taskoptimizer.ollama.OllamaProvider.Builder> settings) {
    return OllamaCluster.builder()
        .hosts(hosts)
        .refreshInterval(Duration.ZERO)
        .hostDefaults(settings)
        .build();
  }
}
