package io.taskoptimizer.consensus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An informal speed check of {@link SequenceMatcher} on the pairs {@code bench_difflib.py} writes,
 * until the JMH benchmark of {@code optimizer-benchmarks} exists. Not a test: run it by hand (see
 * the module README). Reports the mean per {@code ratio()} call after warm-up, in process CPU time
 * (steadier than wall time on a busy machine; after warm-up the JIT and GC add little) and in wall
 * time.
 */
final class SequenceMatcherSpeed {

  private SequenceMatcherSpeed() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println(
          "usage: SequenceMatcherSpeed <pairs file written by bench_difflib.py --pairs-out>");
      System.exit(2);
    }
    String[] parts = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8).split("\0", -1);
    Map<String, List<String[]>> bySize = new LinkedHashMap<>();
    for (int i = 0; i + 2 < parts.length; i += 3) {
      bySize
          .computeIfAbsent(parts[i], k -> new ArrayList<>())
          .add(new String[] {parts[i + 1], parts[i + 2]});
    }
    double sink = 0;
    for (Map.Entry<String, List<String[]>> e : bySize.entrySet()) {
      List<String[]> pairs = e.getValue();
      int reps = Math.max(10, 2_000_000 / Integer.parseInt(e.getKey()));
      for (int round = 0; round < 5; round++) { // warm-up: JIT
        sink += run(pairs, reps);
      }
      // the process CPU clock ticks in 10 ms steps, so measure long and divide the totals
      long c0 = cpuNanos();
      long w0 = System.nanoTime();
      int rounds = 10;
      for (int round = 0; round < rounds; round++) {
        sink += run(pairs, reps);
      }
      long calls = (long) rounds * reps * pairs.size();
      double cpu = (cpuNanos() - c0) / (double) calls;
      double wall = (System.nanoTime() - w0) / (double) calls;
      System.out.printf(
          Locale.ROOT,
          "%s chars: %.1f us CPU, %.1f us wall per ratio()%n",
          e.getKey(),
          cpu / 1000.0,
          wall / 1000.0);
    }
    if (sink < 0) {
      System.out.println(sink); // keeps the work observable
    }
  }

  private static double run(List<String[]> pairs, int reps) {
    double sink = 0;
    for (int r = 0; r < reps; r++) {
      for (String[] p : pairs) {
        sink += new SequenceMatcher(p[0], p[1]).ratio();
      }
    }
    return sink;
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }
}
