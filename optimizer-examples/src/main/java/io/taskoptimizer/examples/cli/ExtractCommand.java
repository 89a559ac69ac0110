package io.taskoptimizer.examples.cli;

import io.taskoptimizer.consensus.ConsensusCandidate;
import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.InvalidPostingException;
import io.taskoptimizer.consensus.JobDetails;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.consensus.JobPostings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Consensus-based job detail extraction (original: {@code consensus_job_extractor.py 62914}). */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Extracts the essential details of job postings by multi-model consensus.",
    description =
        "Extracts the essential details of job postings (title, location, responsibilities, requirements, contact) by consensus: the two best ranked models for job_extraction run in parallel and a third breaks a disagreement. Prints the extraction and whether consensus was reached, and saves the JSON result with the original tool's fields. Needs Ollama.")
final class ExtractCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Parameters(
      paramLabel = "JOB_ID",
      arity = "0..*",
      description = "Job ids (job{ID}.json in the postings directory).")
  private List<String> jobIds = new ArrayList<>();

  @Option(names = "--all", description = "Extract every posting of the postings directory.")
  private boolean all;

  @Option(
      names = "--postings",
      paramLabel = "DIR",
      description = "Postings directory (default: postings/).")
  @Nullable
  private Path postings;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where to save job{ID}_extraction.json (default: extractions/).")
  private Path output = Path.of("extractions");

  @Option(
      names = "--models",
      paramLabel = "MODEL",
      split = ",",
      description = "Use these models, in this order, instead of the best ranked ones.")
  @Nullable
  private List<String> models;

  @Option(
      names = "--threshold",
      paramLabel = "0..1",
      description = "Similarity at which two extractions agree (default: 0.75).")
  @Nullable
  private Double threshold;

  @Option(
      names = "--speculative",
      description = "Start the tie-breaker at once, cancel it if the first two agree.")
  private boolean speculative;

  @Option(
      names = "--language",
      paramLabel = "LANG",
      description = "Language of the extraction (default: English).")
  @Nullable
  private String language;

  @Override
  public Integer call() {
    if (all == !jobIds.isEmpty()) {
      throw CliException.usage(
          all ? "Give job ids or --all, not both" : "Give at least one JOB_ID, or --all");
    }
    if (threshold != null && !(threshold >= 0.0 && threshold <= 1.0)) {
      throw CliException.usage("--threshold must be between 0 and 1, got " + threshold);
    }
    Path dir = Inputs.postingsDir(postings);
    List<JobPosting> todo = new ArrayList<>();
    // the file name of each result: the id given on the command line, or the posting's own id
    // (validated: a posting's content must not choose where its result is written)
    // by identity: two postings may be equal records read from different files
    java.util.IdentityHashMap<JobPosting, String> fileIds = new java.util.IdentityHashMap<>();
    List<RuntimeException> failures = new ArrayList<>();
    List<String> failedIds = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int total;
    if (all) {
      JobPostings.DirectoryScan scan = JobPostings.loadDirectory(dir);
      todo.addAll(scan.postings());
      for (InvalidPostingException e : scan.rejected()) {
        failures.add(e);
        failedIds.add(e.postingId().orElse(e.file().map(Path::toString).orElse("?")));
      }
      warnings.addAll(scan.warnings());
      total = todo.size() + failures.size();
      if (total == 0) {
        throw CliException.input("No postings in " + dir + " (expected job{ID}.json files)");
      }
    } else {
      total = jobIds.size();
    }
    if (all) {
      for (java.util.Iterator<JobPosting> it = todo.iterator(); it.hasNext(); ) {
        JobPosting p = it.next();
        try {
          fileIds.put(
              p,
              Inputs.fileId(
                  p.id(),
                  "job_metadata.job_id in " + p.file().map(Path::toString).orElse("a posting")));
        } catch (CliException e) {
          it.remove();
          failures.add(e);
          failedIds.add(SafeWriter.clean(p.id()));
        }
      }
    }
    if (!all && total == 1) {
      JobPosting p = Inputs.posting(dir, jobIds.get(0));
      todo.add(p);
      fileIds.put(p, jobIds.get(0));
    } else if (!all) {
      for (String id : jobIds) {
        try {
          JobPosting p = Inputs.posting(dir, id);
          todo.add(p);
          fileIds.put(p, id);
        } catch (InvalidPostingException | CliException e) {
          failures.add(e);
          failedIds.add(id);
        }
      }
    }
    PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
    Style style = Style.of(root.terminal());
    List<Map<String, Object>> jsonResults = new ArrayList<>();
    try (Workspace ws = Workspace.open(root, models == null)) {
      ws.requireOllama();
      ConsensusExtractor extractor = extractor(ws);
      if (!root.json()) {
        warnings.forEach(w -> out.println(style.yellow("warning") + ": " + w));
        for (int i = 0; i < failures.size(); i++) {
          out.println(
              style.yellow("skipped job " + failedIds.get(i))
                  + ": "
                  + ErrorHandler.oneLine(failures.get(i).getMessage()));
        }
      }
      for (JobPosting posting : todo) {
        ConsensusResult result;
        try {
          result = extractor.extract(posting);
        } catch (RuntimeException e) {
          if (total == 1) {
            throw e;
          }
          failures.add(e);
          failedIds.add(posting.id());
          if (!root.json()) {
            out.println(
                style.red("failed job " + posting.id())
                    + ": "
                    + ErrorHandler.oneLine(e.getMessage()));
          }
          continue;
        }
        Path file = output.resolve("job" + fileIds.get(posting) + "_extraction.json");
        result.writeJson(file);
        // an unconfirmed output that does not look like an extraction is a failure (the file is
        // kept)
        java.util.Optional<String> unusable = ExtractionCheck.problem(result);
        if (root.json()) {
          Map<String, Object> m = new LinkedHashMap<>(result.toJsonMap());
          m.put("saved_to", file.toString());
          m.put("usable", unusable.isEmpty());
          unusable.ifPresent(u -> m.put("unusable_because", u));
          jsonResults.add(m);
        } else {
          print(out, style, posting, result, file);
          unusable.ifPresent(
              u ->
                  out.println(
                      style.red("Extraction failed")
                          + ": "
                          + u
                          + "; the models' outputs are kept in "
                          + file));
        }
        if (unusable.isPresent()) {
          failures.add(
              CliException.runtime(
                  "Job "
                      + posting.id()
                      + ": "
                      + unusable.get()
                      + " (the models' outputs are kept in "
                      + file
                      + ")"));
          failedIds.add(posting.id());
        }
        if (result.decision() == ConsensusResult.Decision.FAILED) {
          failures.add(
              CliException.runtime(
                  "Job " + posting.id() + ": " + result.error().orElse(result.explanation())));
          failedIds.add(posting.id());
        }
      }
    }
    if (root.json()) {
      Json.print(out, jsonResults);
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      if (total == 1) {
        throw first;
      }
      throw new CliException(
          ErrorHandler.exitCode(first),
          failures.size()
              + " of "
              + total
              + " postings could not be extracted (job "
              + String.join(", job ", failedIds)
              + "); first: "
              + ErrorHandler.oneLine(first.getMessage()));
    }
    return ExitCodes.OK;
  }

  private ConsensusExtractor extractor(Workspace ws) {
    ConsensusExtractor.Builder b =
        ConsensusExtractor.builder(ws.optimizer()).speculative(speculative);
    if (models != null) {
      if (models.size() < 2 || models.size() > 3) {
        throw CliException.usage("--models needs 2 or 3 models, got " + models.size());
      }
      for (String m : models) {
        if (!ws.available(m).orElse(true)) {
          String served =
              ws.optimizer().availableModels().stream()
                  .map(io.taskoptimizer.api.ModelDescriptor::name)
                  .sorted()
                  .collect(java.util.stream.Collectors.joining(", "));
          throw CliException.usage(
              "Model '"
                  + m
                  + "' of --models is not served by Ollama at "
                  + ws.ollamaUrl()
                  + "; pull it with 'ollama pull "
                  + m
                  + "' or pick from: "
                  + (served.isEmpty() ? "(none)" : served));
        }
      }
      b.models(models).modelCount(models.size());
    }
    if (threshold != null) {
      b.threshold(threshold);
    }
    if (language != null) {
      b.outputLanguage(language);
    }
    return b.build();
  }

  /**
   * Prints one extraction; {@code file} is where it was saved, or {@code null} to say nothing about
   * it.
   */
  static void print(
      PrintWriter out, Style style, JobPosting posting, ConsensusResult r, @Nullable Path file) {
    style.heading(out, "Job " + posting.id() + ": " + posting.title().orElse("(no title)"));
    Table t = new Table("model", "rank", "status", "time").rightAlign(1, 3);
    for (ConsensusCandidate c : r.candidates()) {
      t.row(
          c.model(),
          c.rank(),
          c.status().name().toLowerCase(java.util.Locale.ROOT)
              + c.error().map(e -> ": " + shorten(e)).orElse(""),
          Style.duration(c.time()));
    }
    t.print(out, "  ", style);
    if (!r.comparisons().isEmpty()) {
      out.println();
      Table s = new Table("compared", "similarity", "agree").rightAlign(1);
      for (ConsensusResult.Comparison c : r.comparisons()) {
        s.row(
            c.first() + " vs " + c.second(),
            Style.score3(c.similarity()),
            c.agree() ? "yes" : "no");
      }
      s.print(out, "  ", style);
    }
    out.println();
    String verdict =
        switch (r.decision()) {
          case CONSENSUS -> style.green("Consensus reached");
          case FALLBACK -> style.yellow("No consensus");
          case SINGLE_MODEL -> style.yellow("Not verified (one model available)");
          case FAILED -> style.red("Extraction failed");
        };
    // the explanation may start with the verdict itself ("No consensus: ..."): say it once
    String explanation = r.explanation();
    String label =
        switch (r.decision()) {
          case CONSENSUS -> "Consensus reached";
          case FALLBACK -> "No consensus";
          case SINGLE_MODEL -> "Not verified (one model available)";
          case FAILED -> "Extraction failed";
        };
    if (explanation.regionMatches(true, 0, label + ":", 0, label.length() + 1)) {
      explanation = explanation.substring(label.length() + 1).strip();
    }
    out.println(verdict + ": " + explanation);
    out.println(
        "Total time "
            + Style.duration(r.wallTime())
            + ", threshold "
            + Style.score(r.threshold())
            + " ("
            + r.metric()
            + ")");
    r.details().ifPresent(d -> printDetails(out, style, d));
    if (file != null) {
      out.println();
      out.println("Saved to " + file);
    }
  }

  private static void printDetails(PrintWriter out, Style style, JobDetails d) {
    out.println();
    out.println("  " + style.bold("Title:") + "    " + d.title().orElse("-"));
    out.println("  " + style.bold("Company:") + "  " + d.company().orElse("-"));
    out.println("  " + style.bold("Location:") + " " + d.location().orElse("-"));
    out.println("  " + style.bold("Responsibilities:"));
    d.responsibilities().forEach(x -> out.println("    - " + x));
    out.println("  " + style.bold("Requirements:"));
    d.requirements().forEach(x -> out.println("    - " + x));
    out.println("  " + style.bold("Contact:") + "  " + d.contactInfo().orElse("-"));
  }

  private static String shorten(String s) {
    String one = ErrorHandler.oneLine(s);
    return one.length() <= 70 ? one : one.substring(0, 67) + "...";
  }
}
