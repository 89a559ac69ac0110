package io.taskoptimizer.benchmarks.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The decision-quality simulator: runs the real {@link io.taskoptimizer.core.TaskOptimizer} against
 * a simulated fleet whose true quality, latency and failure rate are hidden from it, under several
 * selection policies and seeds, and reports the share of oracle utility each policy reached, how
 * many calls it took to settle on the best model and to abandon a degraded one, and a regret chart.
 *
 * <pre>
 * java -cp benchmarks.jar io.taskoptimizer.benchmarks.decision.DecisionSimulator
 *     [--seeds N] [--first-seed N] [--calls N] [--policies a,b] [--scenarios x,y] [--out PREFIX]
 * </pre>
 *
 * <p>Writes {@code PREFIX.txt} (the table), {@code PREFIX.json} (every run) and {@code PREFIX.svg}
 * (the chart) when {@code --out} is given; prints the table either way.
 */
public final class DecisionSimulator {

  private DecisionSimulator() {}

  /** One run's result. */
  record Result(String scenario, String policy, long seed, Metrics metrics) {}

  /**
   * Runs the simulator.
   *
   * @param args see the class comment
   * @throws Exception if a run fails or the output cannot be written
   */
  public static void main(String[] args) throws Exception {
    // the ranking updater logs every update at INFO; the table is the output here
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    int seeds = 5;
    long firstSeed = 1;
    int calls = Scenarios.CALLS;
    List<String> policyNames = Policy.defaults().stream().map(Policy::name).toList();
    List<String> scenarioNames = Scenarios.all().stream().map(Scenario::name).toList();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--first-seed" -> firstSeed = Long.parseLong(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--policies" -> policyNames = List.of(args[++i].split(","));
        case "--scenarios" -> scenarioNames = List.of(args[++i].split(","));
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println(
              "unknown argument "
                  + args[i]
                  + "; usage: [--seeds N] [--first-seed N] [--calls N] [--policies a,b] [--scenarios x,y] [--out PREFIX]");
          System.exit(2);
        }
      }
    }
    List<Policy> policies = policyNames.stream().map(Policy::named).toList();
    List<Scenario> scenarios = new ArrayList<>();
    for (String n : scenarioNames) {
      final int c = calls;
      scenarios.add(
          Scenarios.all().stream()
              .filter(s -> s.name().equals(n))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + n))
              .withCalls(c));
    }
    long start = System.nanoTime();
    List<Result> results = run(scenarios, policies, firstSeed, seeds);
    double secs = (System.nanoTime() - start) / 1e9;
    String table =
        table(scenarios, policies, seeds, calls, results)
            + String.format(
                Locale.ROOT, "%n%d runs of %d calls in %.0f s%n", results.size(), calls, secs);
    System.out.print(table);
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(Path.of(out + ".txt"), table, StandardCharsets.UTF_8);
      Files.writeString(Path.of(out + ".json"), json(results), StandardCharsets.UTF_8);
      Files.writeString(
          Path.of(out + ".svg"),
          chart(scenarios, policies, results, calls),
          StandardCharsets.UTF_8);
      System.out.println("wrote " + out + ".txt, .json, .svg");
    }
  }

  /** Runs every scenario under every policy and seed, on as many threads as there are cores. */
  static List<Result> run(
      List<Scenario> scenarios, List<Policy> policies, long firstSeed, int seeds)
      throws InterruptedException, ExecutionException {
    Path tmp = Run.tmpRoots().stream().filter(Files::isWritable).findFirst().orElseThrow();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Scenario s : scenarios) {
        for (Policy p : policies) {
          for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            final long sd = seed;
            futures.add(
                pool.submit(
                    () ->
                        new Result(
                            s.name(), p.name(), sd, Metrics.of(s, Run.choices(s, p, sd, tmp)))));
          }
        }
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static String table(
      List<Scenario> scenarios, List<Policy> policies, int seeds, int calls, List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Decision quality: %d calls per run, %d seeds (common random"
                + " numbers), ranking update every %d calls%n",
            calls,
            seeds,
            Run.UPDATE_EVERY));
    sb.append(
        "oracle % = summed true utility of the chosen models / of the best served model (mean,"
            + " min-max over seeds)\n");
    sb.append(
        "to main = calls until the final best model is chosen in >50% of every later 100-call"
            + " window (worst seed)\n");
    sb.append(
        "abandon = calls after the drop until the degraded model is chosen in <=50% of every later"
            + " window (worst seed)\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-14s %-18s %8s %15s %8s %8s %9s%n",
            "scenario",
            "policy",
            "oracle%",
            "min-max",
            "to main",
            "abandon",
            "off-best%"));
    for (Scenario s : scenarios) {
      for (Policy p : policies) {
        List<Metrics> ms =
            results.stream()
                .filter(r -> r.scenario().equals(s.name()) && r.policy().equals(p.name()))
                .map(Result::metrics)
                .toList();
        double[] shares = ms.stream().mapToDouble(m -> 100 * m.share()).toArray();
        double mean = Arrays.stream(shares).average().orElse(Double.NaN);
        double min = Arrays.stream(shares).min().orElse(Double.NaN);
        double max = Arrays.stream(shares).max().orElse(Double.NaN);
        String toMain = worst(ms.stream().map(Metrics::callsToMain).toList());
        String abandon =
            ms.isEmpty() || !ms.get(0).degraded()
                ? "-"
                : worst(ms.stream().map(Metrics::callsToAbandon).toList());
        double off = ms.stream().mapToDouble(Metrics::explored).average().orElse(Double.NaN) * 100;
        sb.append(
            String.format(
                Locale.ROOT,
                "%-14s %-18s %8.2f %7.2f-%-7.2f %8s %8s %9.1f%n",
                s.name(),
                p.name(),
                mean,
                min,
                max,
                toMain,
                abandon,
                off));
      }
    }
    return sb.toString();
  }

  private static String worst(List<OptionalInt> values) {
    int worst = 0;
    for (OptionalInt v : values) {
      if (v.isEmpty()) {
        return "never";
      }
      worst = Math.max(worst, v.getAsInt());
    }
    return String.valueOf(worst);
  }

  private static String json(List<Result> results) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ArrayNode arr = m.createArrayNode();
    for (Result r : results) {
      ObjectNode o = arr.addObject();
      o.put("scenario", r.scenario())
          .put("policy", r.policy())
          .put("seed", r.seed())
          .put("oracleShare", r.metrics().share())
          .put("utility", r.metrics().utility())
          .put("oracle", r.metrics().oracle());
      r.metrics()
          .callsToMain()
          .ifPresentOrElse(v -> o.put("callsToMain", v), () -> o.putNull("callsToMain"));
      if (r.metrics().degraded()) {
        r.metrics()
            .callsToAbandon()
            .ifPresentOrElse(v -> o.put("callsToAbandon", v), () -> o.putNull("callsToAbandon"));
      }
      o.put("offBestShare", r.metrics().explored());
    }
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(arr);
  }

  private static String chart(
      List<Scenario> scenarios, List<Policy> policies, List<Result> results, int calls) {
    Map<String, Map<String, double[]>> lines = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      Map<String, double[]> byPolicy = new LinkedHashMap<>();
      for (Policy p : policies) {
        List<List<Double>> rs =
            results.stream()
                .filter(r -> r.scenario().equals(s.name()) && r.policy().equals(p.name()))
                .map(r -> r.metrics().regret())
                .toList();
        if (rs.isEmpty()) {
          continue;
        }
        double[] mean = new double[rs.get(0).size()];
        for (List<Double> r : rs) {
          for (int i = 0; i < mean.length; i++) {
            mean[i] += r.get(i) / rs.size();
          }
        }
        byPolicy.put(p.name(), mean);
      }
      lines.put(s.name(), byPolicy);
    }
    return RegretChart.svg(
        scenarios.stream().map(Scenario::name).toList(),
        policies.stream().map(Policy::name).toList(),
        lines,
        calls);
  }
}
