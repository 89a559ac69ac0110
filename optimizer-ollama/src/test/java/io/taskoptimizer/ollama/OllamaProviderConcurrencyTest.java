package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaProviderConcurrencyTest {

  private final OllamaTestServer server = OllamaTestServer.create();
  private OllamaProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  private static GenerationRequest ask(String model) {
    return GenerationRequest.builder().model(model).user("q").build();
  }

  /** Waits (spinning, bounded) for a condition that other threads make true. */
  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void neverHasMoreThanMaxConcurrentRequestsInFlight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    server
        .model(
            ScriptedModel.builder("m")
                .parallel(10)
                .responder(
                    req -> {
                      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      try {
                        release.await(20, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      inside.decrementAndGet();
                      return "ok";
                    })
                .build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).maxConcurrentRequests(2).build();

    List<CompletableFuture<GenerationResult>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(provider.generateAsync(ask("m")));
    }
    waitUntil(() -> inside.get() == 2 && provider.queuedRequests() == 6);
    int requestsSeenByServerWhileBlocked = server.requestCount();
    release.countDown();
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);

    assertThat(requestsSeenByServerWhileBlocked)
        .as("requests that reached the server while blocked")
        .isEqualTo(2);
    assertThat(maxInside.get()).as("most requests inside the responder").isEqualTo(2);
    assertThat(server.maxInFlight("m")).as("server's max in flight").isEqualTo(2);
    assertThat(calls).allSatisfy(c -> assertThat(c.join().text()).isEqualTo("ok"));
    assertThat(provider.requestsInFlight())
        .as("permits still held after all calls completed")
        .isZero();
    assertThat(provider.queuedRequests()).as("calls still queued").isZero();
  }

  @Test
  void metadataRequestsDoNotWaitBehindGenerations() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    server
        .model(
            ScriptedModel.builder("m")
                .responder(
                    req -> {
                      entered.countDown();
                      try {
                        release.await(20, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "ok";
                    })
                .build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).maxConcurrentRequests(1).build();

    CompletableFuture<GenerationResult> busy = provider.generateAsync(ask("m"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    int listed = provider.listModels().size();
    release.countDown();

    assertThat(listed).isEqualTo(1);
    assertThat(busy.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
  }

  @Test
  void cancellingAnAsyncCallClosesTheStream() throws Exception {
    server
        .model(
            ScriptedModel.builder("m").reply("w ".repeat(200).strip()).tokensPerSecond(50).build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    CountDownLatch firstToken = new CountDownLatch(1);

    CompletableFuture<GenerationResult> call =
        provider.generateAsync(ask("m"), chunk -> firstToken.countDown());
    assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();
    RecordedRequest onServer = server.takeRequest();
    call.cancel(true);

    assertThat(onServer.awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
    assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
    assertThat(provider.requestsInFlight()).isZero();
    assertThat(server.activeGenerations()).isZero();
  }

  @Test
  void cancellingACallThatWaitsForAPermitGivesUpItsPlace() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server
        .model(
            ScriptedModel.builder("m")
                .responder(
                    req -> {
                      try {
                        release.await(20, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "ok";
                    })
                .build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).maxConcurrentRequests(1).build();

    CompletableFuture<GenerationResult> first = provider.generateAsync(ask("m"));
    CompletableFuture<GenerationResult> waiting = provider.generateAsync(ask("m"));
    waitUntil(() -> provider.queuedRequests() == 1);
    waiting.cancel(true);
    int queuedAfterCancel = provider.queuedRequests();
    release.countDown();

    assertThat(queuedAfterCancel).isZero();
    assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
    assertThat(server.requests("/api/chat")).hasSize(1);
  }

  @Test
  void orTimeoutOnTheFutureAlsoAbortsTheExchange() throws Exception {
    server
        .model(
            ScriptedModel.builder("m").reply("w ".repeat(200).strip()).tokensPerSecond(50).build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();

    CountDownLatch firstToken = new CountDownLatch(1);
    CompletableFuture<GenerationResult> call =
        provider.generateAsync(ask("m"), chunk -> firstToken.countDown());
    assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();

    call.orTimeout(1, TimeUnit.MILLISECONDS);

    assertThatThrownBy(call::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void closingTheProviderAbortsCallsInProgress() throws Exception {
    server
        .model(
            ScriptedModel.builder("m").reply("w ".repeat(200).strip()).tokensPerSecond(50).build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    CountDownLatch firstToken = new CountDownLatch(1);
    CompletableFuture<GenerationResult> call =
        provider.generateAsync(ask("m"), chunk -> firstToken.countDown());
    assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();

    provider.close();
    provider.close();

    assertThatThrownBy(call::join).hasCauseInstanceOf(ProviderUnavailableException.class);
    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void interruptingASynchronousCallAbortsItAndKeepsTheInterruptFlag() throws Exception {
    server
        .model(
            ScriptedModel.builder("m").reply("w ".repeat(200).strip()).tokensPerSecond(50).build())
        .start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
    CountDownLatch firstToken = new CountDownLatch(1);
    AtomicInteger flagAfter = new AtomicInteger(-1);
    List<Throwable> thrown = new ArrayList<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                provider.generate(ask("m"), chunk -> firstToken.countDown());
              } catch (RuntimeException e) {
                thrown.add(e);
              }
              flagAfter.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            });
    caller.start();
    assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join(10_000);

    assertThat(thrown).singleElement().isInstanceOf(ProviderUnavailableException.class);
    assertThat(flagAfter.get()).isEqualTo(1);
    assertThat(server.takeRequest().awaitOutcome(Duration.ofSeconds(10)))
        .isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }
}
