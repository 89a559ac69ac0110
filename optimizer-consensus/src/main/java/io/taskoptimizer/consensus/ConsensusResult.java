package io.taskoptimizer.consensus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of a consensus run: whether models agreed, on what, and the evidence (every
 * candidate, every comparison, the total wall time).
 *
 * <p>{@link #decision()} says how the output was chosen: {@link Decision#CONSENSUS} (two models
 * agreed; the higher-ranked of the pair is returned), {@link Decision#FALLBACK} (no pair agreed;
 * the highest-ranked valid output is returned, unverified), {@link Decision#SINGLE_MODEL} (only one
 * model was available, so nothing could be verified) or {@link Decision#FAILED} (no model produced
 * a valid output; {@link #error()} says why and {@link #requireOutput()} throws).
 *
 * <p>{@link #toJson()} writes the original tool's fields ({@code job_id}, {@code title}, {@code
 * location}, {@code responsibilities}, {@code requirements}, {@code contact_info}, {@code
 * extracted_text}, {@code extraction_model}, {@code extraction_time}, {@code extraction_timestamp},
 * {@code consensus_reached}, {@code consensus_similarity}, and {@code error} on failure) followed
 * by the evidence; see the module README for the format.
 *
 * <p>Immutable, so thread-safe.
 */
public final class ConsensusResult {

  /** How the output was chosen. Immutable and thread-safe, as every enum without state. */
  public enum Decision {
    /** Two models agreed; the higher-ranked model of the agreeing pair provides the output. */
    CONSENSUS,
    /** No two valid outputs agreed; the highest-ranked valid output is returned, unverified. */
    FALLBACK,
    /** Only one model was available; its output is returned, unverified. */
    SINGLE_MODEL,
    /** No model produced a valid output. */
    FAILED
  }

  /**
   * One comparison of two valid outputs.
   *
   * <p>Immutable, so thread-safe.
   *
   * @param first the higher-ranked model, passed to the metric first
   * @param second the lower-ranked model
   * @param similarity the metric's value, 0..1
   * @param agree whether the similarity reached the threshold
   */
  public record Comparison(String first, String second, double similarity, boolean agree) {
    /**
     * Validates the components.
     *
     * @param first the higher-ranked model; must not be null
     * @param second the lower-ranked model; must not be null
     * @param similarity the metric's value, 0..1
     * @param agree whether the similarity reached the threshold
     * @throws NullPointerException if {@code first} or {@code second} is null
     */
    public Comparison {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TaskType task;
  private final Optional<String> jobId;
  private final Decision decision;
  private final OptionalDouble consensusSimilarity;
  private final double threshold;
  private final String metric;
  private final Optional<String> model;
  private final Optional<String> output;
  private final List<String> agreeingModels;
  private final Optional<JobDetails> details;
  private final List<String> selectedModels;
  private final List<ConsensusCandidate> candidates;
  private final List<Comparison> comparisons;
  private final Duration wallTime;
  private final OffsetDateTime timestamp;
  private final Optional<String> error;
  private final String explanation;

  ConsensusResult(
      TaskType task,
      Optional<String> jobId,
      Decision decision,
      OptionalDouble consensusSimilarity,
      double threshold,
      String metric,
      Optional<String> model,
      Optional<String> output,
      List<String> agreeingModels,
      Optional<JobDetails> details,
      List<String> selectedModels,
      List<ConsensusCandidate> candidates,
      List<Comparison> comparisons,
      Duration wallTime,
      OffsetDateTime timestamp,
      Optional<String> error,
      String explanation) {
    this.task = Objects.requireNonNull(task, "task");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.decision = Objects.requireNonNull(decision, "decision");
    this.consensusSimilarity = Objects.requireNonNull(consensusSimilarity, "consensusSimilarity");
    this.threshold = threshold;
    this.metric = Objects.requireNonNull(metric, "metric");
    this.model = Objects.requireNonNull(model, "model");
    this.output = Objects.requireNonNull(output, "output");
    this.agreeingModels = List.copyOf(agreeingModels);
    this.details = Objects.requireNonNull(details, "details");
    this.selectedModels = List.copyOf(selectedModels);
    this.candidates = List.copyOf(candidates);
    this.comparisons = List.copyOf(comparisons);
    this.wallTime = Objects.requireNonNull(wallTime, "wallTime");
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.error = Objects.requireNonNull(error, "error");
    this.explanation = Objects.requireNonNull(explanation, "explanation");
    if ((decision == Decision.FAILED) != output.isEmpty()
        || output.isPresent() != model.isPresent()) {
      throw new IllegalArgumentException(
          "a result has an output and a model exactly when it did not fail");
    }
  }

  /** {@return the task the models ran for} */
  public TaskType task() {
    return task;
  }

  /** {@return the posting's id when a posting was extracted, otherwise empty} */
  public Optional<String> jobId() {
    return jobId;
  }

  /** {@return how the output was chosen} */
  public Decision decision() {
    return decision;
  }

  /** {@return whether two models agreed ({@link Decision#CONSENSUS})} */
  public boolean consensusReached() {
    return decision == Decision.CONSENSUS;
  }

  /**
   * {@return the similarity that decided: on consensus the agreeing pair's, otherwise the highest
   * similarity of any compared pair (how close the models came); empty when no two valid outputs
   * could be compared}
   */
  public OptionalDouble consensusSimilarity() {
    return consensusSimilarity;
  }

  /** {@return the threshold a similarity had to reach} */
  public double threshold() {
    return threshold;
  }

  /** {@return the name of the similarity metric} */
  public String metric() {
    return metric;
  }

  /** {@return the model whose output was chosen; empty when all failed} */
  public Optional<String> model() {
    return model;
  }

  /** {@return the chosen output; empty when all failed} */
  public Optional<String> output() {
    return output;
  }

  /** {@return the agreeing pair, higher-ranked first; empty without consensus} */
  public List<String> agreeingModels() {
    return agreeingModels;
  }

  /**
   * {@return the job details read from the chosen output, gaps filled from the posting's metadata;
   * present for postings ({@link ConsensusExtractor#extract(JobPosting)}), empty for other
   * requests}
   */
  public Optional<JobDetails> details() {
    return details;
  }

  /** {@return the models selected for the run, highest-ranked first} */
  public List<String> selectedModels() {
    return selectedModels;
  }

  /** {@return every model that was started, in rank order} */
  public List<ConsensusCandidate> candidates() {
    return candidates;
  }

  /** {@return every comparison made, in the order made} */
  public List<Comparison> comparisons() {
    return comparisons;
  }

  /** {@return the wall time of the whole run} */
  public Duration wallTime() {
    return wallTime;
  }

  /**
   * {@return when the run finished, from the optimizer's clock, to the microsecond (as Python's
   * isoformat)}
   */
  public OffsetDateTime timestamp() {
    return timestamp;
  }

  /** {@return why no output could be chosen; present exactly when {@link #decision()} is FAILED} */
  public Optional<String> error() {
    return error;
  }

  /** {@return one sentence on how the output was chosen, for logs and CLIs} */
  public String explanation() {
    return explanation;
  }

  /**
   * The chosen output.
   *
   * @return the chosen output, whenever {@link #decision()} is not FAILED
   * @throws ConsensusUnavailableException if no model produced a valid output and every model
   *     failed for a retriable reason; each model's failure is attached as suppressed
   * @throws ConsensusFailedException if no model produced a valid output otherwise (a blank answer,
   *     or a failure that needs a change first); each model's failure is attached as suppressed
   */
  public String requireOutput() {
    if (output.isPresent()) {
      return output.get();
    }
    List<Throwable> failures = new ArrayList<>();
    boolean retriable = true;
    for (ConsensusCandidate c : candidates) {
      if (c.failure().isPresent()) {
        TaskOptimizerException f = c.failure().get();
        failures.add(f);
        retriable &= f.isRetriable();
      } else {
        retriable = false; // a blank answer will likely be blank again
      }
    }
    if (retriable && !failures.isEmpty()) {
      throw new ConsensusUnavailableException(error.orElse(explanation), failures);
    }
    throw new ConsensusFailedException(error.orElse(explanation), failures);
  }

  /**
   * The result as an ordered map in the JSON shape described in the class comment (values are
   * strings, numbers, booleans, {@code null}s, lists and maps).
   *
   * @return a new, modifiable map in the order of the JSON fields; changing it does not change this
   *     result
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    JobDetails d = details.orElse(null);
    m.put("job_id", jobId.orElse(null));
    m.put("title", d == null ? null : d.title().orElse(null));
    m.put("location", d == null ? null : d.location().orElse(null));
    m.put("responsibilities", d == null ? List.of() : d.responsibilities());
    m.put("requirements", d == null ? List.of() : d.requirements());
    m.put("contact_info", d == null ? null : d.contactInfo().orElse(null));
    m.put("extracted_text", output.orElse(null));
    m.put("extraction_model", model.orElse(null));
    m.put("extraction_time", seconds(wallTime));
    m.put("extraction_timestamp", timestamp.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    m.put("consensus_reached", consensusReached());
    m.put(
        "consensus_similarity",
        consensusSimilarity.isPresent() ? consensusSimilarity.getAsDouble() : null);
    error.ifPresent(e -> m.put("error", e));
    // evidence beyond the original fields
    m.put("company", d == null ? null : d.company().orElse(null));
    m.put("task", task.id());
    m.put("decision", decision.name().toLowerCase(java.util.Locale.ROOT));
    m.put("explanation", explanation);
    m.put("agreeing_models", agreeingModels);
    m.put("similarity_metric", metric);
    m.put("threshold", threshold);
    m.put("models", selectedModels);
    List<Map<String, Object>> cands = new ArrayList<>();
    for (ConsensusCandidate c : candidates) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("model", c.model());
      cm.put("rank", c.rank());
      cm.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
      cm.put("time", seconds(c.time()));
      cm.put("output", c.output().orElse(null));
      cm.put(
          "quality",
          c.execution().flatMap(x -> x.quality()).map(q -> (Object) q.score()).orElse(null));
      cm.put("error", c.error().orElse(null));
      cands.add(cm);
    }
    m.put("candidates", cands);
    List<Map<String, Object>> sims = new ArrayList<>();
    for (Comparison c : comparisons) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("models", List.of(c.first(), c.second()));
      sm.put("similarity", c.similarity());
      sm.put("agree", c.agree());
      sims.add(sm);
    }
    m.put("similarities", sims);
    return m;
  }

  /** {@return the result as pretty-printed JSON (see the class comment)} */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toJsonMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise a consensus result: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@link #toJson()} to {@code file} atomically (temporary file, fsync, atomic move), so
   * readers never see half a file.
   *
   * @param file the file to write (created or replaced); must not be null
   * @throws NullPointerException if {@code file} is null
   * @throws ConfigurationException if the file cannot be written (as for every output file of Task
   *     Optimizer); an existing file is left untouched
   */
  public void writeJson(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      AtomicFiles.writeWithoutBackup(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot write the consensus result "
              + file.toAbsolutePath()
              + ": "
              + e
              + ". Choose a writable directory.",
          e);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** A summary without outputs, so it is safe to log. */
  @Override
  public String toString() {
    return "ConsensusResult["
        + task.id()
        + jobId.map(id -> " job " + id).orElse("")
        + ", "
        + decision
        + model.map(m -> ", model=" + m).orElse("")
        + (consensusSimilarity.isPresent()
            ? String.format(
                java.util.Locale.ROOT, ", similarity=%.3f", consensusSimilarity.getAsDouble())
            : "")
        + ", wallTime="
        + wallTime.toMillis()
        + " ms]";
  }
}
