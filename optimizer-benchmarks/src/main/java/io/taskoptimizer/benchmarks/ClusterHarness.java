package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.ollama.OllamaCluster;
import io.taskoptimizer.ollama.OllamaHostSpec;
import io.taskoptimizer.ollama.OllamaHostStatus;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.ScriptedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The multi-host targets of issue 13, measured on {@link OllamaTestServer} hosts with scripted
 * latency (a harness, not a JMH benchmark: the figures are shares, throughputs and counts):
 *
 * <ol>
 *   <li><b>idle</b>: two hosts serving the same model, one 10x faster (2 ms vs 20 ms to the first
 *       token); after warm-up, the share of sequential calls that go to the fast host (target at
 *       least 90%);
 *   <li><b>busy</b>: N concurrent callers, parallel slots 1 per host; throughput of the pair versus
 *       the fast host alone, and of two equal hosts versus one (target at least 1.6x);
 *   <li><b>kill</b>: two equal hosts, N concurrent streaming callers; one host is stopped mid-run;
 *       counts failures of calls that had not streamed (target 0), the time from the kill to the
 *       first call completed on the other host, the longest call (against the first-byte timeout),
 *       and calls sent to the dead host after its circuit opened (target 0 before the cooldown
 *       ends).
 * </ol>
 *
 * <p>Run: {@code java -cp optimizer-benchmarks/target/benchmarks.jar
 * io.taskoptimizer.benchmarks.ClusterHarness [callers] [calls]} (defaults 8 and 400).
 */
public final class ClusterHarness {

  private static final String MODEL = "m";

  private ClusterHarness() {}

  /** Runs the three scenarios and prints their figures. */
  public static void main(String[] args) throws Exception {
    int callers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    idle();
    busy(callers, calls);
    kill(callers, calls);
  }

  private static OllamaTestServer host(long firstTokenMillis, double tokensPerSecond) {
    return OllamaTestServer.create()
        .recordRequests(true)
        .model(
            ScriptedModel.builder(MODEL)
                .reply("one two three four")
                .timeToFirstToken(Duration.ofMillis(firstTokenMillis))
                .tokensPerSecond(tokensPerSecond)
                .parallel(1)
                .build())
        .start();
  }

  private static long generations(OllamaTestServer s) {
    long n = 0;
    for (RecordedRequest r : s.requests()) {
      if (r.path().equals("/api/chat") && !r.body().contains("\"messages\":[]")) {
        n++;
      }
    }
    return n;
  }

  private static GenerationRequest ask() {
    return GenerationRequest.builder().model(MODEL).user("hello").build();
  }

  private static OllamaCluster cluster(OllamaTestServer... servers) {
    OllamaCluster.Builder b = OllamaCluster.builder().refreshInterval(Duration.ZERO);
    char name = 'a';
    for (OllamaTestServer s : servers) {
      b.addHost(OllamaHostSpec.of(s.baseUrl()).withName(String.valueOf(name++)));
    }
    return b.build();
  }

  static void idle() {
    try (OllamaTestServer fast = host(2, 0);
        OllamaTestServer slow = host(20, 0);
        OllamaCluster c = cluster(slow, fast)) { // the slow host is declared first on purpose
      c.warmUp(MODEL, Duration.ofMinutes(5));
      for (int i = 0; i < 20; i++) {
        c.generate(ask());
      }
      long f0 = generations(fast);
      long s0 = generations(slow);
      int n = 200;
      for (int i = 0; i < n; i++) {
        c.generate(ask());
      }
      long f = generations(fast) - f0;
      long s = generations(slow) - s0;
      System.out.printf(
          Locale.ROOT,
          "idle: %d sequential calls after 20 warm-up calls: fast host %d (%.1f%%),"
              + " slow host %d; learned warm latency fast %s, slow %s%n",
          n,
          f,
          100.0 * f / n,
          s,
          latency(c, "b"),
          latency(c, "a"));
    }
  }

  private static String latency(OllamaCluster c, String host) {
    for (OllamaHostStatus h : c.hosts()) {
      if (h.name().equals(host)) {
        Duration d = h.latency().get("m:latest");
        return d == null ? "?" : String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
      }
    }
    return "?";
  }

  static void busy(int callers, int calls) throws Exception {
    double single;
    try (OllamaTestServer fast = host(2, 0);
        OllamaCluster c = cluster(fast)) {
      single = throughput(c, callers, calls);
    }
    double pair;
    long onFast;
    try (OllamaTestServer fast = host(2, 0);
        OllamaTestServer slow = host(20, 0);
        OllamaCluster c = cluster(fast, slow)) {
      long f0 = generations(fast);
      pair = throughput(c, callers, calls);
      onFast = generations(fast) - f0;
    }
    System.out.printf(
        Locale.ROOT,
        "busy (2 ms + 20 ms hosts, parallel 1 each, %d callers, %d calls): fast host"
            + " alone %.0f calls/s; both %.0f calls/s = %.2fx (%.1f%% of the calls, warm-up included, on the fast host; ideal 1.10x)%n",
        callers,
        calls,
        single,
        pair,
        pair / single,
        100.0 * onFast / (calls + 5 * callers));
    for (long ms : new long[] {2, 20}) {
      double one;
      try (OllamaTestServer a = host(ms, 0);
          OllamaCluster c = cluster(a)) {
        one = throughput(c, callers, calls);
      }
      double two;
      try (OllamaTestServer a = host(ms, 0);
          OllamaTestServer b = host(ms, 0);
          OllamaCluster c = cluster(a, b)) {
        two = throughput(c, callers, calls);
      }
      System.out.printf(
          Locale.ROOT,
          "busy (two equal %d ms hosts, parallel 1 each, %d callers, %d calls): one host"
              + " %.0f calls/s; two hosts %.0f calls/s = %.2fx%n",
          ms,
          callers,
          calls,
          one,
          two,
          two / one);
    }
  }

