package io.taskoptimizer.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.judge.ComparisonPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How many comparisons it takes to rank N models within a given confidence: simulated models of
 * known Bradley-Terry strength (equally spaced), a judge that is noisy but unbiased, asked in both
 * orders (a win only when both agree, as {@code Judge.compare} does), ratings refitted after every
 * comparison, and stopped when every adjacent pair of the fitted order has an order confidence of
 * at least 95%. Active scheduling ({@code Judge.nextComparisons}: the least certain pair next) is
 * compared with round robin over all pairs. Figures go to {@code
 * target/judge-figures/comparisons-to-rank.txt}.
 */
class ComparisonsToRankTest {

  private static final double CONFIDENCE = 0.95;
  private static final int SEEDS = 20;
  private static final int CAP = 4000;

  private record Run(int comparisons, boolean converged, boolean correct) {}

  private static Run run(int n, double gap, boolean active, long seed) {
    Random random = new Random(seed);
    double[] strength = new double[n];
    List<String> models = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      strength[i] = (n - 1 - i) * gap; // m0 is the best
      models.add("m" + i);
    }
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pairs.add(new int[] {i, j});
      }
    }
    List<ComparisonStore.Entry> entries = new ArrayList<>();
    for (int step = 0; step < CAP; step++) {
      Ratings.Fitted f = Ratings.fit(entries, models);
      if (step >= pairs.size() && converged(f)) {
        return new Run(step, true, correct(f));
      }
      int a;
      int b;
      if (active) {
        ComparisonPair p = Ratings.leastCertain(f, 1).get(0);
        a = Integer.parseInt(p.modelA().substring(1));
        b = Integer.parseInt(p.modelB().substring(1));
      } else {
        int[] p = pairs.get(step % pairs.size());
        a = p[0];
        b = p[1];
      }
      double pa = BradleyTerry.sigmoid(strength[a] - strength[b]);
      boolean first = random.nextDouble() < pa; // A shown first: A wins?
      boolean second = random.nextDouble() < pa; // B shown first: A wins?
      String outcome = first == second ? (first ? "a" : "b") : "tie";
      entries.add(new ComparisonStore.Entry("m" + a, "m" + b, outcome, "judge", false, 0, 0, ""));
    }
    Ratings.Fitted f = Ratings.fit(entries, models);
    return new Run(CAP, false, correct(f));
  }

  private static boolean converged(Ratings.Fitted f) {
    List<Integer> order = f.fit().order();
    for (int k = 0; k + 1 < order.size(); k++) {
      if (f.fit().orderConfidence(order.get(k), order.get(k + 1)) < CONFIDENCE) {
        return false;
      }
    }
    return true;
  }

  private static boolean correct(Ratings.Fitted f) {
    List<Integer> order = f.fit().order();
    for (int k = 0; k < order.size(); k++) {
      if (!f.models().get(order.get(k)).equals("m" + k)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void activeSchedulingRanksWithFewerComparisonsThanRoundRobin() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-3s %-5s %-12s %9s %9s %9s %10s %9s",
            "N", "gap", "schedule", "median", "mean", "max", "converged", "correct"));
    double[] activeMeans = new double[4];
    double[] robinMeans = new double[4];
    int row = 0;
    for (int n : new int[] {4, 6}) {
      for (double gap : new double[] {1.0, 0.5}) {
        for (boolean active : new boolean[] {true, false}) {
          List<Run> runs = new ArrayList<>();
          for (int s = 0; s < SEEDS; s++) {
            runs.add(run(n, gap, active, 1000L * n + s));
          }
          int[] counts = runs.stream().mapToInt(Run::comparisons).sorted().toArray();
          double mean = runs.stream().mapToInt(Run::comparisons).average().orElseThrow();
          long converged = runs.stream().filter(Run::converged).count();
          long correct = runs.stream().filter(Run::correct).count();
          lines.add(
              String.format(
                  "%-3d %-5.1f %-12s %9d %9.0f %9d %7d/%d %6d/%d",
                  n,
                  gap,
                  active ? "active" : "round-robin",
                  counts[counts.length / 2],
                  mean,
                  counts[counts.length - 1],
                  converged,
                  SEEDS,
                  correct,
                  SEEDS));
          if (active) {
            activeMeans[row] = mean;
          } else {
            robinMeans[row] = mean;
          }
          assertThat(converged).as("N=%d gap=%.1f %s converged", n, gap, active).isEqualTo(SEEDS);
          assertThat(correct)
              .as("N=%d gap=%.1f %s correct", n, gap, active)
              .isGreaterThanOrEqualTo(SEEDS * 8 / 10);
        }
        row++;
      }
    }
    lines.add(
        "comparisons = judge comparisons, each asked in both orders (2 judge calls);"
            + " stop when every adjacent pair of the fitted order has order confidence >= "
            + CONFIDENCE
            + "; "
            + SEEDS
            + " seeds; true strengths equally spaced by 'gap' logits");
    Path out = Path.of("target", "judge-figures", "comparisons-to-rank.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, lines, StandardCharsets.UTF_8);
    lines.forEach(System.out::println);
    for (int r = 0; r < 4; r++) {
      assertThat(activeMeans[r]).as("row %d", r).isLessThan(robinMeans[r]);
    }
  }
}
