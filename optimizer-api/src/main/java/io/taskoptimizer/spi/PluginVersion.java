package io.taskoptimizer.spi;

import java.lang.module.ModuleDescriptor;
import java.util.Optional;

/**
 * The one meaning of {@code version()} on the SPIs: the version of the plugin's own code, read from
 * the jar that holds the implementation class. Package-private: the SPIs' default {@code version()}
 * methods share it so that they cannot drift apart.
 *
 * <p>Stateless, so thread-safe.
 */
final class PluginVersion {

  private PluginVersion() {}

  /**
   * The version of the code of {@code type}: the {@code Implementation-Version} of its jar's
   * manifest (our jars write it), else the version of its named module, else empty (classes run
   * from a directory, as in tests).
   */
  static Optional<String> of(Class<?> type) {
    Package p = type.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    if (v != null && !v.isBlank()) {
      return Optional.of(v);
    }
    ModuleDescriptor d = type.getModule().getDescriptor();
    return d == null ? Optional.empty() : d.rawVersion();
  }
}
