package io.taskoptimizer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QualityAssessor} must have, as a JUnit 5 test base class: scores in
 * 0..1, determinism, thread safety, and no exception and linear-time behaviour on empty, huge (1
 * MB) and adversarial input. Assessor plugin authors extend it and say how to create their
 * assessor; Task Optimizer runs it against each of its own assessors.
 *
 * <pre>{@code
 * class ToneAssessorContractTest extends QualityAssessorContract {
 *   protected QualityAssessor createAssessor() { return new ToneAssessor(); }
 * }
 * }</pre>
 *
 * <p>The checks run on {@link #sampleInputs()} (typical outputs of every task the assessor
 * supports; override it for custom tasks) and on generated variants of them. A fresh assessor is
 * created before each test.
 *
 * <p>Not thread-safe: JUnit creates one instance per test and runs it on one thread (only the
 * thread-safety check shares the assessor, across threads of its own).
 */
public abstract class QualityAssessorContract {

  /** One megabyte of text, the size the contract calls "huge". */
  protected static final int HUGE = 1 << 20;

  /** The assessor under test for the current test method. */
  protected QualityAssessor assessor;

  /**
   * Creates a new assessor; called before each test.
   *
   * @return a new assessor
   */
  protected abstract QualityAssessor createAssessor();

  /**
   * Whether the assessor may use an id starting with {@code optimizer-}. That prefix is reserved
   * for the assessors that ship with Task Optimizer, so plugins keep the default {@code false}.
   *
   * @return whether the reserved id prefix is allowed
   */
  protected boolean reservedIdAllowed() {
    return false;
  }

  /**
   * Whether an empty output must score 0, as the {@code QualityAssessor} contract says (an empty
   * answer does not do any task). The default {@code true} holds for every assessor that scores the
   * output; override it to return {@code false} only if your assessor deliberately scores something
   * else that does not depend on the output.
   *
   * @return whether an empty output must score 0
   */
  protected boolean emptyOutputScoresZero() {
    return true;
  }

  /**
   * How long one assessment of a 1 MB input may take; generous, it only catches super-linear work.
   *
   * @return the time budget for one huge input (20 seconds by default)
   */
  protected Duration hugeInputBudget() {
    return Duration.ofSeconds(20);
  }

  /** {@return the number of concurrent callers in the thread-safety check (8 by default)} */
  protected int threads() {
    return 8;
  }

