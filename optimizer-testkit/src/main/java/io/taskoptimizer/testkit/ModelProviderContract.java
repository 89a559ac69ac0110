package io.taskoptimizer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.spi.ModelProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelProvider} must have, as a JUnit 5 test base class. Provider
 * plugin authors extend it, say how to create their provider and which model it serves, and get
 * these checks; Task Optimizer runs it against its own Ollama provider, both on {@link
 * io.taskoptimizer.testserver.OllamaTestServer} and on a real Ollama.
 *
 * <pre>{@code
 * class AcmeProviderContractTest extends ModelProviderContract {
 *   protected ModelProvider createProvider() { return new AcmeProvider(...); }
 *   protected String availableModel() { return "acme-small"; }
 * }
 * }</pre>
 *
 * <p>A provider is created before and closed after each test. The requests are small (a few tokens,
 * temperature 0) so the contract also runs quickly against real models.
 *
 * <p>Not thread-safe: JUnit creates one instance per test and runs it on one thread.
 */
public abstract class ModelProviderContract {

  /** The provider under test for the current test method. */
  protected ModelProvider provider;

  /**
   * Creates a new provider; called before each test, and closed after it.
   *
   * @return a new, open provider that serves {@link #availableModel()}
   */
  protected abstract ModelProvider createProvider();

  /** {@return a model the provider serves and can generate with} */
  protected abstract String availableModel();

  /** {@return a model the provider certainly does not serve} */
  protected String missingModel() {
    return "no-such-model-for-contract-test:never";
  }

  /**
   * A small request to {@link #availableModel()}: one short word, deterministic settings, at most
   * 16 tokens.
   *
   * @return a new builder for that request, which tests may adjust before building
   */
  protected GenerationRequest.Builder smallRequest() {
    return GenerationRequest.builder()
        .model(availableModel())
        .user("Reply with one short word.")
        .temperature(0.0)
        .seed(42)
        .maxTokens(16);
  }

  /**
   * {@return how long a single small generation may take} Generous by default (five minutes): a
   * real model may have to load first.
   */
  protected Duration generationTimeout() {
    return Duration.ofMinutes(5);
  }

  @BeforeEach
  void createProviderUnderTest() {
    provider = createProvider();
  }

  @AfterEach
  void closeProviderUnderTest() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void idIsNonBlankAndStable() {
    assertThat(provider.id()).isNotBlank().isEqualTo(provider.id());
  }

  @Test
  void listsTheAvailableModelUnderItsNormalisedName() {
    List<ModelDescriptor> models = provider.listModels();

    assertThat(models)
        .extracting(ModelDescriptor::normalizedName)
        .contains(ModelNames.normalize(availableModel()));
    assertThat(models).allSatisfy(m -> assertThat(m.provider()).isEqualTo(provider.id()));
  }

  @Test
  void generatesTextWithMetrics() {
    GenerationResult r = provider.generate(smallRequest().build());

    assertThat(r.text()).isNotNull();
    assertThat(ModelNames.sameModel(r.model(), availableModel()))
        .as("model %s", r.model())
        .isTrue();
    assertThat(r.totalTime()).isPositive();
    assertThat(r.doneReason()).isPresent();
    assertThat(r.completionTokens()).isPresent();
  }

  @Test
  void streamsChunksThatAddUpToTheText() {
    List<String> chunks = new ArrayList<>();

    GenerationResult r = provider.generate(smallRequest().stream(true).build(), chunks::add);

    assertThat(String.join("", chunks)).isEqualTo(r.text());
    if (!r.text().isEmpty()) {
      assertThat(r.timeToFirstToken()).isPresent();
      assertThat(r.timeToFirstToken().get()).isLessThanOrEqualTo(r.totalTime());
    }
  }

  @Test
  void generatesWithoutStreaming() {
    GenerationResult r = provider.generate(smallRequest().stream(false).build());

    assertThat(r.doneReason()).isPresent();
    assertThat(r.totalTime()).isPositive();
  }

  @Test
  void unknownModelIsModelNotFound() {
    GenerationRequest request = smallRequest().model(missingModel()).build();

    assertThatThrownBy(() -> provider.generate(request))
        .isInstanceOf(ModelNotFoundException.class)
        .satisfies(e -> assertThat(((ModelNotFoundException) e).model()).isEqualTo(missingModel()));
  }

  @Test
  void generatesAsynchronously() throws Exception {
    CompletableFuture<GenerationResult> f = provider.generateAsync(smallRequest().build());

    GenerationResult r = f.get(generationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    assertThat(r.doneReason()).isPresent();
  }

  @Test
  void staysUsableAfterAnAsyncCallIsCancelled() {
    CompletableFuture<GenerationResult> f = provider.generateAsync(smallRequest().build());
    f.cancel(true);

    assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
    assertThat(provider.generate(smallRequest().build()).doneReason()).isPresent();
  }

  @Test
  void servesConcurrentCalls() {
    List<CompletableFuture<GenerationResult>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(provider.generateAsync(smallRequest().build()));
    }

    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
        .orTimeout(generationTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .join();
    assertThat(calls).allSatisfy(c -> assertThat(c.join().doneReason()).isPresent());
  }
}
