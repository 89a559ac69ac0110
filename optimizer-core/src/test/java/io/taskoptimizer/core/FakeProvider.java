package io.taskoptimizer.core;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory {@link ModelProvider} for core tests: serves a settable list of models, can be
 * switched down, answers with a scripted function and streams the answer word by word.
 */
final class FakeProvider implements ModelProvider {

  private final String id;
  private final List<String> models = new CopyOnWriteArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger listCalls = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<GenerationRequest, GenerationResult> responder =
      r ->
          GenerationResult.builder(
                  "answer from " + r.model().orElseThrow(), r.model().orElseThrow())
              .doneReason("stop")
              .build();
  private volatile RuntimeException failure;

  /** Futures handed out by generateAsync when {@link #holdAsync} is on, completed by the test. */
  final Map<GenerationRequest, CompletableFuture<GenerationResult>> held =
      new ConcurrentHashMap<>();

  private volatile boolean holdAsync;

  FakeProvider(String id, String... models) {
    this.id = id;
    this.models.addAll(List.of(models));
  }

  FakeProvider serve(String... names) {
    models.clear();
    models.addAll(List.of(names));
    return this;
  }

  FakeProvider down(boolean isDown) {
    down.set(isDown);
    return this;
  }

  FakeProvider respond(Function<GenerationRequest, GenerationResult> responder) {
    this.responder = responder;
    return this;
  }

  FakeProvider respondText(String text) {
    return respond(
        r -> GenerationResult.builder(text, r.model().orElseThrow()).doneReason("stop").build());
  }

  FakeProvider failWith(RuntimeException e) {
    this.failure = e;
    return this;
  }

  FakeProvider holdAsync() {
    this.holdAsync = true;
    return this;
  }

  int listCalls() {
    return listCalls.get();
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<ModelDescriptor> listModels() {
    listCalls.incrementAndGet();
    if (down.get()) {
      throw new ProviderUnavailableException(
          "connection refused (fake provider " + id + " is down)");
    }
    List<ModelDescriptor> out = new ArrayList<>();
    for (String m : models) {
      out.add(ModelDescriptor.of(m, id));
    }
    return out;
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    requests.add(request);
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    GenerationResult r = responder.apply(request);
    // each word with the space after it; the only empty piece is the one after a trailing space
    // (skipped) or an empty text (one empty token)
    String[] words = r.text().split("(?<= )", -1);
    for (String word : words) {
      if (!word.isEmpty() || words.length == 1) {
        listener.onToken(word);
      }
    }
    return r;
  }

  @Override
  public CompletableFuture<GenerationResult> generateAsync(
      GenerationRequest request, TokenListener listener) {
    if (holdAsync) {
      CompletableFuture<GenerationResult> f = new CompletableFuture<>();
      requests.add(request);
      held.put(request, f);
      return f;
    }
    return ModelProvider.super.generateAsync(request, listener);
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
