package io.taskoptimizer.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client comparison of {@link OllamaProviderBenchmark}, interleaved: on a shared machine whose
 * load changes from minute to minute, JMH's one-benchmark-after-another figures compare clients
 * measured under different loads. This runs the six cases (ours, langchain4j-ollama, bare
 * HttpClient + Jackson; non-streaming and streaming) in turns of {@code calls} calls each, for
 * {@code rounds} rounds after a warm-up, in one JVM against one instant server, and prints per case
 * the median over the rounds of the wall time and of the process CPU time per call, and the median
 * over the rounds of their ratios to the bare client's in the same round. Not a replacement for JMH
 * (no forks, no blackhole): a cross-check of the ratios.
 *
 * <p>{@code java -cp benchmarks.jar io.taskoptimizer.benchmarks.ClientComparison [rounds] [calls]
 * [replyWords]}
 */
public final class ClientComparison {

  private ClientComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args rounds (default 30), calls per turn (default 300), reply words (default 64)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    OllamaProviderBenchmark b = new OllamaProviderBenchmark();
    b.replyWords = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    b.server = "instant";
    b.setUp();
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("providerNonStreaming", b::providerNonStreaming);
    cases.put("langchain4jNonStreaming", b::langchain4jNonStreaming);
    cases.put("bareNonStreaming", b::bareNonStreaming);
    cases.put("providerStreaming", b::providerStreaming);
    cases.put("langchain4jStreaming", b::langchain4jStreaming);
    cases.put("bareStreaming", b::bareStreaming);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    cases.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
    int warmup = Math.max(5, rounds / 3);
    Object sink = null;
    for (int r = 0; r < warmup + rounds; r++) {
      for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          sink = c.getValue().get();
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        if (r >= warmup) {
          Objects.requireNonNull(samples.get(c.getKey()), "a sample list per case")
              .add(new double[] {wall / 1000.0 / calls, cpu / 1000.0 / calls});
        }
      }
    }
    b.tearDown();
    Map<String, double[]> medians = new LinkedHashMap<>();
    samples.forEach((k, v) -> medians.put(k, new double[] {median(v, 0), median(v, 1)}));
    System.out.printf(
        Locale.ROOT,
        "%d rounds x %d calls per case after %d warm-up rounds; replyWords=%d; last=%s%n",
        rounds,
        calls,
        warmup,
        b.replyWords,
        String.valueOf(sink).length());
    System.out.printf(
        Locale.ROOT,
        "%-26s %10s %10s %12s %12s%n",
        "case",
        "wall us",
        "cpu us",
        "wall/bare",
        "cpu/bare");
    for (Map.Entry<String, double[]> e : medians.entrySet()) {
      String mode = e.getKey().endsWith("NonStreaming") ? "NonStreaming" : "Streaming";
      List<double[]> own =
          Objects.requireNonNull(samples.get(e.getKey()), "samples of " + e.getKey());
      List<double[]> bare =
          Objects.requireNonNull(samples.get("bare" + mode), "samples of bare" + mode);
      // the median of the ratios within each round: both measured under the same load
      List<double[]> ratios = new ArrayList<>();
      for (int r = 0; r < own.size(); r++) {
        ratios.add(new double[] {own.get(r)[0] / bare.get(r)[0], own.get(r)[1] / bare.get(r)[1]});
      }
      System.out.printf(
          Locale.ROOT,
          "%-26s %10.1f %10.1f %12.2f %12.2f%n",
          e.getKey(),
          e.getValue()[0],
          e.getValue()[1],
          median(ratios, 0),
          median(ratios, 1));
    }
  }

  private static double median(List<double[]> v, int i) {
    double[] x = v.stream().mapToDouble(a -> a[i]).toArray();
    Arrays.sort(x);
    return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
  }
}
