package io.taskoptimizer.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A model as a provider serves it. Only the name and provider are always known; the rest is filled
 * in where the provider reports it.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param name the model name as the provider reports it, e.g. {@code llama3.2:latest}
 * @param provider the id of the {@link io.taskoptimizer.spi.ModelProvider} serving it
 * @param sizeBytes size on disk in bytes
 * @param parameterSize parameter count as reported, e.g. {@code 3.2B}
 * @param quantization quantization level, e.g. {@code Q4_K_M}
 * @param family model family, e.g. {@code llama}
 * @param digest content digest, e.g. a sha256 hex string
 * @param capabilities capabilities such as {@code completion}, {@code tools}, {@code thinking}
 */
public record ModelDescriptor(
    String name,
    String provider,
    OptionalLong sizeBytes,
    Optional<String> parameterSize,
    Optional<String> quantization,
    Optional<String> family,
    Optional<String> digest,
    List<String> capabilities) {

  /**
   * Validates the components and copies the capability list.
   *
   * @param name the model name; must not be null or blank
   * @param provider the provider id; must not be null
   * @param sizeBytes size on disk, or empty; must not be null
   * @param parameterSize parameter count, or empty; must not be null
   * @param quantization quantization level, or empty; must not be null
   * @param family model family, or empty; must not be null
   * @param digest content digest, or empty; must not be null
   * @param capabilities capabilities (copied); must not be null nor contain null
   * @throws NullPointerException if any component, or an element of {@code capabilities}, is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public ModelDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
    Objects.requireNonNull(parameterSize, "parameterSize");
    Objects.requireNonNull(quantization, "quantization");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(digest, "digest");
    capabilities = List.copyOf(capabilities);
    if (name.isBlank()) {
      throw new IllegalArgumentException("Model name must not be blank");
    }
  }

  /**
   * A descriptor that knows only the name and the provider.
   *
   * @param name the model name; must not be null or blank
   * @param provider the provider id; must not be null
   * @return a new descriptor with every optional value empty and no capabilities
   * @throws NullPointerException if {@code name} or {@code provider} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static ModelDescriptor of(String name, String provider) {
    return builder(name, provider).build();
  }

  /**
   * A builder holding this descriptor's values, to derive a changed copy.
   *
   * @return a new builder; changing it does not change this descriptor
   */
  public Builder toBuilder() {
    Builder b = new Builder(name, provider);
    b.sizeBytes = sizeBytes;
    b.parameterSize = parameterSize;
    b.quantization = quantization;
    b.family = family;
    b.digest = digest;
    b.capabilities = capabilities;
    return b;
  }

  /**
   * Starts a builder for a model with this name served by this provider.
   *
   * @param name the model name; must not be null (blank is rejected by {@link Builder#build()})
   * @param provider the provider id; must not be null
   * @return a new builder with every optional value empty
   * @throws NullPointerException if {@code name} or {@code provider} is null
   */
  public static Builder builder(String name, String provider) {
    return new Builder(name, provider);
  }

  /**
   * The normalised name ({@link ModelNames#normalize}), used to compare models.
   *
   * @return the name normalised, e.g. with the implicit {@code :latest} tag made explicit
   */
  public String normalizedName() {
    return ModelNames.normalize(name);
  }

  /**
   * Builds {@link ModelDescriptor}s.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final String name;
    private final String provider;
    private OptionalLong sizeBytes = OptionalLong.empty();
    private Optional<String> parameterSize = Optional.empty();
    private Optional<String> quantization = Optional.empty();
    private Optional<String> family = Optional.empty();
    private Optional<String> digest = Optional.empty();
    private List<String> capabilities = List.of();

    private Builder(String name, String provider) {
      this.name = Objects.requireNonNull(name, "name");
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * Size on disk in bytes.
     *
     * @param sizeBytes the size; must not be negative
     * @return this builder
     * @throws IllegalArgumentException if {@code sizeBytes} is negative
     */
    public Builder sizeBytes(long sizeBytes) {
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
      }
      this.sizeBytes = OptionalLong.of(sizeBytes);
      return this;
    }

    /**
     * Parameter count as reported, e.g. {@code 3.2B}.
     *
     * @param parameterSize the reported count; must not be null
     * @return this builder
     * @throws NullPointerException if {@code parameterSize} is null
     */
    public Builder parameterSize(String parameterSize) {
      this.parameterSize = Optional.of(parameterSize);
      return this;
    }

    /**
     * Quantization level, e.g. {@code Q4_K_M}.
     *
     * @param quantization the level; must not be null
     * @return this builder
     * @throws NullPointerException if {@code quantization} is null
     */
    public Builder quantization(String quantization) {
      this.quantization = Optional.of(quantization);
      return this;
    }

    /**
     * Model family, e.g. {@code llama}.
     *
     * @param family the family; must not be null
     * @return this builder
     * @throws NullPointerException if {@code family} is null
     */
    public Builder family(String family) {
      this.family = Optional.of(family);
      return this;
    }

    /**
     * Content digest, e.g. a sha256 hex string.
     *
     * @param digest the digest; must not be null
     * @return this builder
     * @throws NullPointerException if {@code digest} is null
     */
    public Builder digest(String digest) {
      this.digest = Optional.of(digest);
      return this;
    }

    /**
     * Capabilities such as {@code completion} or {@code tools}; replaces the previous ones.
     *
     * @param capabilities the capabilities (copied); must not be null nor contain null
     * @return this builder
     * @throws NullPointerException if {@code capabilities} or one of its elements is null
     */
    public Builder capabilities(List<String> capabilities) {
      this.capabilities = List.copyOf(capabilities);
      return this;
    }

    /**
     * Builds the descriptor.
     *
     * @return a new immutable descriptor with this builder's values
     * @throws IllegalArgumentException if the name is blank
     */
    public ModelDescriptor build() {
      return new ModelDescriptor(
          name, provider, sizeBytes, parameterSize, quantization, family, digest, capabilities);
    }
  }
}
