package io.taskoptimizer.consensus;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.Checks;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.SimilarityMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Multi-model consensus verification for critical tasks, job detail extraction first.
 *
 * <pre>{@code
 * ConsensusExtractor extractor = ConsensusExtractor.builder(optimizer).build();
 * ConsensusResult r = extractor.extract(JobPostings.loadById(Path.of("postings"), "62914"));
 * r.writeJson(Path.of("out/job62914_extracted.json"));
 * }</pre>
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>Select the top {@link Builder#modelCount(int) 2 or 3} available models of the task from the
 *       optimizer's rankings (or the first available ones of an {@link Builder#models explicit
 *       list}).
 *   <li>Run the first two concurrently and compare their outputs with the {@link
 *       Builder#similarityMetric metric} (higher-ranked output first).
 *   <li>If the similarity reaches the {@link Builder#threshold threshold}, that is consensus: the
 *       higher-ranked model's output is returned. Otherwise run the third and compare it with the
 *       first, then with the second; the first agreeing pair in that order is consensus and its
 *       higher-ranked model's output is returned. With {@link Builder#speculative speculative} on,
 *       the third starts together with the first two and is cancelled as soon as they agree.
 *   <li>Without consensus, the highest-ranked model with a valid output is returned, with {@link
 *       ConsensusResult.Decision#FALLBACK} and an explanation saying so (logged at WARN).
 *   <li>A failed, timed-out or blank output is never compared and never agrees.
 *   <li>Every call goes through {@link TaskOptimizer#executeAsync}, which records time, success and
 *       quality (where an assessor applies). A call abandoned at the per-call timeout is recorded
 *       here as a failure; a speculatively cancelled call is not recorded. A blank answer is what
 *       the optimizer makes of it: currently an execution with quality 0, not a failure.
 * </ol>
 *
 * With a single available model its output is returned unverified ({@link
 * ConsensusResult.Decision#SINGLE_MODEL}); with none, {@link NoAvailableModelException} is thrown.
 * When every model fails, the result has {@link ConsensusResult.Decision#FAILED} and an {@link
 * ConsensusResult#error() error} (as the original tool wrote it into its JSON), and {@link
 * ConsensusResult#requireOutput()} throws {@link ConsensusFailedException} (or, when every failure
 * was retriable, {@link ConsensusUnavailableException}).
 *
 * <p><b>Prompt.</b> The {@link #DEFAULT_PROMPT_TEMPLATE default prompt} asks for the essential job
 * details only, in a fixed labelled format ({@code TITLE:}, {@code COMPANY:}, {@code LOCATION:},
 * {@code RESPONSIBILITIES:}, {@code REQUIREMENTS:}, {@code CONTACT:}) that {@link JobDetails#parse}
 * reads back, leaving out benefits, culture and marketing text, written in the {@link
 * Builder#outputLanguage output language} (English by default) whatever the posting's language.
 * Labelled text rather than JSON because small models keep to it more reliably and two extractions
 * of the same posting then differ only where their content differs, which is what the similarity
 * should measure.
 *
 * <p>A posting whose description is missing or a placeholder is rejected with {@link
 * InvalidPostingException} before any model runs. Instances are immutable and thread-safe; the
 * blocking methods wait on the caller's thread, the asynchronous ones on none (continuations run on
 * the threads that complete the model calls, never on the common pool).
 */
public final class ConsensusExtractor {

  /** The default agreement threshold: outputs agree when their similarity is at least 0.75. */
  public static final double DEFAULT_THRESHOLD = 0.75;

  /**
   * The default extraction prompt. Placeholders: {@code {description}} (required), {@code {title}},
   * {@code {location}}, {@code {organization}}, {@code {id}} (from the posting; {@code not given}
   * when absent) and {@code {language}}.
   */
  public static final String DEFAULT_PROMPT_TEMPLATE =
      """
      Extract the essential details of the job posting below.

      Answer in {language}, in exactly this format and nothing else:
      TITLE: <job title>
      COMPANY: <employer>
      LOCATION: <place of work; add remote or hybrid if the posting says so>
      RESPONSIBILITIES:
      - <one main task per line>
      REQUIREMENTS:
      - <one required qualification, skill, experience or language per line>
      CONTACT: <contact person, e-mail address or phone number>

      Rules:
      - Include only these essential details. Leave out benefits, perks, salary promises, company \
      culture, diversity statements, "about us" and any other marketing text.
      - The posting may be written in German, in English or in both. Write every value in \
      {language}, translating where needed, but keep the names of people, companies, products and \
      technologies as written. If the posting repeats itself in two languages, use one version and \
      list nothing twice.
      - Use only what the posting says. Write "Not specified" for a field it does not mention.
      - No introduction, no closing remarks, no Markdown.

      Job posting (listed title: {title}; listed location: {location}):
      \"\"\"
      {description}
      \"\"\"
      """;

  private static final Set<String> PLACEHOLDERS =
      Set.of("description", "title", "location", "organization", "id", "language");

  private final TaskOptimizer optimizer;
  private final TaskType task;
  private final int modelCount;
  private final List<String> models;
  private final SimilarityMetric metric;
  private final double threshold;
  private final boolean speculative;
  private final String outputLanguage;
  private final String promptTemplate;
  private final @Nullable Duration timeout;
  private final ResponseFormat responseFormat;
  private final @Nullable Integer contextSize;

  private ConsensusExtractor(Builder b) {
    this.optimizer = b.optimizer;
    this.task = b.task;
    this.modelCount = b.modelCount;
    this.models = List.copyOf(b.models);
    this.metric = b.metric;
    this.threshold = b.threshold;
    this.speculative = b.speculative;
    this.outputLanguage = b.outputLanguage;
    this.promptTemplate = b.promptTemplate;
    this.timeout = b.timeout;
    this.responseFormat = b.responseFormat;
    this.contextSize = b.contextSize;
  }

  /**
   * Starts a builder for an extractor running models through {@code optimizer}.
   *
   * @param optimizer the optimizer that selects the models, runs the calls and records feedback;
   *     must not be null
   * @return a new builder with the defaults listed on {@link Builder}
   * @throws NullPointerException if {@code optimizer} is null
   */
  public static Builder builder(TaskOptimizer optimizer) {
    return new Builder(optimizer);
  }

  /**
   * {@return a new builder holding this extractor's settings; changing it does not change this
   * extractor}
   */
  public Builder toBuilder() {
    Builder b = new Builder(optimizer);
    b.task = task;
    b.modelCount = modelCount;
    b.models = models;
    b.metric = metric;
    b.threshold = threshold;
    b.speculative = speculative;
    b.outputLanguage = outputLanguage;
    b.promptTemplate = promptTemplate;
    b.timeout = timeout;
    b.responseFormat = responseFormat;
    b.contextSize = contextSize;
    return b;
  }

  /**
   * Extracts the essential details of a posting by consensus and waits for the result.
   *
   * @param posting the posting; must not be null
   * @return the result; check {@link ConsensusResult#decision()}, or call {@link
   *     ConsensusResult#requireOutput()} to get the output or an exception
   * @throws InvalidPostingException if the posting's description is missing or a placeholder (no
   *     model is called)
   * @throws NoAvailableModelException if no model of the task is available
   * @throws ConsensusUnavailableException if the calling thread is interrupted while waiting (the
   *     calls are cancelled and the interrupt flag is set again)
   */
  public ConsensusResult extract(JobPosting posting) {
    Objects.requireNonNull(posting, "posting");
    return await(extractAsync(posting));
  }

  /**
   * Asynchronous twin of {@link #extract(JobPosting)}: the exceptions it throws complete the future
   * instead. Cancelling the future cancels the running model calls.
   *
   * @param posting the posting; must not be null
   * @return a future completed with the result, or exceptionally with what {@link
   *     #extract(JobPosting)} would throw (such as {@link InvalidPostingException} or {@link
   *     NoAvailableModelException})
   * @throws NullPointerException if {@code posting} is null
   */
  public CompletableFuture<ConsensusResult> extractAsync(JobPosting posting) {
    Objects.requireNonNull(posting, "posting");
    try {
      GenerationRequest request = requestFor(posting);
      return new ConsensusRun(this, request, selectModels(), Optional.of(posting)).start();
    } catch (TaskOptimizerException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Runs any request by consensus (for tasks other than job extraction) and waits for the result.
   * The request's model, if set, is ignored; the per-call timeout applies where the request sets
   * none. The result has no {@link ConsensusResult#details() job details}.
   *
   * @param request the request sent to every selected model; must not be null
   * @return the result; check {@link ConsensusResult#decision()}, or call {@link
   *     ConsensusResult#requireOutput()} to get the output or an exception
   * @throws NoAvailableModelException if no model of the task is available
   * @throws ConsensusUnavailableException if the calling thread is interrupted while waiting
   */
  public ConsensusResult run(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return await(runAsync(request));
  }

  /**
   * Asynchronous twin of {@link #run(GenerationRequest)}: the exceptions it throws complete the
   * future instead. Cancelling the future cancels the running model calls.
   *
   * @param request the request sent to every selected model; must not be null
   * @return a future completed with the result, or exceptionally with what {@link
   *     #run(GenerationRequest)} would throw (such as {@link NoAvailableModelException})
   * @throws NullPointerException if {@code request} is null
   */
  public CompletableFuture<ConsensusResult> runAsync(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      GenerationRequest.Builder b = request.toBuilder().clearModel();
      if (request.timeout().isEmpty() && timeout != null) {
        b.timeout(timeout);
      }
      return new ConsensusRun(this, b.build(), selectModels(), Optional.empty()).start();
    } catch (TaskOptimizerException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The request sent to every model for this posting: the rendered prompt as one user message, the
   * posting text and title as assessment inputs (never sent), the response format, the per-call
   * timeout, and a context size large enough for the posting.
   *
   * @param posting the posting; must not be null
   * @return the request, without a model (each call sets its own)
   * @throws InvalidPostingException if the posting's description is not usable
   */
  public GenerationRequest requestFor(JobPosting posting) {
    Objects.requireNonNull(posting, "posting");
    posting.checkUsable();
    String prompt = render(posting);
    GenerationRequest.Builder b =
        GenerationRequest.builder()
            .user(prompt)
            .format(responseFormat)
            .contextSize(contextSize != null ? contextSize : contextSizeFor(prompt))
            .input(GenerationRequest.INPUT_JOB_POSTING, posting.description());
    posting.title().ifPresent(t -> b.input(GenerationRequest.INPUT_ROLE, t));
    if (timeout != null) {
      b.timeout(timeout);
    }
    return b.build();
  }

  /**
   * The models a run would use now, highest-ranked first: the top available models of the task's
   * ranking, or the first available ones of the explicit list, at most the model count.
   *
   * @return the model names, highest-ranked first, at most {@link #modelCount()}
   * @throws NoAvailableModelException if none is available
   */
  public List<String> selectModels() {
    if (models.isEmpty()) {
      List<String> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (ScoredCandidate c : optimizer.selectionFor(task).candidates()) {
        if (seen.add(c.model()) && out.size() < modelCount) {
          out.add(c.model());
        }
      }
      return List.copyOf(out);
    }
    boolean known = optimizer.availabilityKnown();
    List<String> out = new ArrayList<>();
    for (String m : models) {
      if ((!known || optimizer.providerFor(m).isPresent()) && out.size() < modelCount) {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      List<String> available =
          optimizer.availableModels().stream().map(ModelDescriptor::name).toList();
      throw new NoAvailableModelException(task, models, available, known);
    }
    return List.copyOf(out);
  }

  /** {@return the task the models run for} */
  public TaskType task() {
    return task;
  }

  /** {@return the agreement threshold} */
  public double threshold() {
    return threshold;
  }

  /** {@return the similarity metric} */
  public SimilarityMetric metric() {
    return metric;
  }

  /** {@return whether the third model starts together with the first two} */
  public boolean speculative() {
    return speculative;
  }

  /** {@return how many models a run uses at most (2 or 3)} */
  public int modelCount() {
    return modelCount;
  }

  /** {@return the per-call timeout, or empty when none is set} */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  TaskOptimizer optimizer() {
    return optimizer;
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String render(JobPosting p) {
    Map<String, String> values =
        Map.of(
            "description", p.description().strip(),
            "title", p.title().orElse("not given"),
            "location", p.location().orElse("not given"),
            "organization", p.organization().orElse("not given"),
            "id", p.id(),
            "language", outputLanguage);
    // one pass, so that braces inside the posting are never taken for placeholders
    StringBuilder sb = new StringBuilder(promptTemplate.length() + p.description().length());
    int i = 0;
    while (i < promptTemplate.length()) {
      char c = promptTemplate.charAt(i);
      if (c == '{') {
        int close = promptTemplate.indexOf('}', i + 1);
        if (close > 0 && values.containsKey(promptTemplate.substring(i + 1, close))) {
          sb.append(values.get(promptTemplate.substring(i + 1, close)));
          i = close + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  /**
   * A context window that fits the prompt (about 3 characters per token for German and English
   * text) plus room for the answer, so that Ollama's small default does not silently cut long
   * postings; a multiple of 1024 between 4096 and 32768.
   */
  static int contextSizeFor(String prompt) {
    int needed = prompt.length() / 3 + 1536;
    int rounded = (needed + 1023) / 1024 * 1024;
    return Math.max(4096, Math.min(32768, rounded));
  }

  private static ConsensusResult await(CompletableFuture<ConsensusResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ConsensusUnavailableException(
          "Interrupted while waiting for a consensus; the model calls"
              + " were cancelled and the interrupt flag is set again",
          List.of());
    } catch (CancellationException e) {
      throw new ConsensusUnavailableException("The consensus run was cancelled", List.of());
    } catch (ExecutionException e) {
      // an ExecutionException from a FutureTask always has a cause; fall back to it for safety
      Throwable c = e.getCause() == null ? e : e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new TaskOptimizerException("Consensus run failed: " + c, c);
    }
  }

  /**
   * Builds {@link ConsensusExtractor}s. Setters validate at once. Defaults: task {@code
   * job_extraction}, 3 models from the rankings, the {@code sequence-matcher} metric, threshold
   * 0.75, not speculative, output in English, {@link #DEFAULT_PROMPT_TEMPLATE}, text output, no
   * per-call timeout beyond the provider's own, context size fitted to each prompt.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final TaskOptimizer optimizer;
    private TaskType task = TaskType.JOB_EXTRACTION;
    private int modelCount = 3;
    private List<String> models = List.of();
    private SimilarityMetric metric = new SequenceMatcherSimilarity();
    private double threshold = DEFAULT_THRESHOLD;
    private boolean speculative;
    private String outputLanguage = "English";
    private String promptTemplate = DEFAULT_PROMPT_TEMPLATE;
    private @Nullable Duration timeout;
    private ResponseFormat responseFormat = ResponseFormat.TEXT;
    private @Nullable Integer contextSize;

    private Builder(TaskOptimizer optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * The task whose rankings select the models and under which feedback is recorded.
     *
     * @param task the task; must not be null
     * @return this builder
     * @throws NullPointerException if {@code task} is null
     */
    public Builder task(TaskType task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /**
     * How many models to use at most: 2 (no tie-breaker) or 3 (the default).
     *
     * @param modelCount 2 or 3
     * @return this builder
     * @throws IllegalArgumentException if {@code modelCount} is neither 2 nor 3
     */
    public Builder modelCount(int modelCount) {
      if (modelCount < 2 || modelCount > 3) {
        throw new IllegalArgumentException("modelCount must be 2 or 3, got " + modelCount);
      }
      this.modelCount = modelCount;
      return this;
    }

    /**
     * Uses these models, in this order of preference, instead of the rankings: the first {@link
     * #modelCount(int) model count} of them that are available. An empty list returns to the
     * rankings.
     *
     * @param models model names, most preferred first (stripped and copied); must not be null nor
     *     contain null, blank or duplicate names
     * @return this builder
     * @throws NullPointerException if {@code models} or one of its names is null
     * @throws IllegalArgumentException if a name is blank or listed twice
     */
    public Builder models(List<String> models) {
      Objects.requireNonNull(models, "models");
      Set<String> seen = new LinkedHashSet<>();
      for (String m : models) {
        Objects.requireNonNull(m, "model");
        if (m.isBlank()) {
          throw new IllegalArgumentException("Model names must not be blank: " + models);
        }
        if (!seen.add(m.strip())) {
          throw new IllegalArgumentException("Model '" + m + "' is listed twice: " + models);
        }
      }
      this.models = List.copyOf(seen);
      return this;
    }

    /**
     * The metric deciding whether two outputs agree; default {@link SequenceMatcherSimilarity}.
     *
     * @param metric the metric; must not be null, and must return values in 0..1
     * @return this builder
     * @throws NullPointerException if {@code metric} is null
     */
    public Builder similarityMetric(SimilarityMetric metric) {
      this.metric = Objects.requireNonNull(metric, "metric");
      return this;
    }

    /**
     * The discovered {@link SimilarityMetric} plugin with this name (e.g. {@code sequence-matcher},
     * or one of your own registered in {@code META-INF/services}).
     *
     * @param name the metric's {@link SimilarityMetric#id() id}
     * @return this builder
     * @throws io.taskoptimizer.api.ConfigurationException if no metric has this name
     */
    public Builder similarityMetric(String name) {
      return similarityMetric(
          io.taskoptimizer.core.internal.similarity.SimilarityMetrics.named(name));
    }

    /**
     * Two outputs agree when their similarity is at least this, in 0..1.
     *
     * @param threshold the threshold, in 0..1
     * @return this builder
     * @throws IllegalArgumentException if {@code threshold} is outside 0..1 or NaN
     */
    public Builder threshold(double threshold) {
      if (!(threshold >= 0.0 && threshold <= 1.0)) {
        throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * Starts the third model together with the first two, cutting latency when they disagree at the
     * cost of a call that is cancelled when they agree. Only applies with a model count of 3.
     *
     * @param speculative whether to start the third model at once; default off
     * @return this builder
     */
    public Builder speculative(boolean speculative) {
      this.speculative = speculative;
      return this;
    }

    /**
     * The language of the extraction, as a name the models understand (e.g. {@code German}).
     *
     * @param outputLanguage the language's name (stripped); must not be null nor blank
     * @return this builder
     * @throws NullPointerException if {@code outputLanguage} is null
     * @throws IllegalArgumentException if {@code outputLanguage} is blank
     */
    public Builder outputLanguage(String outputLanguage) {
      Objects.requireNonNull(outputLanguage, "outputLanguage");
      if (outputLanguage.isBlank()) {
        throw new IllegalArgumentException("outputLanguage must not be blank");
      }
      this.outputLanguage = outputLanguage.strip();
      return this;
    }

    /**
     * The extraction prompt, with the placeholders of {@link #DEFAULT_PROMPT_TEMPLATE}. If you
     * change the answer format, make sure {@link JobDetails#parse} still reads it (labelled text or
     * JSON with the usual keys).
     *
     * @param promptTemplate the template; must not be null and must contain {@code {description}}
     * @return this builder
     * @throws NullPointerException if {@code promptTemplate} is null
     * @throws IllegalArgumentException if it lacks the {@code {description}} placeholder
     */
    public Builder promptTemplate(String promptTemplate) {
      Objects.requireNonNull(promptTemplate, "promptTemplate");
      if (!promptTemplate.contains("{description}")) {
        throw new IllegalArgumentException(
            "promptTemplate must contain {description}, the posting"
                + " text; placeholders are "
                + PLACEHOLDERS);
      }
      this.promptTemplate = promptTemplate;
      return this;
    }

    /**
     * The time budget of each model call. It is passed to the provider with the request; a call
     * still running shortly after it (a quarter of the budget later, at least 50 ms and at most 5
     * s) is abandoned, counted as {@link ConsensusCandidate.Status#TIMED_OUT} and recorded as a
     * failure.
     *
     * @param timeout the budget of each call; must not be null, must be positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.requirePositive(timeout, "timeout");
      return this;
    }

    /**
     * The output format asked of the models; {@link ResponseFormat#TEXT} by default. Pair a JSON
     * format with a prompt template asking for JSON; {@link JobDetails#parse} reads both.
     *
     * @param format the output format; must not be null
     * @return this builder
     * @throws NullPointerException if {@code format} is null
     */
    public Builder format(ResponseFormat format) {
      this.responseFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * A fixed context window in tokens, instead of one fitted to each prompt.
     *
     * @param contextSize the context window in tokens, at least 256
     * @return this builder
     * @throws IllegalArgumentException if {@code contextSize} is below 256
     */
    public Builder contextSize(int contextSize) {
      if (contextSize < 256) {
        throw new IllegalArgumentException(
            "contextSize must be at least 256 tokens, got " + contextSize);
      }
      this.contextSize = contextSize;
      return this;
    }

    /**
     * Builds the extractor. Can be called again.
     *
     * @return a new extractor with this builder's settings
     */
    public ConsensusExtractor build() {
      return new ConsensusExtractor(this);
    }
  }
}
