package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.JobDetails;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.consensus.JobPostings;
import io.taskoptimizer.consensus.SequenceMatcher;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.core.benchmark.BenchmarkSample;
import io.taskoptimizer.core.benchmark.SampleInputs;
import io.taskoptimizer.examples.cli.SimulatedAnswers.Tier;
import io.taskoptimizer.spi.AssessmentInput;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo only tells a true story if the library's own quality assessors rank the simulated
 * models' answers the way the fleet table claims: thorough above solid above sloppy.
 */
class SimulatedAnswersTest {

  @TempDir static Path dir;

  private static TaskOptimizer optimizer;
  private static JobPosting english;

  @BeforeAll
  static void setUp() {
    optimizer =
        TaskOptimizer.builder()
            .configDirectory(Fixtures.exampleConfig(dir))
            .autoDetectProviders(false)
            .build();
    english = JobPostings.loadById(Fixtures.examplePostings(dir), "1001");
  }

  @AfterAll
  static void tearDown() {
    optimizer.close();
  }

  enum Case {
    SELF_ASSESSMENT,
    JOB_EXTRACTION,
    COVER_LETTER,
    SKILL_DECOMPOSITION,
    DOMAIN_RELATIONSHIP,
    JOB_REQUIREMENTS
  }

  private static GenerationRequest request(Case c) {
    return switch (c) {
      case SELF_ASSESSMENT -> SelfAssessmentPrompt.request(english, Bundled.profile());
      case JOB_EXTRACTION -> ConsensusExtractor.builder(optimizer).build().requestFor(english);
      case COVER_LETTER ->
          GenerationRequest.builder()
              .user(
                  "Write a cover letter of 200-400 words for the job posting below.\n\"\"\"\n"
                      + english.description()
                      + "\n\"\"\"")
              .input(GenerationRequest.INPUT_ROLE, "Senior Java Backend Engineer")
              .build();
      case SKILL_DECOMPOSITION ->
          GenerationRequest.builder()
              .user(
                  "Decompose this requirement into distinct skills and answer as JSON {\"skills\": [...]}:\n"
                      + "Experience with Docker, Kubernetes and Terraform")
              .format(ResponseFormat.JSON)
              .build();
      case DOMAIN_RELATIONSHIP ->
          GenerationRequest.builder()
              .user(
                  "On a scale between 0 and 1, how related are the domains \"Java\" and \"Kotlin\"? Give a score.")
              .build();
      case JOB_REQUIREMENTS ->
          GenerationRequest.builder()
              .user(
                  "List the requirements of this job posting, one per line.\n\"\"\"\n"
                      + english.description()
                      + "\n\"\"\"")
              .input(GenerationRequest.INPUT_JOB_POSTING, english.description())
              .build();
    };
  }

  private static TaskType task(Case c) {
    return TaskType.of(c.name().toLowerCase(java.util.Locale.ROOT));
  }

  private static double score(Case c, Tier tier) {
    GenerationRequest r = request(c);
    String answer = SimulatedAnswers.answer(tier, r.promptText(), r.format().expectsJson());
    Optional<QualityScore> q =
        optimizer.assess(AssessmentInput.of(task(c), answer, r, Optional.of("stop")));
    return q.orElseThrow().score();
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void thoroughAnswersScoreHigherThanSolidAndMuchHigherThanSloppyOnes(Case c) {
    Map<Tier, Double> scores = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      scores.put(t, score(c, t));
    }

    assertThat(scores.get(Tier.THOROUGH))
        .as("%s %s", c, scores)
        .isGreaterThanOrEqualTo(scores.get(Tier.SOLID));
    assertThat(scores.get(Tier.SOLID))
        .as("%s %s", c, scores)
        .isGreaterThan(scores.get(Tier.SLOPPY) + 0.1);
    assertThat(scores.get(Tier.THOROUGH)).as("%s %s", c, scores).isGreaterThan(0.7);
  }

  static java.util.stream.Stream<BenchmarkSample> builtInSamples() {
    return TaskType.predefined().stream().flatMap(t -> SampleInputs.builtIn().forTask(t).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInSamples")
  void theBenchmarksBuiltInSamplesRankTheTiersInOrder(BenchmarkSample sample) {
    Map<Tier, Double> scores = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      GenerationRequest r = sample.request();
      String answer = SimulatedAnswers.answer(t, r.promptText(), r.format().expectsJson());
      scores.put(
          t,
          optimizer
              .assess(AssessmentInput.of(sample.task(), answer, r, Optional.of("stop")))
              .orElseThrow()
              .score());
    }

    assertThat(scores.get(Tier.THOROUGH))
        .as("%s %s", sample.id(), scores)
        .isGreaterThanOrEqualTo(scores.get(Tier.SOLID));
    assertThat(scores.get(Tier.SOLID))
        .as("%s %s", sample.id(), scores)
        .isGreaterThan(scores.get(Tier.SLOPPY) + 0.1);
    assertThat(scores.get(Tier.THOROUGH)).as("%s %s", sample.id(), scores).isGreaterThan(0.7);
  }

  @Test
  void carefulExtractionsAgreeAndTheSloppyOneDoesNot() {
    String prompt = request(Case.JOB_EXTRACTION).promptText();
    String thorough = SimulatedAnswers.answer(Tier.THOROUGH, prompt, false);
    String solid = SimulatedAnswers.answer(Tier.SOLID, prompt, false);
    String sloppy = SimulatedAnswers.answer(Tier.SLOPPY, prompt, false);

    assertThat(new SequenceMatcher(thorough, solid).ratio()).isBetween(0.75, 0.999);
    assertThat(new SequenceMatcher(thorough, sloppy).ratio()).isLessThan(0.75);
    JobDetails details = JobDetails.parse(thorough);
    assertThat(details.title()).contains("Senior Java Backend Engineer (f/m/x)");
    assertThat(details.location()).contains("Berlin");
    assertThat(details.company()).contains("Northwind Logistics");
    assertThat(details.responsibilities())
        .hasSize(5)
        .first()
        .asString()
        .startsWith("Design, build and operate");
    assertThat(details.requirements()).hasSize(5).noneMatch(r -> r.contains("holiday"));
    assertThat(details.contactInfo())
        .hasValueSatisfying(c -> assertThat(c).contains("jobs@northwind.example.com"));
  }

  @Test
  void bilingualPostingsAreExtractedOnceInEnglish() {
    JobPosting bilingual = JobPostings.loadById(dir.resolve("postings"), "1003");
    String prompt =
        ConsensusExtractor.builder(optimizer).build().requestFor(bilingual).promptText();

    JobDetails details = JobDetails.parse(SimulatedAnswers.answer(Tier.THOROUGH, prompt, false));

    assertThat(details.responsibilities())
        .containsExactly(
            "Build and run our Kubernetes platform on AWS",
            "Automate everything with Terraform and Argo CD",
            "Help product teams with observability (Prometheus, Grafana)");
    assertThat(details.requirements())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("Experience with Kubernetes");
    assertThat(details.contactInfo())
        .hasValueSatisfying(c -> assertThat(c).startsWith("Tobias Lindqvist"));
  }
}
