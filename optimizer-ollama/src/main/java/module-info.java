/**
 * The Ollama provider for Task Optimizer: {@link io.taskoptimizer.ollama.OllamaProvider}, found
 * through {@link io.taskoptimizer.ollama.OllamaProviderFactory} by {@link java.util.ServiceLoader}.
 *
 * <p>{@code java.net.http} and Jackson Databind are transitive because the builder accepts a
 * caller's {@code HttpClient} and {@code ObjectMapper}; no other signature exposes them.
 *
 * @provides io.taskoptimizer.spi.ModelProviderFactory
 */
module io.taskoptimizer.ollama {
  requires transitive io.taskoptimizer.api;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.ollama;

  provides io.taskoptimizer.spi.ModelProviderFactory with
      io.taskoptimizer.ollama.OllamaProviderFactory;
}
