package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.benchmark.BenchmarkSample;
import io.taskoptimizer.core.benchmark.SampleInputs;
import io.taskoptimizer.judge.Comparison;
import io.taskoptimizer.judge.ComparisonPair;
import io.taskoptimizer.judge.Judge;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code taskopt benchmark --pairwise}: comparisons where the Bradley-Terry ratings are least
 * certain, on the built-in samples, until the budget per task is spent.
 */
final class PairwiseBenchmark {

  private PairwiseBenchmark() {}

  static int run(
      Workspace ws,
      TaskoptCommand root,
      List<TaskType> tasks,
      List<String> models,
      int comparisons) {
    List<String> names = new ArrayList<>(models);
    if (names.isEmpty()) {
      ws.optimizer().availableModels().stream()
          .map(ModelDescriptor::name)
          .sorted()
          .forEach(names::add);
    }
    if (names.size() < 2) {
      throw CliException.usage("--pairwise needs at least two models; Ollama" + " serves " + names);
    }
    List<TaskType> chosen = tasks.isEmpty() ? TaskType.predefined() : tasks;
    PrintWriter out = root.terminal().out();
    Style style = Style.of(root.terminal());
    List<Object> jsonTasks = new ArrayList<>();
    int verdicts = 0;
    try (Judge judge = Judge.builder(ws.optimizer()).build()) {
      for (TaskType t : chosen) {
        List<BenchmarkSample> samples = SampleInputs.builtIn().forTask(t);
        if (samples.isEmpty()) {
          continue;
        }
        if (!root.json()) {
          out.println(style.bold(t.id()));
        }
        List<Object> done = new ArrayList<>();
        for (int i = 0; i < comparisons; i++) {
          ComparisonPair p = judge.nextComparisons(t, names, 1).get(0);
          Comparison c =
              judge.compare(t, samples.get(i % samples.size()).request(), p.modelA(), p.modelB());
          verdicts += c.hasVerdict() ? 1 : 0;
          if (root.json()) {
            done.add(CompareCommand.json(c, List.of()));
          } else {
            out.println(
                String.format(
                    java.util.Locale.ROOT,
                    "  %3d. order confidence %.2f: %s",
                    i + 1,
                    p.orderConfidence(),
                    c.summary()));
            out.flush();
          }
        }
        if (root.json()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("task", t.id());
          m.put("comparisons", done);
          m.put("ratings", CompareCommand.ratingsJson(judge.ratings(t)));
          jsonTasks.add(m);
        } else {
          CompareCommand.printRatings(out, judge.ratings(t), "  ");
        }
      }
    }
    if (root.json()) {
      Json.print(out, Map.of("pairwise", jsonTasks));
    }
    if (verdicts == 0) {
      throw CliException.runtime(
          "No comparison produced a verdict: is a" + " judge model (of another family) served?");
    }
    return ExitCodes.OK;
  }
}
