package io.taskoptimizer.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named settings a {@link ModelProviderFactory} reads, such as {@code OLLAMA_HOST}. The standard
 * source looks at a system property of the same name first, then at the environment, so tests and
 * launchers can override the environment with {@code -DOLLAMA_HOST=...}.
 *
 * <p>Implementations must be thread-safe; the two built-in ones are immutable views (environment
 * and system properties are read at each call).
 */
@FunctionalInterface
public interface ProviderSettings {

  /**
   * The value of a setting.
   *
   * @param name the setting's name, e.g. {@code OLLAMA_HOST}
   * @return the value without surrounding white space, or empty when unset or blank
   */
  Optional<String> get(String name);

  /**
   * Settings read from system properties first, then environment variables, at each {@link #get}
   * call.
   *
   * @return settings backed by the system properties and the environment
   */
  static ProviderSettings fromEnvironment() {
    return name -> {
      String v = System.getProperty(name);
      if (v == null || v.isBlank()) {
        v = System.getenv(name);
      }
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    };
  }

  /**
   * Exactly the given values (for tests and explicit wiring).
   *
   * @param values the settings by name (copied); must not be null nor contain null keys or values
   * @return settings that answer from a copy of {@code values}; their {@link #get} rejects a null
   *     name with a {@link NullPointerException}
   * @throws NullPointerException if {@code values} or one of its keys or values is null
   */
  static ProviderSettings of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return name -> {
      Objects.requireNonNull(name, "name");
      String v = copy.get(name);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    };
  }
}
