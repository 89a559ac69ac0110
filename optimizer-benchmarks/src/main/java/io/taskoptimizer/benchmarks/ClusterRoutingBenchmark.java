package io.taskoptimizer.benchmarks;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.ollama.OllamaCluster;
import io.taskoptimizer.ollama.OllamaHostSpec;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing overhead of {@link OllamaCluster} with 8 hosts (issue 13 target: under 20 µs per call).
 * The hosts are in-process providers that answer at once, so that the figures are the router's own
 * cost, not HTTP:
 *
 * <ul>
 *   <li>{@code expectedHost}: the routing decision alone (filter by model and circuit, free slot,
 *       loaded, load per slot, learned latency, weight);
 *   <li>{@code generateThroughCluster}: a whole call through the cluster (listing check, routing,
 *       circuit claim, slot semaphore, stream guard, latency learning);
 *   <li>{@code generateDirect}: the same call straight to one host's provider, the baseline.
 * </ul>
 *
 * Overhead per call = {@code generateThroughCluster} - {@code generateDirect}. Half of the hosts
 * serve the model; every host has a learned latency, and the model is loaded on some.
 *
 * <p>Run: {@code java -jar optimizer-benchmarks/target/benchmarks.jar ClusterRouting -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ClusterRoutingBenchmark {

  static final String MODEL = "m:latest";

  /** Hosts in the cluster. */
  @Param({"8"})
  public int hosts;

  private OllamaCluster cluster;
  private InstantHost direct;
  private GenerationRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    OllamaCluster.Builder b = OllamaCluster.builder().refreshInterval(Duration.ZERO);
    List<InstantHost> providers = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      // even hosts serve the model; their reported warm latency differs so the learned order is
      // stable
      InstantHost h =
          new InstantHost(
              i % 2 == 0 ? List.of(MODEL, "other:latest") : List.of("other:latest"),
              Duration.ofMillis(2 + i));
      providers.add(h);
      b.addHost(
          new OllamaHostSpec(
              URI.create("http://10.0.0." + (i + 1) + ":11434"), "h" + i, 1 + i % 3, 4),
          h);
    }
    cluster = b.build();
    cluster.listModels();
    request = GenerationRequest.builder().model(MODEL).user("hi").build();
    for (int i = 0; i < 4 * hosts; i++) {
      cluster.generate(request); // every serving host gets latency samples
    }
    direct = providers.get(0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cluster.close();
  }

  @Benchmark
  public Object expectedHost() {
    return cluster.expectedHost(MODEL);
  }

  @Benchmark
  public GenerationResult generateThroughCluster() {
    return cluster.generate(request, TokenListener.NONE);
  }

  @Benchmark
  public GenerationResult generateDirect() {
    return direct.generate(request, TokenListener.NONE);
  }

  /** A host that answers at once with a fixed reported latency. */
  static final class InstantHost implements ModelProvider {
    private final List<ModelDescriptor> models = new ArrayList<>();
    private final GenerationResult result;

    InstantHost(List<String> names, Duration reported) {
      for (String n : names) {
        models.add(ModelDescriptor.of(n, "ollama"));
      }
      this.result =
          GenerationResult.builder("ok", MODEL).totalTime(reported).loadTime(Duration.ZERO).build();
    }

    @Override
    public String id() {
      return "ollama";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return models;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      listener.onToken("ok");
      return result;
    }
  }
}
