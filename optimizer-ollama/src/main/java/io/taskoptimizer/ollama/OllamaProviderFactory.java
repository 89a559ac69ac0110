package io.taskoptimizer.ollama;

import io.taskoptimizer.ollama.internal.OllamaHost;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import java.util.Objects;

/**
 * Creates an {@link OllamaProvider} from the environment, so that
 * {@code TaskOptimizer.builder().build()} finds a local Ollama with zero code. Registered for
 * {@link java.util.ServiceLoader}.
 *
 * <p>Settings read (system property first, then environment variable):
 * <ul>
 *   <li>{@code OLLAMA_HOST}: the server, in any form Ollama accepts ({@code host},
 *       {@code host:port}, {@code :port}, {@code http(s)://host[:port][/path]}, {@code [::1]:11434};
 *       {@code 0.0.0.0} connects to 127.0.0.1); default {@code http://127.0.0.1:11434};
 *   <li>{@code OLLAMA_API_KEY}: if set, sent as {@code Authorization: Bearer <key>} (as the
 *       official clients do, for ollama.com or an authenticating proxy); never logged.
 * </ul>
 * Everything else has the {@link OllamaProvider.Builder} defaults.
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
   * Creates a provider for the server named by {@code OLLAMA_HOST}. Does not contact it.
   *
   * @throws io.taskoptimizer.api.ConfigurationException if {@code OLLAMA_HOST} is set but unusable
   */
  @Override
  public ModelProvider create(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    OllamaProvider.Builder b = OllamaProvider.builder()
        .id(id())
        .baseUrl(OllamaHost.fromSetting(settings.get("OLLAMA_HOST")));
    settings.get("OLLAMA_API_KEY").ifPresent(key -> b.header("Authorization", "Bearer " + key));
    return b.build();
  }
}
