package io.taskoptimizer.spi;

import java.util.Optional;

/**
 * Opens an {@link OptimizerStore} from a URL, so that {@code TaskOptimizer.builder().store(url)}
 * and the CLI's {@code --store URL} find the right implementation, e.g. {@code
 * jdbc:postgresql://host:5432/db?user=u&password=p} for {@code optimizer-jdbc}.
 *
 * <p><b>Registration.</b> List the implementation in {@code
 * META-INF/services/io.taskoptimizer.spi.OptimizerStoreFactory} and, for the module path, in {@code
 * module-info.java} with {@code provides io.taskoptimizer.spi.OptimizerStoreFactory with ...}. The
 * class must be public and have a public no-arg constructor.
 *
 * <p>Implementations must be thread-safe (stores may be opened from any thread); they are usually
 * stateless.
 */
public interface OptimizerStoreFactory {

  /**
   * The id of this kind of store.
   *
   * @return the id, e.g. {@code postgresql}
   */
  String id();

  /**
   * Whether this factory opens stores of this URL (usually a check of its scheme).
   *
   * @param url the store URL, e.g. {@code jdbc:postgresql://host/db}
   * @return {@code true} if {@link #open} should be called with it
   */
  boolean supports(String url);

  /**
   * Opens the store: connects, checks the credentials and privileges, and creates or migrates what
   * it needs.
   *
   * @param url a URL this factory {@link #supports}
   * @return the open store; the caller closes it
   * @throws io.taskoptimizer.api.StoreException naming the problem (the message shows the URL
   *     without its password)
   */
  OptimizerStore open(String url);

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
