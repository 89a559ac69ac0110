package io.taskoptimizer.ollama;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.ollama.internal.OllamaHost;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates an {@link OllamaProvider} from the environment, so that {@code
 * TaskOptimizer.builder().build()} finds a local Ollama with zero code. Registered for {@link
 * java.util.ServiceLoader}.
 *
 * <p>Settings read (system property first, then environment variable):
 *
 * <ul>
 *   <li>{@code OLLAMA_HOST}: the server, in any form Ollama accepts ({@code host}, {@code
 *       host:port}, {@code :port}, {@code http(s)://host[:port][/path]}, {@code [::1]:11434};
 *       {@code 0.0.0.0} connects to 127.0.0.1); default {@code http://127.0.0.1:11434}; credentials
 *       in it ({@code http://user:password@host}) are sent as HTTP Basic authentication and never
 *       shown;
 *   <li>{@code OLLAMA_HOSTS}: several servers, comma-separated, each {@code
 *       [name=]address[;weight=N][;parallel=N]} (see {@link OllamaHostSpec}); when set, an {@link
 *       OllamaCluster} routes calls over them and {@code OLLAMA_HOST} is ignored;
 *   <li>{@code OLLAMA_API_KEY}: if set, sent as {@code Authorization: Bearer <key>} (as the
 *       official clients do, for ollama.com or an authenticating proxy); never logged.
 * </ul>
 *
 * Everything else has the {@link OllamaProvider.Builder} defaults.
 *
 * <p>Stateless, so thread-safe.
 */
public final class OllamaProviderFactory implements ModelProviderFactory {

  /** For {@link java.util.ServiceLoader}. */
  public OllamaProviderFactory() {}

  /** {@code ollama}. */
  @Override
  public String id() {
    return "ollama";
  }

  /**
   * Creates a provider for the server named by {@code OLLAMA_HOST}, or a cluster of the servers
   * named by {@code OLLAMA_HOSTS}. Does not contact them.
   *
   * @throws io.taskoptimizer.api.ConfigurationException if {@code OLLAMA_HOST} is set but unusable,
   *     or carries credentials while {@code OLLAMA_API_KEY} is set too
   */
  @Override
  public ModelProvider create(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Optional<String> several = settings.get("OLLAMA_HOSTS");
    if (several.isPresent()) {
      return cluster(
          OllamaHostSpec.parseList("OLLAMA_HOSTS", several.get()), settings.get("OLLAMA_API_KEY"));
    }
    URI host = OllamaHost.fromSetting(settings.get("OLLAMA_HOST"));
    Optional<String> apiKey = settings.get("OLLAMA_API_KEY");
    if (host.getRawUserInfo() != null && apiKey.isPresent()) {
      throw new ConfigurationException(
          "OLLAMA_HOST "
              + Redaction.redact(host)
              + " carries credentials and "
              + "OLLAMA_API_KEY is set as well; use one of them (remove 'user:password@' from OLLAMA_HOST, or unset "
              + "OLLAMA_API_KEY)");
    }
    OllamaProvider.Builder b = OllamaProvider.builder().id(id()).baseUrl(host);
    if (apiKey.isPresent()) {
      try {
        b.header("Authorization", "Bearer " + apiKey.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "OLLAMA_API_KEY contains characters not allowed in an HTTP header "
                + "(a newline or control character?); set it to the key alone");
      }
    }
    return b.build();
  }

  private OllamaCluster cluster(List<OllamaHostSpec> specs, Optional<String> apiKey) {
    for (OllamaHostSpec h : specs) {
      if (h.baseUrl().getRawUserInfo() != null && apiKey.isPresent()) {
        throw new ConfigurationException(
            "OLLAMA_HOSTS entry '"
                + h.name()
                + "' carries credentials and "
                + "OLLAMA_API_KEY is set as well; use one of them");
      }
    }
    if (apiKey.isPresent()) {
      try {
        OllamaProvider.builder().header("Authorization", "Bearer " + apiKey.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "OLLAMA_API_KEY contains characters not allowed in an HTTP header "
                + "(a newline or control character?); set it to the key alone");
      }
    }
    return OllamaCluster.builder()
        .id(id())
        .hosts(specs)
        .hostDefaults(b -> apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k)))
        .build();
  }
}
