package io.taskoptimizer.spi;

import java.util.Optional;

/**
 * Creates a {@link ModelProvider} from standard settings, so that discovery works with zero code:
 * {@code TaskOptimizer.builder().build()} finds a local Ollama through the factory that
 * {@code optimizer-ollama} registers.
 *
 * <p><b>Registration.</b> List the implementation in
 * {@code META-INF/services/io.taskoptimizer.spi.ModelProviderFactory} and, for the module path, in
 * {@code module-info.java} with {@code provides io.taskoptimizer.spi.ModelProviderFactory with ...}.
 * The class must be public and have a public no-arg constructor.
 */
public interface ModelProviderFactory {

  /** The id of the providers this factory creates (e.g. {@code ollama}). Ids starting with
   * {@code optimizer-} are reserved. */
  String id();

  /**
   * Creates a provider configured from {@code settings} (e.g. {@code OLLAMA_HOST}).
   *
   * @throws io.taskoptimizer.api.ConfigurationException if a setting is present but invalid
   */
  ModelProvider create(ProviderSettings settings);

  /** The plugin's version, for discovery logs. */
  default Optional<String> version() {
    return Optional.ofNullable(getClass().getPackage().getImplementationVersion());
  }
}
