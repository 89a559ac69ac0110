package io.taskoptimizer.spi;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A source of models: lists what it serves and runs generations (e.g. an Ollama server).
 *
 * <p><b>Registration.</b> Hand an instance to {@code TaskOptimizer.builder().addProvider(...)}, or
 * let the optimizer discover providers: providers that need configuration are created by a {@link
 * ModelProviderFactory} registered for {@link java.util.ServiceLoader}.
 *
 * <p><b>Contract.</b> Implementations are thread-safe. Failures are thrown as the typed exceptions
 * of {@code io.taskoptimizer.api} (for example {@code ModelNotFoundException}, {@code
 * ProviderUnavailableException}); an error is never returned as if it were model text. Checked
 * exceptions never escape; an interrupted call restores the thread's interrupt flag.
 */
public interface ModelProvider extends AutoCloseable {

  /**
   * A short stable id, unique among the providers of one optimizer.
   *
   * @return the id, e.g. {@code ollama}
   */
  String id();

  /**
   * The models this provider serves now. This does I/O; the optimizer caches the answer.
   *
   * @return the served models; empty when the provider serves none
   * @throws io.taskoptimizer.api.TaskOptimizerException if the provider cannot be asked
   */
  List<ModelDescriptor> listModels();

  /**
   * Runs a generation and waits for the whole answer, passing text to {@code listener} as it
   * arrives.
   *
   * @param request the request; its {@link GenerationRequest#model()} must be set
   * @param listener receives text chunks in order; use {@link TokenListener#NONE} for none
   * @return the complete answer with the metrics the provider reported
   * @throws io.taskoptimizer.api.TaskOptimizerException on any failure
   */
  GenerationResult generate(GenerationRequest request, TokenListener listener);

  /**
   * Runs a generation and waits for the whole answer, with no listener.
   *
   * @param request the request; its {@link GenerationRequest#model()} must be set
   * @return the complete answer with the metrics the provider reported
   * @throws io.taskoptimizer.api.TaskOptimizerException on any failure
   */
  default GenerationResult generate(GenerationRequest request) {
    return generate(request, TokenListener.NONE);
  }

  /**
   * Runs a generation without blocking the caller. The default runs {@link #generate} on a new
   * daemon thread per call, never on the common pool (which has a single thread on 2-core machines
   * and would serialise concurrent calls); providers with their own async I/O override it.
   * Cancelling the future abandons the call.
   *
   * @param request the request; its {@link GenerationRequest#model()} must be set; must not be null
   * @param listener receives text chunks in order; must not be null
   * @return a future completed with the answer, or completed exceptionally (with a {@link
   *     java.util.concurrent.CompletionException} wrapping what {@link #generate} threw) when it
   *     fails
   * @throws NullPointerException if {@code request} or {@code listener} is null
   */
  default CompletableFuture<GenerationResult> generateAsync(
      GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    Executor perCallThread =
        r -> {
          Thread t = new Thread(r, "taskopt-" + id() + "-generate");
          t.setDaemon(true);
          t.start();
        };
    return CompletableFuture.supplyAsync(() -> generate(request, listener), perCallThread);
  }

  /**
   * Runs a generation without blocking the caller, with no listener.
   *
   * @param request the request; its {@link GenerationRequest#model()} must be set; must not be null
   * @return a future completed with the answer, or completed exceptionally with the failure
   * @throws NullPointerException if {@code request} is null
   */
  default CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
    return generateAsync(request, TokenListener.NONE);
  }

  /**
   * Loads a model without generating, so that later timings exclude the load.
   *
   * @param model the model to load
   * @param keepAlive how long the provider should keep it loaded
   * @return the load time the provider reported, or empty if the provider has no such notion (the
   *     default)
   */
  default Optional<Duration> warmUp(String model, Duration keepAlive) {
    return Optional.empty();
  }

  /**
   * For providers that route over several servers: the server the next call for {@code model} would
   * go to now, as {@link GenerationResult#host()} would name it. The optimizer uses it to judge a
   * model's speed by that server's latency rather than by the average over servers. Must be cheap
   * (no I/O) and thread-safe.
   *
   * @param model the model name
   * @return the host name, or empty (the default) for a single server
   */
  default Optional<String> expectedHost(String model) {
    return Optional.empty();
  }

  /**
   * The version of the server this provider talks to (e.g. the Ollama server's version), if it
   * reports one. Unlike {@link #version()} this may do blocking I/O (one HTTP call); it never
   * throws: an unreachable server or a server that does not say is empty (the default).
   *
   * @return the server's version, or empty when unknown or unreachable
   */
  default Optional<String> serverVersion() {
    return Optional.empty();
  }

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

  /** Releases resources. The default does nothing. Must not throw checked exceptions. */
  @Override
  default void close() {}
}