  /**
   * Typical inputs for the tasks the assessor supports. The default has one synthetic answer per
   * predefined task the assessor {@link QualityAssessor#supports supports}; override it (and add to
   * {@code super.sampleInputs()}) to cover custom tasks.
   *
   * @return the sample inputs, in a new mutable list
   */
  protected List<AssessmentInput> sampleInputs() {
    List<AssessmentInput> out = new ArrayList<>();
    for (Map.Entry<TaskType, AssessmentInput> e : builtInSamples().entrySet()) {
      if (assessor.supports(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  @BeforeEach
  void createAssessorUnderTest() {
    assessor = createAssessor();
    assertThat(assessor).as("createAssessor()").isNotNull();
  }

  @Test
  void idIsStableShortAndWithoutWhitespace() {
    String id = assessor.id();
    assertThat(id)
        .as("id()")
        .isNotBlank()
        .hasSizeLessThanOrEqualTo(64)
        .doesNotContainAnyWhitespaces();
    assertThat(assessor.id()).as("id() called twice").isEqualTo(id);
    assertThat(createAssessor().id()).as("id() of a second instance").isEqualTo(id);
    if (!reservedIdAllowed()) {
      assertThat(id)
          .as("id() must not use the reserved prefix 'optimizer-'")
          .doesNotStartWith("optimizer-");
    }
    assertThatCode(assessor::version).as("version()").doesNotThrowAnyException();
    assertThat(assessor.version()).as("version()").isNotNull();
  }

  @Test
  void answersSupportsForEveryTaskAndSupportsAtLeastOne() {
    Set<TaskType> tasks = new LinkedHashSet<>(TaskType.predefined());
    tasks.add(TaskType.of("contract_custom_task"));
    boolean any = false;
    for (TaskType task : tasks) {
      any |= assessor.supports(task);
    }
    assertThat(any || !sampleInputs().isEmpty())
        .as(
            "the assessor supports no predefined task and sampleInputs() names no custom task, so it is never used")
        .isTrue();
    for (AssessmentInput input : sampleInputs()) {
      assertThat(assessor.supports(input.task()))
          .as("supports(%s) for a sample input", input.task())
          .isTrue();
    }
  }

  @Test
  void scoresTypicalAndAdversarialOutputsWithinRange() {
    for (AssessmentInput input : allVariants()) {
      checkScore(input, assess(input));
    }
  }

  @Test
  void scoresEmptyOutputWithoutThrowing() {
    for (TaskType task : supportedTasks()) {
      for (String empty : List.of("", " ", "\n\n\t ")) {
        for (ResponseFormat format : List.of(ResponseFormat.TEXT, ResponseFormat.JSON)) {
          AssessmentInput input =
              new AssessmentInput(task, empty, "", Map.of(), format, Optional.empty());
          QualityScore score = assess(input);
          checkScore(input, score);
          if (emptyOutputScoresZero()) {
            assertThat(score.score())
                .as(
                    "score of an empty output for %s (%s): the QualityAssessor contract"
                        + " says an empty or blank output scores 0.0, because an empty answer does not do the task"
                        + " (override emptyOutputScoresZero() to return false only if your assessor deliberately"
                        + " scores something other than the output)",
                    task, format)
                .isZero();
          }
        }
      }
    }
  }

  @Test
  void isDeterministic() {
    QualityAssessor second = createAssessor();
    for (AssessmentInput input : allVariants()) {
      QualityScore first = assess(input);
      assertThat(assess(input)).as("second assessment of %s", describe(input)).isEqualTo(first);
      assertThat(second.assess(input))
          .as("assessment by a second instance of %s", describe(input))
          .isEqualTo(first);
    }
  }

  @Test
  void isThreadSafe() throws Exception {
    List<AssessmentInput> inputs = allVariants();
    List<QualityScore> expected = new ArrayList<>();
    for (AssessmentInput input : inputs) {
      expected.add(assess(input));
    }
    int threads = threads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<QualityScore>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<QualityScore> got = new ArrayList<>(inputs.size());
                  for (int i = 0; i < inputs.size(); i++) {
                    got.add(null);
                  }
                  // each thread walks the inputs from a different starting point, so different
                  // inputs overlap
                  for (int k = 0; k < inputs.size(); k++) {
                    int i = (k + offset * 7) % inputs.size();
                    got.set(i, assessor.assess(inputs.get(i)));
                  }
                  return got;
                }));
      }
      start.countDown();
      for (Future<List<QualityScore>> f : futures) {
        assertThat(f.get(5, TimeUnit.MINUTES))
            .as("scores computed concurrently")
            .isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scoresHugeOutputsWithinBudget() {
    for (TaskType task : supportedTasks()) {
      for (Map.Entry<String, String> huge : hugeOutputs().entrySet()) {
        for (ResponseFormat format : List.of(ResponseFormat.TEXT, ResponseFormat.JSON)) {
          if (format.equals(ResponseFormat.JSON) && !huge.getKey().startsWith("json")) {
            continue;
          }
          AssessmentInput input =
              new AssessmentInput(task, huge.getValue(), "", Map.of(), format, Optional.empty());
          QualityScore score =
              assertTimeoutPreemptively(
                  hugeInputBudget(),
                  () -> assessor.assess(input),
                  () ->
                      "assessing a 1 MB output ("
                          + huge.getKey()
                          + ") for "
                          + task
                          + " took longer than "
                          + hugeInputBudget()
                          + "; is some step super-linear?");
          checkScore(input, score);
        }
      }
    }
  }

  @Test
  void scoresWithHugePromptAndInputsWithinBudget() {
    String huge =
        repeat(
            "Requirements:\n- Experience with Java and distributed systems\n- Fluent English\n",
            HUGE);
    for (AssessmentInput sample : sampleInputs()) {
      Map<String, String> inputs = new LinkedHashMap<>(sample.inputs());
      inputs.put(GenerationRequest.INPUT_JOB_POSTING, huge);
      inputs.put(GenerationRequest.INPUT_SKILLS, repeat("Java, Kotlin, SQL, ", HUGE));
      inputs.put(GenerationRequest.INPUT_ROLE, repeat("Engineer ", HUGE / 4));
      AssessmentInput input =
          new AssessmentInput(
              sample.task(),
              sample.output(),
              huge,
              inputs,
              sample.requestedFormat(),
              sample.doneReason());
      QualityScore score =
          assertTimeoutPreemptively(
              hugeInputBudget(),
              () -> assessor.assess(input),
              () ->
                  "assessing with a 1 MB prompt and inputs for "
                      + sample.task()
                      + " took longer than "
                      + hugeInputBudget()
                      + "; is some step super-linear?");
      checkScore(input, score);
    }
  }

  /**
   * Assesses, failing with a clear message if the assessor throws (the contract forbids it).
   *
   * @param input what to assess
   * @return the assessor's score
   */
  protected QualityScore assess(AssessmentInput input) {
    QualityScore[] holder = new QualityScore[1];
    assertThatCode(() -> holder[0] = assessor.assess(input))
        .as("assess(%s) must not throw", describe(input))
        .doesNotThrowAnyException();
    return holder[0];
  }

  private static void checkScore(AssessmentInput input, QualityScore score) {
    assertThat(score).as("assess(%s) returned null", describe(input)).isNotNull();
    assertThat(score.score()).as("score of %s", describe(input)).isBetween(0.0, 1.0);
    assertThat(score.breakdown()).as("breakdown of %s", describe(input)).isNotNull();
    score
        .breakdown()
        .forEach(
            (k, v) ->
                assertThat(v).as("breakdown '%s' of %s", k, describe(input)).isBetween(0.0, 1.0));
    assertThat(score.notes()).as("notes of %s", describe(input)).isNotNull();
  }

  private List<TaskType> supportedTasks() {
    Set<TaskType> tasks = new LinkedHashSet<>();
    for (TaskType t : TaskType.predefined()) {
      if (assessor.supports(t)) {
        tasks.add(t);
      }
    }
    for (AssessmentInput input : sampleInputs()) {
      tasks.add(input.task());
    }
    return new ArrayList<>(tasks);
  }

  /**
   * The sample inputs plus adversarial outputs, formats and truncation for every supported task.
   */
  private List<AssessmentInput> allVariants() {
    List<AssessmentInput> out = new ArrayList<>(sampleInputs());
    for (AssessmentInput sample : sampleInputs()) {
      out.add(
          new AssessmentInput(
              sample.task(),
              sample.output(),
              sample.prompt(),
              sample.inputs(),
              sample.requestedFormat(),
              Optional.of("length")));
      out.add(
          new AssessmentInput(
              sample.task(), sample.output(), "", Map.of(), ResponseFormat.JSON, Optional.empty()));
    }
    for (TaskType task : supportedTasks()) {
      for (String text : adversarialOutputs()) {
        out.add(
            new AssessmentInput(
                task,
                text,
                text,
                Map.of(
                    GenerationRequest.INPUT_JOB_POSTING,
                    text,
                    GenerationRequest.INPUT_SKILLS,
                    text,
                    GenerationRequest.INPUT_ROLE,
                    text),
                ResponseFormat.TEXT,
                Optional.empty()));
        out.add(
            new AssessmentInput(
                task,
                text,
                "",
                Map.of(),
                ResponseFormat.jsonSchema(
                    "{\"type\":\"object\",\"required\":[\"title\",\"skills\"]}"),
                Optional.of("length")));
      }
    }
    return out;
  }

  /**
   * Outputs that break naive parsers: odd Unicode, broken JSON, extreme numbers, markup.
   *
   * @return the adversarial outputs
   */
  protected List<String> adversarialOutputs() {
    return List.of(
        "\uD800 lone high surrogate and lone low \uDC00",
        "\u0000\u0001\u0007 control characters \u001B[31m",
        "\u202Eright-to-left override\u202C and emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD",
        "e\u0301\u0301\u0301 combining marks Z\u0351\u0360\u0361",
        "NaN",
        "Infinity",
        "-0",
        "1e999",
        "-1e999",
        "0.0000000000000000000000001",
        "{\"score\": 1e999, \"skills\": [null, \"\", 3, true, {}, []]}",
        "{\"unclosed\": [1, 2, 3",
        "]]]}}}",
        "{}",
        "[]",
        "null",
        "\"just a string\"",
        "```json\n{\"skills\": [\"Java\", \"Java\"]}\n```",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
        "\r\n\r\n\r\r\n",
        "?!?!?!...;;;:::---***",
        "12345 67890",
        "%s %n %d {0} ${x} $1 \\1",
        "(.*)*$ ^(a+)+$ [[:alpha:]] \\\\ \\u0000",
        "<script>alert(1)</script><b>bold</b>&amp;&lt;",
        "- \n- \n- \n* \n1. \n# \n## \n**\n:",
        "Dear\nSincerely",
        "Score: -5/10. Score: 11/10. Score: 7/0.",
        "a".repeat(10_000),
        "word ".repeat(5_000));
  }

  /**
   * One megabyte outputs of different shapes; keys starting with {@code json} are JSON.
   *
   * @return the outputs by a short name of their shape, in a stable order
   */
  protected Map<String, String> hugeOutputs() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "prose",
        repeat(
            "The candidate has built distributed systems in Java. Overall a strong fit. ", HUGE));
    out.put("one token", "x".repeat(HUGE));
    out.put("lines", repeat("- Kubernetes\n", HUGE));
    out.put("newlines", "\n".repeat(HUGE));
    out.put("brackets", "[".repeat(HUGE / 2) + "]".repeat(HUGE / 2));
    out.put("placeholders", repeat("[Your Name] <Company Name> {Date} ", HUGE));
    out.put("numbers", repeat("score: 0.5 7/10 ", HUGE));
    StringBuilder json = new StringBuilder("{\"title\":\"Engineer\",\"skills\":[");
    while (json.length() < HUGE) {
      json.append("\"skill ").append(json.length()).append("\",");
    }
    json.append("\"last\"]}");
    out.put("json array", json.toString());
    return out;
  }

