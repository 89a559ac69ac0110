package io.taskoptimizer.consensus;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link ModelProvider} whose models follow a script: answer a text, fail, or wait for
 * a latch first. Each call runs on its own daemon thread, so concurrency is real; latches tell a
 * test when a call started and when its future was cancelled.
 */
final class ScriptedProvider implements ModelProvider {

  /** What a model does with a request; runs on the call's own thread. */
  @FunctionalInterface
  interface Behaviour {
    String answer(GenerationRequest request) throws Exception;
  }

  private final Map<String, Behaviour> models = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();
  private final Map<String, List<GenerationRequest>> requests = new ConcurrentHashMap<>();

  /** The model answers {@code text}. */
  ScriptedProvider answer(String model, String text) {
    return behave(model, r -> text);
  }

  /** The model fails with {@code failure}. */
  ScriptedProvider fail(String model, TaskOptimizerException failure) {
    return behave(
        model,
        r -> {
          throw failure;
        });
  }

  /** The model waits (interruptibly, at most a minute) until {@code gate} opens, then answers. */
  ScriptedProvider gated(String model, CountDownLatch gate, String text) {
    return behave(
        model,
        r -> {
          if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate of " + model + " never opened");
          }
          return text;
        });
  }

  /** The model runs {@code behaviour}. */
  ScriptedProvider behave(String model, Behaviour behaviour) {
    models.put(model, behaviour);
    started.put(model, new CountDownLatch(1));
    cancelled.put(model, new CountDownLatch(1));
    requests.put(model, Collections.synchronizedList(new ArrayList<>()));
    return this;
  }

  /** Counted down when the first call of the model starts. */
  CountDownLatch started(String model) {
    return started.get(model);
  }

  /** Counted down when the future of a call of the model is cancelled. */
  CountDownLatch cancelled(String model) {
    return cancelled.get(model);
  }

  /** The requests the model received. */
  List<GenerationRequest> requests(String model) {
    return List.copyOf(requests.get(model));
  }

  /** The number of calls of any model. */
  int totalCalls() {
    return requests.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public List<ModelDescriptor> listModels() {
    synchronized (models) {
      return models.keySet().stream().map(m -> ModelDescriptor.of(m, id())).toList();
    }
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenListener listener) {
    try {
      return generateAsync(request, listener).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  @Override
  public CompletableFuture<GenerationResult> generateAsync(
      GenerationRequest request, TokenListener listener) {
    String model = request.model().orElseThrow();
    Behaviour b = models.get(model);
    if (b == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no script for " + model));
    }
    requests.get(model).add(request);
    CompletableFuture<GenerationResult> f = new CompletableFuture<>();
    long t0 = System.nanoTime();
    Thread t =
        new Thread(
            () -> {
              try {
                String text = b.answer(request);
                listener.onToken(text);
                f.complete(
                    GenerationResult.builder(text, model)
                        .doneReason("stop")
                        .totalTime(Duration.ofNanos(System.nanoTime() - t0))
                        .build());
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            },
            "scripted-" + model);
    t.setDaemon(true);
    // only reacts to cancellation; the caller holds f and sees its outcome, nothing is lost here
    var unused =
        f.whenComplete(
            (r, e) -> {
              if (f.isCancelled()) {
                cancelled.get(model).countDown();
                t.interrupt();
              }
            });
    started.get(model).countDown();
    t.start();
    return f;
  }
}
