package io.taskoptimizer.benchmarks.decision;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one run's choices were worth, from the hidden truth.
 *
 * @param utility the summed true expected utility of the chosen models
 * @param oracle the summed true expected utility of the best served model at every step
 * @param regret cumulative regret (oracle minus chosen) after every {@link #SAMPLE} calls;
 *     unmodifiable
 * @param callsToMain calls of the task, after the final best model became the best, until it was
 *     the main choice for good (see {@link #settle}); empty if it never was
 * @param callsToAbandon calls after a degradation until the degraded model stopped being the main
 *     choice for good; empty if it never stopped, or nothing degraded
 * @param degraded whether the scenario has a degradation
 * @param explored share of calls that went to a model other than the oracle's
 */
record Metrics(
    double utility,
    double oracle,
    List<Double> regret,
    OptionalInt callsToMain,
    OptionalInt callsToAbandon,
    boolean degraded,
    double explored) {

  /** Regret is sampled every this many calls for the chart. */
  static final int SAMPLE = 50;

  /** The window in which "main choice" is judged, in calls of the task. */
  static final int WINDOW = 100;

  double share() {
    return utility / oracle;
  }

  static Metrics of(Scenario s, int[] chosen) {
    double u = 0;
    double o = 0;
    int off = 0;
    double[] regret = new double[chosen.length / SAMPLE];
    int nTasks = s.tasks().size();
    for (int t = 0; t < chosen.length; t++) {
      int task = t % nTasks;
      int best = s.oracle(task, t);
      double bu = s.utility(s.models().get(best), task, t);
      double cu = chosen[t] < 0 ? 0 : s.utility(s.models().get(chosen[t]), task, t);
      u += cu;
      o += bu;
      if (chosen[t] != best) {
        off++;
      }
      if ((t + 1) % SAMPLE == 0) {
        regret[t / SAMPLE] = o - u;
      }
    }
    // per task: calls until the final best model is the main choice, and until a degraded one is
    // abandoned; the worst task counts
    OptionalInt toMain = OptionalInt.of(0);
    OptionalInt toAbandon = OptionalInt.empty();
    boolean degraded = s.models().stream().anyMatch(m -> m.dropAt() >= 0);
    for (int task = 0; task < nTasks; task++) {
      int[] mine = new int[(chosen.length - task + nTasks - 1) / nTasks];
      int[] oracleSeq = new int[mine.length];
      for (int k = 0; k < mine.length; k++) {
        int t = k * nTasks + task;
        mine[k] = chosen[t];
        oracleSeq[k] = s.oracle(task, t);
      }
      int finalBest = oracleSeq[mine.length - 1];
      int since = mine.length - 1;
      while (since > 0 && oracleSeq[since - 1] == finalBest) {
        since--;
      }
      toMain = worse(toMain, settle(mine, since, finalBest, true));
      for (SimModel m : s.models()) {
        if (m.dropAt() >= 0) {
          int idx = s.models().indexOf(m);
          int from = (m.dropAt() - task + nTasks - 1) / nTasks;
          OptionalInt a = settle(mine, from, idx, false);
          toAbandon = toAbandon.isEmpty() && a.isPresent() ? a : worse(toAbandon, a);
        }
      }
    }
    return new Metrics(
        u,
        o,
        Arrays.stream(regret).boxed().toList(),
        toMain,
        toAbandon,
        degraded,
        off / (double) chosen.length);
  }

  private static OptionalInt worse(OptionalInt a, OptionalInt b) {
    if (a.isEmpty() || b.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Math.max(a.getAsInt(), b.getAsInt()));
  }

  /**
   * Calls from {@code from} until {@code model} is the main choice for good ({@code main}: chosen
   * in more than half of every later window of {@link #WINDOW} calls) or has stopped being it for
   * good ({@code !main}: chosen in at most half of every later window). Empty if the last window
   * still fails.
   */
  static OptionalInt settle(int[] seq, int from, int model, boolean main) {
    int n = seq.length;
    if (n - from < WINDOW) {
      return OptionalInt.empty();
    }
    int count = 0;
    for (int k = n - WINDOW; k < n; k++) {
      if (seq[k] == model) {
        count++;
      }
    }
    // scan windows [j, j + WINDOW) from the last one backwards; the first failing one ends the scan
    int lastBad = -1;
    for (int j = n - WINDOW; j >= from; j--) {
      boolean ok = main ? count * 2 > WINDOW : count * 2 <= WINDOW;
      if (!ok) {
        lastBad = j;
        break;
      }
      if (j > from) {
        if (seq[j - 1] == model) {
          count++;
        }
        if (seq[j - 1 + WINDOW] == model) {
          count--;
        }
      }
    }
    if (lastBad == n - WINDOW) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(lastBad < 0 ? 0 : lastBad + 1 - from);
  }
}