  private static String repeat(String unit, int size) {
    return unit.repeat(Math.max(1, size / unit.length()));
  }

  private static String describe(AssessmentInput input) {
    String o = input.output();
    String head = o.length() > 40 ? o.substring(0, 40) + "...(" + o.length() + " chars)" : o;
    return input.task()
        + "/"
        + input.requestedFormat()
        + input.doneReason().map(r -> "/" + r).orElse("")
        + " output '"
        + head.replace("\n", "\\n")
        + "'";
  }

  /** One synthetic, typical answer per predefined task. */
  private static Map<TaskType, AssessmentInput> builtInSamples() {
    String posting =
        """
        Backend Engineer (m/w/d) at Example Corp

        Requirements:
        - 3+ years of experience with Java and Spring Boot
        - Good knowledge of PostgreSQL
        - Experience with Docker and Kubernetes

        What we offer:
        - Flexible working hours
        """;
    Map<String, String> inputs =
        Map.of(
            GenerationRequest.INPUT_JOB_POSTING,
            posting,
            GenerationRequest.INPUT_SKILLS,
            "Java, Spring Boot, PostgreSQL",
            GenerationRequest.INPUT_ROLE,
            "Backend Engineer");
    Map<TaskType, AssessmentInput> m = new LinkedHashMap<>();
    m.put(
        TaskType.SELF_ASSESSMENT,
        new AssessmentInput(
            TaskType.SELF_ASSESSMENT,
            """
            I have worked with Java and Spring Boot for four years, building services on PostgreSQL.

            Docker is part of my daily work; Kubernetes I know from one project.

            Overall I am a strong fit for this role: 8/10.""",
            posting,
            inputs,
            ResponseFormat.TEXT,
            Optional.of("stop")));
    m.put(
        TaskType.SKILL_DECOMPOSITION,
        new AssessmentInput(
            TaskType.SKILL_DECOMPOSITION,
            "{\"skills\": [\"Java\", \"Spring Boot\", \"REST API design\", \"SQL\"]}",
            "Decompose 'backend development with Java' into skills. Answer in JSON.",
            Map.of(),
            ResponseFormat.JSON,
            Optional.of("stop")));
    m.put(
        TaskType.DOMAIN_RELATIONSHIP,
        new AssessmentInput(
            TaskType.DOMAIN_RELATIONSHIP,
            "{\"relationship_score\": 0.7, \"explanation\": \"Both rely on statistics.\"}",
            "Rate how related 'data science' and 'machine learning' are, between 0 and 1.",
            Map.of(),
            ResponseFormat.JSON,
            Optional.of("stop")));
    m.put(
        TaskType.COVER_LETTER,
        new AssessmentInput(
            TaskType.COVER_LETTER,
            "Dear Hiring Team,\n\nI am applying for the Backend Engineer position. "
                + "I build Java services every day.\n\nKind regards,\nAlex Example",
            posting,
            inputs,
            ResponseFormat.TEXT,
            Optional.of("stop")));
    m.put(
        TaskType.JOB_REQUIREMENTS,
        new AssessmentInput(
            TaskType.JOB_REQUIREMENTS,
            "{\"requirements\": [\"3+ years of Java and Spring Boot\", \"PostgreSQL\", \"Docker and Kubernetes\"]}",
            posting,
            inputs,
            ResponseFormat.JSON,
            Optional.of("stop")));
    m.put(
        TaskType.JOB_EXTRACTION,
        new AssessmentInput(
            TaskType.JOB_EXTRACTION,
            "{\"title\": \"Backend Engineer\", \"company\": \"Example Corp\", \"location\": \"not specified\","
                + " \"requirements\": [\"Java\", \"Spring Boot\", \"PostgreSQL\"]}",
            posting,
            inputs,
            ResponseFormat.JSON,
            Optional.of("stop")));
    return m;
  }
}