  /**
   * Calls per second of {@code callers} threads making {@code calls} calls in all (after a
   * warm-up).
   */
  private static double throughput(OllamaCluster c, int callers, int calls) throws Exception {
    c.warmUp(MODEL, Duration.ofMinutes(5));
    runConcurrently(c, callers, callers * 5, TokenListener.NONE, null);
    long t0 = System.nanoTime();
    runConcurrently(c, callers, calls, TokenListener.NONE, null);
    return calls / ((System.nanoTime() - t0) / 1e9);
  }

  private static List<Throwable> runConcurrently(
      OllamaCluster c, int callers, int calls, TokenListener listener, @Nullable Runnable afterEach)
      throws InterruptedException {
    AtomicInteger left = new AtomicInteger(calls);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      Thread th =
          new Thread(
              () -> {
                while (left.getAndDecrement() > 0) {
                  try {
                    c.generate(ask(), listener);
                  } catch (RuntimeException e) {
                    errors.add(e);
                  }
                  if (afterEach != null) {
                    afterEach.run();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    return new ArrayList<>(errors);
  }

  static void kill(int callers, int calls) throws Exception {
    Duration firstByte = Duration.ofSeconds(2);
    Duration cooldown = Duration.ofSeconds(30);
    try (OllamaTestServer a = host(5, 400);
        OllamaTestServer b = host(5, 400)) {
      CountingHost countedA =
          new CountingHost(
              OllamaProvider.builder()
                  .baseUrl(a.baseUrl())
                  .maxRetries(0)
                  .firstByteTimeout(firstByte)
                  .build());
      try (OllamaCluster c =
          OllamaCluster.builder()
              .refreshInterval(Duration.ZERO)
              .cooldown(cooldown)
              .addHost(OllamaHostSpec.of(a.baseUrl()).withName("a"), countedA)
              .addHost(
                  OllamaHostSpec.of(b.baseUrl()).withName("b"),
                  OllamaProvider.builder()
                      .baseUrl(b.baseUrl())
                      .maxRetries(0)
                      .firstByteTimeout(firstByte)
                      .build())
              .build()) {
        c.warmUp(MODEL, Duration.ofMinutes(5));
        AtomicInteger done = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstAfterKill = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        AtomicInteger failedBeforeStreaming = new AtomicInteger();
        AtomicInteger failedAfterStreaming = new AtomicInteger();
        CountDownLatch kill = new CountDownLatch(1);
        Thread killer =
            new Thread(
                () -> {
                  try {
                    kill.await();
                    killedAt.set(System.nanoTime());
                    a.stop();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        killer.start();
        AtomicInteger left = new AtomicInteger(calls);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
          Thread th =
              new Thread(
                  () -> {
                    while (left.getAndDecrement() > 0) {
                      AtomicBoolean streamed = new AtomicBoolean();
                      long start = System.nanoTime();
                      try {
                        c.generate(ask(), chunk -> streamed.set(true));
                        long end = System.nanoTime();
                        longest.accumulateAndGet(end - start, Math::max);
                        if (killedAt.get() != 0 && start >= killedAt.get()) {
                          firstAfterKill.compareAndSet(0, end);
                        }
                      } catch (RuntimeException e) {
                        (streamed.get() ? failedAfterStreaming : failedBeforeStreaming)
                            .incrementAndGet();
                      }
                      if (done.incrementAndGet() == calls / 4) {
                        kill.countDown();
                      }
                    }
                  });
          th.start();
          threads.add(th);
        }
        for (Thread th : threads) {
          th.join();
        }
        kill.countDown();
        killer.join();
        OllamaHostStatus deadHost = c.hosts().get(0);
        Instant opened = deadHost.cooldownUntil().map(u -> u.minus(cooldown)).orElse(null);
        long afterOpen = opened == null ? -1 : countedA.callsSince(opened);
        System.out.printf(
            Locale.ROOT,
            "kill (two equal 5 ms hosts streaming 4 tokens at 400/s, %d streaming callers,"
                + " %d calls, host a stopped after %d calls; first-byte timeout %d ms, cooldown %d s): failed before"
                + " streaming %d, failed after streaming %d; first call completed on b %.1f ms after the kill; longest"
                + " call %.1f ms; dead host: circuit %s, calls sent to it after its circuit opened: %d (cooldown not"
                + " ended)%n",
            callers,
            calls,
            calls / 4,
            firstByte.toMillis(),
            cooldown.toSeconds(),
            failedBeforeStreaming.get(),
            failedAfterStreaming.get(),
            (firstAfterKill.get() - killedAt.get()) / 1e6,
            longest.get() / 1e6,
            deadHost.circuit(),
            afterOpen);
      }
    }
  }

  /** Counts the calls sent to a host, with their time. */
  static final class CountingHost implements ModelProvider {
    private final OllamaProvider delegate;
    private final ConcurrentLinkedQueue<Instant> calls = new ConcurrentLinkedQueue<>();

    CountingHost(OllamaProvider delegate) {
      this.delegate = delegate;
    }

    long callsSince(Instant t) {
      return calls.stream().filter(c -> !c.isBefore(t)).count();
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return delegate.listModels();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      calls.add(Instant.now());
      return delegate.generate(request, listener);
    }

    @Override
    public java.util.Optional<Duration> warmUp(String model, Duration keepAlive) {
      return delegate.warmUp(model, keepAlive);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
