package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls that share one provider share its HTTP/1.1 connection pool: a finished call must never
 * close a connection the pool may already have handed to another call.
 */
class OllamaProviderConnectionReuseTest {

  private static final String MODEL = "instant";
  private static final String REPLY =
      IntStream.range(0, 3).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

  private final OllamaTestServer server = OllamaTestServer.create();
  private OllamaProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  private static GenerationRequest ask() {
    return GenerationRequest.builder().model(MODEL).user("Say something.").build();
  }

  @Test
  void streamingCallsFromFourThreadsOnOneProviderAllCompleteAndNoneIsAborted() throws Exception {
    server.model(ScriptedModel.builder(MODEL).reply(REPLY).parallel(8).build()).start();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).maxConcurrentRequests(4).build();
    int threads = 4;
    int callsPerThread = 250;
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger completed = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  // stop at the first failure anywhere, so that a broken build fails fast
                  for (int i = 0; i < callsPerThread && failures.isEmpty(); i++) {
                    GenerationResult r = provider.generate(ask());
                    if (!r.text().equals(REPLY)) {
                      throw new AssertionError(
                          "Call " + i + " got an incomplete answer: " + r.text());
                    }
                    completed.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "caller-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(w.isAlive()).as("%s still running after 60 s", w.getName()).isFalse();
    }

    assertThat(failures).as("calls that failed (the first one's stack trace says why)").isEmpty();
    assertThat(completed.get()).isEqualTo(threads * callsPerThread);
    assertThat(server.requests("/api/chat"))
        .extracting(r -> r.awaitOutcome(Duration.ofSeconds(10)))
        .as("what the server saw of each request")
        .containsOnly(Outcome.COMPLETED);
    assertThat(provider.requestsInFlight()).isZero();
  }

  @Test
  void aCallThatSucceededBeforeItsSendReturnedDoesNotCloseTheConnectionOfTheNextCall()
      throws Exception {
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch secondAtServer = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    server
        .model(
            ScriptedModel.builder(MODEL)
                .parallel(2)
                .responder(
                    req -> {
                      if (requests.incrementAndGet() == 2) {
                        secondAtServer.countDown();
                        await(releaseSecond);
                      }
                      return REPLY;
                    })
                .build())
        .start();
    HeldBackClient http =
        new HeldBackClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).httpClient(http).build();
    // completed by the hook, on the thread running the first call's send
    CompletableFuture<CompletableFuture<GenerationResult>> second = new CompletableFuture<>();
    // The timing that loses the race on a busy machine, made certain: the first call's whole
    // answer arrives, the JDK pools the connection and a second call takes it, all before the
    // first call's send returns; the JDK completes the first exchange's future a little later.
    http.whileFirstSendIsRunning =
        () -> {
          CompletableFuture<GenerationResult> call = provider.generateAsync(ask());
          await(secondAtServer);
          second.complete(call);
        };
    try {
      CompletableFuture<GenerationResult> first = provider.generateAsync(ask());
      releaseSecond.countDown();

      assertThat(second.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).text())
          .as("the second call's answer")
          .isEqualTo(REPLY);
      http.releaseFirstExchange();
      assertThat(first.get(10, TimeUnit.SECONDS).text())
          .as("the first call's answer")
          .isEqualTo(REPLY);
      assertThat(http.sendCalls.get()).isEqualTo(2);
      assertThat(server.requests("/api/chat"))
          .extracting(r -> r.awaitOutcome(Duration.ofSeconds(10)))
          .containsExactly(Outcome.COMPLETED, Outcome.COMPLETED);
    } finally {
      releaseSecond.countDown();
      http.releaseFirstExchange();
    }
  }

  /**
   * The JDK completes a {@code sendAsync} future through one more task on CompletableFuture's
   * default executor, which on a one- or two-core machine is a new thread per task: a thread per
   * request. The provider uses {@code send} instead, on the thread that waits anyway.
   */
  @Test
  void aBlockingCallRunsItsExchangeOnTheCallingThreadAndNoCallUsesSendAsync() throws Exception {
    server.model(ScriptedModel.builder(MODEL).reply(REPLY).build()).start();
    HeldBackClient http =
        new HeldBackClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    http.releaseFirstExchange();
    provider = OllamaProvider.builder().baseUrl(server.baseUrl()).httpClient(http).build();

    assertThat(provider.generate(ask()).text()).isEqualTo(REPLY);
    assertThat(provider.generateAsync(ask()).get(10, TimeUnit.SECONDS).text()).isEqualTo(REPLY);

    assertThat(http.sendThreads).hasSize(2);
    assertThat(http.sendThreads.get(0))
        .as("the blocking call's exchange")
        .isSameAs(Thread.currentThread());
    assertThat(http.sendThreads.get(1))
        .as("the asynchronous call's exchange")
        .isNotSameAs(Thread.currentThread());
    assertThat(http.sendAsyncCalls).hasValue(0);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released within 10 s").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A real {@link HttpClient} that, for the first exchange only, runs a hook between the end of the
   * response body and the return of {@code send}, and holds the return of that exchange back until
   * {@link #releaseFirstExchange()} (the exchange completes when its body subscriber's {@code
   * getBody()} does).
   */
  private static final class HeldBackClient extends HttpClient {
    private final HttpClient delegate;
    private final CompletableFuture<Void> firstReleased = new CompletableFuture<>();
    final AtomicInteger sendCalls = new AtomicInteger();
    final AtomicInteger sendAsyncCalls = new AtomicInteger();
    final List<Thread> sendThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Runnable whileFirstSendIsRunning = () -> {};

    HeldBackClient(HttpClient delegate) {
      this.delegate = delegate;
    }

    void releaseFirstExchange() {
      firstReleased.complete(null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      sendAsyncCalls.incrementAndGet();
      return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      sendAsyncCalls.incrementAndGet();
      return delegate.sendAsync(request, handler, push);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      sendThreads.add(Thread.currentThread());
      if (sendCalls.incrementAndGet() != 1) {
        return delegate.send(request, handler);
      }
      CountDownLatch bodyComplete = new CountDownLatch(1);
      CompletableFuture<HttpResponse<T>> exchange =
          delegate.sendAsync(
              request,
              info -> new HeldBackBody<>(handler.apply(info), bodyComplete, firstReleased));
      await(bodyComplete); // the JDK has pooled the connection by now
      whileFirstSendIsRunning.run();
      try {
        return exchange.get();
      } catch (ExecutionException e) {
        throw new IOException(e.getCause());
      }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return delegate.authenticator();
    }

    @Override
    public Version version() {
      return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
      return delegate.executor();
    }
  }

  /** Delegates to the provider's body subscriber, signals its end and holds its result back. */
  private static final class HeldBackBody<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> delegate;
    private final CountDownLatch complete;
    private final CompletableFuture<Void> release;

    HeldBackBody(
        HttpResponse.BodySubscriber<T> delegate,
        CountDownLatch complete,
        CompletableFuture<Void> release) {
      this.delegate = delegate;
      this.complete = complete;
      this.release = release;
    }

    @Override
    public CompletionStage<T> getBody() {
      return delegate.getBody().thenCombine(release, (body, released) -> body);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      delegate.onError(throwable);
      complete.countDown();
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
      complete.countDown();
    }
  }
}
