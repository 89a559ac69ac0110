package io.taskoptimizer.judge.internal;

import io.taskoptimizer.judge.ComparisonPair;
import io.taskoptimizer.judge.Rating;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Bradley-Terry ratings of the models of one task from its comparisons, and active scheduling. */
public final class Ratings {

  private Ratings() {}

  /**
   * A fit with the model names of its indices.
   *
   * <p>A plain class rather than a record: a record's equals, hashCode and toString would compare
   * and print the arrays by identity. Nothing is copied; nobody modifies it after {@link
   * Ratings#fit}.
   */
  public static final class Fitted {
    private final List<String> models;
    private final BradleyTerry.Fit fit;
    private final int[][] counts;
    private final int[][] games;

    /**
     * A fit of {@code n} models.
     *
     * @param models the model names, by index (length n)
     * @param fit the ratings fit
     * @param counts per model index: wins, losses and ties
     * @param games per pair of model indices: how many comparisons there are
     */
    public Fitted(List<String> models, BradleyTerry.Fit fit, int[][] counts, int[][] games) {
      this.models = models;
      this.fit = fit;
      this.counts = counts;
      this.games = games;
    }

    /** {@return the model names, by index} */
    public List<String> models() {
      return models;
    }

    /** {@return the ratings fit} */
    public BradleyTerry.Fit fit() {
      return fit;
    }

    /** {@return per model index: wins, losses and ties (the array itself: do not modify it)} */
    public int[][] counts() {
      return counts;
    }

    /** {@return per pair of model indices: the comparisons (the array itself: do not modify it)} */
    public int[][] games() {
      return games;
    }
  }

  /**
   * Fits the comparisons, adding {@code extraModels} (without comparisons) to the model set.
   *
   * @param entries the comparisons of one task
   * @param extraModels models to include besides the compared ones (ignored if already compared)
   * @return the fit, models indexed in order of first appearance
   */
  public static Fitted fit(List<ComparisonStore.Entry> entries, List<String> extraModels) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (ComparisonStore.Entry e : entries) {
      index.putIfAbsent(e.a(), index.size());
      index.putIfAbsent(e.b(), index.size());
    }
    for (String m : extraModels) {
      index.putIfAbsent(m, index.size());
    }
    int n = index.size();
    int[][] counts = new int[n][3]; // wins, losses, ties
    int[][] games = new int[n][n];
    List<BradleyTerry.Game> list = new ArrayList<>();
    for (ComparisonStore.Entry e : entries) {
      int a = Objects.requireNonNull(index.get(e.a()), "indexed above");
      int b = Objects.requireNonNull(index.get(e.b()), "indexed above");
      games[a][b]++;
      games[b][a]++;
      switch (e.outcome()) {
        case "a" -> {
          list.add(new BradleyTerry.Game(a, b, 1));
          counts[a][0]++;
          counts[b][1]++;
        }
        case "b" -> {
          list.add(new BradleyTerry.Game(a, b, 0));
          counts[a][1]++;
          counts[b][0]++;
        }
        default -> {
          list.add(new BradleyTerry.Game(a, b, 0.5));
          counts[a][2]++;
          counts[b][2]++;
        }
      }
    }
    return new Fitted(new ArrayList<>(index.keySet()), BradleyTerry.fit(n, list), counts, games);
  }

  /**
   * The ratings of the compared models.
   *
   * @param entries the comparisons of one task
   * @return the ratings, best first
   */
  public static List<Rating> of(List<ComparisonStore.Entry> entries) {
    return of(fit(entries, List.of()));
  }

  /**
   * The ratings of a fit.
   *
   * @param f the fit
   * @return the ratings of all its models, best first
   */
  public static List<Rating> of(Fitted f) {
    double mean = f.fit().mean();
    List<Rating> out = new ArrayList<>();
    for (int i : f.fit().order()) {
      double r = f.fit().ratings()[i];
      double se = f.fit().standardError(i);
      double q = BradleyTerry.sigmoid(r - mean);
      out.add(
          new Rating(
              f.models().get(i),
              r,
              se,
              q,
              q * (1 - q) * se,
              f.counts()[i][0],
              f.counts()[i][1],
              f.counts()[i][2]));
    }
    return out;
  }

  /**
   * The {@code n} pairs whose order is least certain: lowest order confidence first, then the pairs
   * compared least often, then by name.
   *
   * @param f the fit
   * @param n how many pairs at most
   * @return at most {@code n} pairs, unmodifiable
   */
  public static List<ComparisonPair> leastCertain(Fitted f, int n) {
    List<ComparisonPair> pairs = new ArrayList<>();
    Map<ComparisonPair, Integer> played = new HashMap<>();
    double[] r = f.fit().ratings();
    int m = f.models().size();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        boolean iFirst =
            r[i] > r[j] || (r[i] == r[j] && f.models().get(i).compareTo(f.models().get(j)) <= 0);
        int hi = iFirst ? i : j;
        int lo = iFirst ? j : i;
        ComparisonPair p =
            new ComparisonPair(
                f.models().get(hi), f.models().get(lo), f.fit().orderConfidence(i, j));
        pairs.add(p);
        played.put(p, f.games()[i][j]);
      }
    }
    pairs.sort(
        Comparator.comparingDouble(ComparisonPair::orderConfidence)
            .thenComparing(played::get)
            .thenComparing(ComparisonPair::modelA)
            .thenComparing(ComparisonPair::modelB));
    return List.copyOf(pairs.subList(0, Math.min(n, pairs.size())));
  }
}
