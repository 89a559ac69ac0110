package io.taskoptimizer.spi;

import java.util.Optional;

/**
 * Creates a {@link ModelProvider} from standard settings, so that discovery works with zero code:
 * {@code TaskOptimizer.builder().build()} finds a local Ollama through the factory that {@code
 * optimizer-ollama} registers.
 *
 * <p><b>Registration.</b> List the implementation in {@code
 * META-INF/services/io.taskoptimizer.spi.ModelProviderFactory} and, for the module path, in {@code
 * module-info.java} with {@code provides io.taskoptimizer.spi.ModelProviderFactory with ...}. The
 * class must be public and have a public no-arg constructor.
 *
 * <p>Implementations must be thread-safe (discovery may run on any thread); they are usually
 * stateless.
 */
public interface ModelProviderFactory {

  /**
   * The id of the providers this factory creates (e.g. {@code ollama}). Ids starting with {@code
   * optimizer-} are reserved.
   *
   * @return the id
   */
  String id();

  /**
   * Creates a provider configured from {@code settings} (e.g. {@code OLLAMA_HOST}).
   *
   * @throws io.taskoptimizer.api.ConfigurationException if a setting is present but invalid
   * @param settings where to read the provider's settings from
   * @return a new provider; the caller closes it
   */
  ModelProvider create(ProviderSettings settings);

  /**
   * The version of this plugin's code, for discovery logs and {@code taskopt doctor}: the same
   * meaning on every SPI. The default reads the {@code Implementation-Version} of the jar that
   * holds the implementation class (else its module version); empty when unknown, e.g. when run
   * from a class directory. Override it only to report a version the jar does not carry.
   *
   * @return the plugin's version, or empty when unknown
   */
  default Optional<String> version() {
    return PluginVersion.of(getClass());
  }
}
