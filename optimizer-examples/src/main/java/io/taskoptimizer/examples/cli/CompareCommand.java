package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.core.benchmark.BenchmarkSample;
import io.taskoptimizer.core.benchmark.SampleInputs;
import io.taskoptimizer.judge.Comparison;
import io.taskoptimizer.judge.Judge;
import io.taskoptimizer.judge.Rating;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Compares two models' answers with a judge model, in both orders. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Compares two models on a task with a judge model (both orders).",
    description =
        "Runs both models on the same request (a job posting with"
            + " --job, else the task's built-in sample), asks a judge model of"
            + " another family which answer is better in both orders, and counts"
            + " a win only when both orders agree. Records the comparison in"
            + " judge_comparisons.json and updates the Bradley-Terry ratings."
            + " Needs Ollama.")
final class CompareCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "TASK",
      description = "The task, e.g. self_assessment.")
  private String task;

  @Option(
      names = "--models",
      required = true,
      paramLabel = "A,B",
      split = ",",
      description = "The two models to compare.")
  private List<String> models;

  @Option(
      names = "--job",
      paramLabel = "ID",
      description =
          "Job id: reads job{ID}.json (self_assessment," + " job_extraction, job_requirements).")
  @Nullable
  private String jobId;

  @Option(
      names = "--postings",
      paramLabel = "DIR",
      description = "Postings directory (default: postings/).")
  @Nullable
  private Path postings;

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      description = "Candidate profile for self_assessment.")
  @Nullable
  private Path profile;

  @Option(
      names = "--length-control",
      paramLabel = "RATIO",
      description =
          "A win by an answer more than RATIO times longer"
              + " than the other counts as a tie (e.g. 1.5).")
  @Nullable
  private Double lengthControl;

  @Override
  public Integer call() {
    if (models.size() != 2) {
      throw CliException.usage(
          "--models takes exactly two models, e.g."
              + " --models qwen2.5:7b,llama3.2:3b; got "
              + models);
    }
    PrintWriter out = root.terminal().out();
    try (Workspace ws = Workspace.open(root, false)) {
      TaskType t = ws.task(task);
      ws.requireOllama();
      for (String m : models) {
        if (!ws.available(m).orElse(true)) {
          throw CliException.usage(
              "Model '"
                  + m
                  + "' is not served by Ollama"
                  + " at "
                  + ws.ollamaUrl()
                  + "; pull it with 'ollama pull "
                  + m
                  + "'");
        }
      }
      GenerationRequest request = request(ws, t);
      Judge.Builder b = Judge.builder(ws.optimizer());
      if (lengthControl != null) {
        try {
          b.lengthControl(lengthControl);
        } catch (IllegalArgumentException e) {
          throw CliException.usage("--length-control: " + e.getMessage());
        }
      }
      try (Judge judge = b.build()) {
        Comparison c = judge.compare(t, request, models.get(0), models.get(1));
        List<Rating> ratings = judge.ratings(t);
        if (root.json()) {
          Json.print(out, json(c, ratings));
        } else {
          print(out, Style.of(root.terminal()), c, ratings);
        }
        if (!c.hasVerdict()) {
          throw CliException.runtime(
              "No verdict: the judge "
                  + c.judge()
                  + " gave no answer that parses strictly (nothing was recorded)");
        }
      }
      return ExitCodes.OK;
    }
  }

  private GenerationRequest request(Workspace ws, TaskType t) {
    if (jobId != null) {
      JobPosting posting = Inputs.posting(Inputs.postingsDir(postings), jobId);
      if (t.equals(TaskType.SELF_ASSESSMENT)) {
        return SelfAssessmentPrompt.request(posting, Inputs.profile(profile).text());
      }
      if (t.equals(TaskType.JOB_EXTRACTION) || t.equals(TaskType.JOB_REQUIREMENTS)) {
        return ConsensusExtractor.builder(ws.optimizer()).build().requestFor(posting);
      }
      throw CliException.usage(
          "--job works with self_assessment,"
              + " job_extraction and job_requirements; leave it out to use the"
              + " built-in sample of "
              + t.id());
    }
    List<BenchmarkSample> samples = SampleInputs.builtIn().forTask(t);
    if (samples.isEmpty()) {
      throw CliException.usage("Task " + t.id() + " has no built-in sample;" + " give --job ID");
    }
    return samples.get(0).request();
  }

  static void print(PrintWriter out, Style style, Comparison c, List<Rating> ratings) {
    out.println(style.bold("Comparison on " + c.task().id()) + ": " + c.summary());
    out.println(
        "  A first: " + c.firstOrder() + c.secondOrder().map(s -> ", B first: " + s).orElse(""));
    out.println(
        "  lengths: "
            + c.modelA()
            + " "
            + c.wordsA()
            + " words, "
            + c.modelB()
            + " "
            + c.wordsB()
            + " words"
            + (c.lengthAdjusted() ? " (win turned into a tie by" + " --length-control)" : ""));
    printRatings(out, ratings, "  ");
  }

  /** Prints Bradley-Terry ratings, best first; used by rankings too. */
  static void printRatings(PrintWriter out, List<Rating> ratings, String indent) {
    if (ratings.isEmpty()) {
      return;
    }
    out.println(indent + "pairwise ratings (Bradley-Terry, +- 1 s.e.;" + " W-L-T):");
    for (Rating r : ratings) {
      out.println(
          String.format(
              java.util.Locale.ROOT,
              "%s  %-28s %+6.2f +- %4.2f  quality %.2f  %d-%d-%d",
              indent,
              r.model(),
              r.rating(),
              r.standardError(),
              r.quality(),
              r.wins(),
              r.losses(),
              r.ties()));
    }
  }

  static List<Map<String, Object>> ratingsJson(List<Rating> ratings) {
    return ratings.stream()
        .map(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("model", r.model());
              m.put("rating", r.rating());
              m.put("standard_error", r.standardError());
              m.put("quality", r.quality());
              m.put("quality_sd", r.qualityStdDev());
              m.put("wins", r.wins());
              m.put("losses", r.losses());
              m.put("ties", r.ties());
              return m;
            })
        .toList();
  }

  static Map<String, Object> json(Comparison c, List<Rating> ratings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", c.task().id());
    m.put("model_a", c.modelA());
    m.put("model_b", c.modelB());
    m.put("judge", c.judge());
    m.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
    m.put("unadjusted_outcome", c.unadjustedOutcome().name().toLowerCase(java.util.Locale.ROOT));
    m.put("first_order", c.firstOrder().name().toLowerCase(java.util.Locale.ROOT));
    m.put(
        "second_order",
        c.secondOrder().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
    m.put("words_a", c.wordsA());
    m.put("words_b", c.wordsB());
    m.put("same_family_judge", c.sameFamilyJudge());
    m.put("ratings", ratingsJson(ratings));
    return m;
  }
}
