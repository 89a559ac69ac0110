package io.taskoptimizer.core.reliability;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A provider whose model list changes in numbered versions, so a test can tell which lists a
 * selection may legitimately come from. {@link #advance()} moves to the next version; the list of
 * version {@code v} is {@code lists.apply(v)}. Generation answers at once; a prompt starting with
 * {@code fail} fails with a {@link ProviderServerException}. The model of the calling thread's last
 * generation is kept for the test ({@link #lastModel()}).
 */
final class VersionedProvider implements ModelProvider {

  private final IntFunction<List<String>> lists;
  private final AtomicInteger version = new AtomicInteger();
  private final ThreadLocal<String> lastModel = new ThreadLocal<>();

  VersionedProvider(IntFunction<List<String>> lists) {
    this.lists = lists;
  }

  /** The current version. */
  int listVersion() {
    return version.get();
  }

  /** Moves to the next version and returns it. */
  int advance() {
    return version.incrementAndGet();
  }

  /** The model of this thread's last {@link #generate} call. */
  String lastModel() {
    return lastModel.get();
  }

  @Override
  public String id() {
    return "versioned";
  }

  @Override
  public List<ModelDescriptor> listModels() {
    List<ModelDescriptor> out = new ArrayList<>();
    for (String m : lists.apply(version.get())) {
      out.add(ModelDescriptor.of(m, id()));
    }
    return out;
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    String model = request.model().orElseThrow();
    lastModel.set(model);
    if (request.promptText().startsWith("fail")) {
      throw new ProviderServerException(500, "injected failure of " + model, null);
    }
    listener.onToken("ok");
    return GenerationResult.builder("ok from " + model, model).doneReason("stop").build();
  }
}
