package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory provider that serves a fixed list of models and answers instantly, so that the
 * selection and feedback benchmarks measure the optimizer and nothing else.
 */
final class StaticProvider implements ModelProvider {

  private final List<ModelDescriptor> models;

  StaticProvider(List<String> names) {
    List<ModelDescriptor> list = new ArrayList<>();
    for (String n : names) {
      list.add(ModelDescriptor.of(n, "static"));
    }
    this.models = List.copyOf(list);
  }

  @Override
  public String id() {
    return "static";
  }

  @Override
  public List<ModelDescriptor> listModels() {
    return models;
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    String model = request.model().orElseThrow();
    listener.onToken("ok");
    return GenerationResult.builder("ok", model).doneReason("stop").build();
  }
}
