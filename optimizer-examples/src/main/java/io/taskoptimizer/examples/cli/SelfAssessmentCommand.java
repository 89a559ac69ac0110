package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import io.taskoptimizer.spi.TokenListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Generates a self-assessment narrative (original: {@code rerun_self_assessment.py --best-model}).
 */
@Command(
    name = "self-assessment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Writes the self-assessment for a job posting, scores it, records feedback.",
    description =
        "Generates the self-assessment narrative for a job posting with the chosen model (the best ranked available model by default), scores its quality and records the feedback in the config directory. Needs Ollama.")
final class SelfAssessmentCommand implements Callable<Integer> {

  private static final TaskType TASK = TaskType.SELF_ASSESSMENT;

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--job",
      required = true,
      paramLabel = "ID",
      description = "Job id: reads job{ID}.json.")
  private String jobId;

  @ArgGroup(exclusive = true)
  private @Nullable ModelChoice choice;

  static final class ModelChoice {
    @Option(
        names = "--best-model",
        description = "Use the best ranked available model (the default).")
    boolean best;

    @Option(
        names = "--model",
        paramLabel = "MODEL",
        description = "Use this model instead, e.g. llama3.2.")
    @Nullable String model;
  }

  @Option(
      names = "--postings",
      paramLabel = "DIR",
      description = "Postings directory (default: postings/).")
  private @Nullable Path postings;

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      description =
          "Candidate profile, plain text or Markdown (default: candidate-profile.md if present,"
              + " else the bundled sample profile).")
  private @Nullable Path profile;

  @Option(names = "--save", paramLabel = "FILE", description = "Also write the narrative to FILE.")
  private @Nullable Path save;

  @Override
  public Integer call() {
    JobPosting posting = Inputs.posting(Inputs.postingsDir(postings), jobId);
    Inputs.Profile candidate = Inputs.profile(profile);
    String forced = choice == null ? null : choice.model;
    PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
    Style style = Style.of(root.terminal());
    boolean json = root.json();
    try (Workspace ws = Workspace.open(root, forced == null)) {
      ws.requireOllama();
      TaskOptimizer optimizer = ws.optimizer();
      Optional<ModelSelection> selection = Optional.empty();
      String model;
      if (forced != null) {
        model = servedName(ws, forced);
      } else {
        ModelSelection s = optimizer.selectionFor(TASK);
        selection = Optional.of(s);
        model = s.model();
      }
      GenerationRequest request =
          SelfAssessmentPrompt.request(posting, candidate.text()).withModel(model);
      if (!json) {
        out.println(
            style.bold(
                    "Self-assessment for job "
                        + posting.id()
                        + ": "
                        + posting.title().orElse("(no title)"))
                + posting.organization().map(o -> ", " + o).orElse("")
                + posting.location().map(l -> ", " + l).orElse(""));
        out.println("Profile: " + candidate.source());
        out.println(
            "Model:   "
                + model
                + selection
                    .map(s -> "  (" + s.explanation() + ")")
                    .orElse("  (chosen with --model)"));
        out.println();
        out.flush();
      }
      // stream only to a person watching a terminal; on a pipe or in a file the answer is printed
      // once it is complete, so a failed call never leaves a partial answer there
      boolean stream = !json && root.terminal().interactive();
      boolean[] streamed = {false};
      TokenListener listener =
          !stream
              ? TokenListener.NONE
              : chunk -> {
                streamed[0] = true;
                out.print(chunk);
                out.flush();
              };
      ExecutionResult result;
      try {
        result = optimizer.execute(TASK, request, listener);
      } catch (RuntimeException e) {
        if (streamed[0]) {
          out.println();
          out.println(style.red("[incomplete: the answer above was cut off by the error below]"));
          out.flush();
        }
        throw e;
      }
      if (save != null) {
        try {
          writeAtomically(save, result.text());
        } catch (CliException e) {
          if (!json && !stream) {
            out.print(result.text().endsWith("\n") ? result.text() : result.text() + "\n");
          }
          throw e;
        }
      }
      // persist the feedback before saying it was recorded: a failure here leaves a good answer
      // whose feedback is lost, which the user must be told (exit code 6)
      RuntimeException notSaved = null;
      try {
        optimizer.flush();
      } catch (RuntimeException e) {
        notSaved = e;
      }
      Path feedbackFile =
          ws.optimizer().configDirectory().resolve("model_performance_feedback.json");
      ModelFeedback feedback =
          optimizer.feedback(TASK, result.model()).orElse(ModelFeedback.empty());
      if (json) {
        Map<String, Object> m = json(posting, candidate, result, selection, feedback);
        if (notSaved != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> f =
              (Map<String, Object>)
                  Objects.requireNonNull(m.get("feedback"), "json() always writes feedback");
          f.put("saved", false);
          f.put("error", ErrorHandler.oneLine(notSaved.getMessage()));
        }
        Json.print(out, m);
        return notSaved == null ? ExitCodes.OK : feedbackNotSaved(notSaved, feedbackFile);
      }
      if (!stream) {
        out.print(result.text());
      }
      if (!result.text().endsWith("\n")) {
        out.println();
      }
      out.println();
      out.println(style.bold("Result"));
      out.println("  model:          " + result.model());
      out.println(
          "  time:           "
              + Style.duration(result.wallTime())
              + result
                  .timeToFirstToken()
                  .map(t -> " (first token after " + Style.duration(t) + ")")
                  .orElse(""));
      result.generation().completionTokens().ifPresent(n -> out.println("  tokens:         " + n));
      out.println(
          "  quality:        "
              + result
                  .quality()
                  .map(SelfAssessmentCommand::describe)
                  .orElse("not assessed (no quality assessor applies)"));
      result
          .quality()
          .ifPresent(q -> q.notes().forEach(n -> out.println("                  - " + n)));
      if (notSaved == null) {
        out.println(
            "  feedback:       recorded in "
                + feedbackFile
                + " ("
                + result.model()
                + " on "
                + TASK.id()
                + ": "
                + feedback.executions()
                + (feedback.executions() == 1 ? " execution" : " executions")
                + ", average "
                + Style.seconds(feedback.averageTime().toNanos() / 1e9)
                + ")");
      } else {
        out.println("  feedback:       " + style.red("NOT saved") + " (see the error below)");
      }
      if (save != null) {
        out.println("  saved to:       " + save);
      }
      out.flush();
      return notSaved == null ? ExitCodes.OK : feedbackNotSaved(notSaved, feedbackFile);
    }
  }

  /** Exit code 6: the answer is fine, its feedback is lost. */
  private int feedbackNotSaved(RuntimeException e, Path feedbackFile) {
    throw new CliException(
        ExitCodes.FEEDBACK_NOT_SAVED,
        "The self-assessment is complete ("
            + (save != null ? "saved to " + save : "printed above")
            + "), but its feedback could not be saved to "
            + feedbackFile
            + ": "
            + ErrorHandler.oneLine(e.getMessage()),
        e);
  }

  /** The forced model as Ollama serves it; a usage error listing the served models otherwise. */
  private static String servedName(Workspace ws, String model) {
    if (ws.available(model).orElse(true)) {
      return model;
    }
    String served =
        ws.optimizer().availableModels().stream()
            .map(ModelDescriptor::name)
            .sorted()
            .collect(Collectors.joining(", "));
    throw CliException.usage(
        "Model '"
            + model
            + "' is not served by Ollama at "
            + ws.ollamaUrl()
            + "; pull it with 'ollama pull "
            + model
            + "' or pick one of: "
            + (served.isEmpty() ? "(none)" : served));
  }

  /** The score and the score of each assessor (the sub-scores are in --json and the notes). */
  static String describe(QualityScore q) {
    String parts =
        q.breakdown().entrySet().stream()
            .filter(e -> !e.getKey().contains("."))
            .map(e -> e.getKey() + " " + Style.score(e.getValue()))
            .collect(Collectors.joining(", "));
    return Style.score(q.score()) + (parts.isEmpty() ? "" : " (" + parts + ")");
  }

  static Map<String, Object> qualityJson(QualityScore q) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", q.score());
    m.put("breakdown", q.breakdown());
    m.put("notes", q.notes());
    return m;
  }

  private static Map<String, Object> json(
      JobPosting posting,
      Inputs.Profile profile,
      ExecutionResult r,
      Optional<ModelSelection> selection,
      ModelFeedback feedback) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", posting.id());
    m.put("title", posting.title().orElse(null));
    m.put("profile", profile.source());
    m.put("model", r.model());
    m.put("selection", selection.map(RankingsCommand::selectionJson).orElse(null));
    m.put("self_assessment", r.text());
    m.put("time", r.wallTime().toNanos() / 1e9);
    m.put(
        "time_to_first_token",
        r.timeToFirstToken().map(t -> (Object) (t.toNanos() / 1e9)).orElse(null));
    m.put(
        "completion_tokens",
        r.generation().completionTokens().isPresent()
            ? r.generation().completionTokens().getAsInt()
            : null);
    m.put("quality", r.quality().map(SelfAssessmentCommand::qualityJson).orElse(null));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("executions", feedback.executions());
    f.put("successes", feedback.successes());
    f.put("failures", feedback.failures());
    f.put("average_time", feedback.averageTime().toNanos() / 1e9);
    m.put("feedback", f);
    return m;
  }

  static void writeAtomically(Path file, String text) {
    try {
      // a result written again from its source: no .bak beside it
      AtomicFiles.writeWithoutBackup(
          file, (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CliException.runtime(
          "Cannot write "
              + file
              + ": "
              + e.getMessage()
              + " (the narrative was generated"
              + " and its feedback is kept)",
          e);
    }
  }
}
