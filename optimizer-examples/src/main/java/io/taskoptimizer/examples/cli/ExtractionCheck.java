package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.consensus.ConsensusCandidate;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.JobDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an extraction that no second model confirmed (a fallback without consensus, or
 * the only available model) is usable. Agreement between two models is the check of a consensus;
 * without it, the output itself must look like an extraction: the model's own answer must name at
 * least one responsibility and one requirement (the title, company and location can come from the
 * posting's metadata, these cannot), and its quality score, where an assessor rated it, must reach
 * {@link #QUALITY_FLOOR}. A chatty non-answer such as "Sure! Here is the extraction you asked for."
 * fails both.
 */
final class ExtractionCheck {

  /** The lowest assessor score an unconfirmed extraction may have. */
  static final double QUALITY_FLOOR = 0.3;

  private ExtractionCheck() {}

  /**
   * Why the result is not a usable extraction; empty when it is (or when it is a consensus or a
   * failure).
   */
  static Optional<String> problem(ConsensusResult r) {
    if (r.decision() != ConsensusResult.Decision.FALLBACK
        && r.decision() != ConsensusResult.Decision.SINGLE_MODEL) {
      return Optional.empty();
    }
    String model = r.model().orElse("?");
    JobDetails own = JobDetails.parse(r.output().orElse(""));
    List<String> missing = new ArrayList<>();
    if (own.responsibilities().isEmpty()) {
      missing.add("responsibilities");
    }
    if (own.requirements().isEmpty()) {
      missing.add("requirements");
    }
    Optional<Double> quality =
        r.candidates().stream()
            .filter(c -> c.model().equals(model))
            .findFirst()
            .flatMap(ConsensusCandidate::execution)
            .flatMap(e -> e.quality())
            .map(QualityScore::score);
    List<String> why = new ArrayList<>();
    if (!missing.isEmpty()) {
      why.add("it names no " + String.join(" and no ", missing));
    }
    if (quality.isPresent() && quality.get() < QUALITY_FLOOR) {
      why.add(
          String.format(
              Locale.ROOT, "its quality score %.2f is below %.2f", quality.get(), QUALITY_FLOOR));
    }
    if (why.isEmpty()) {
      return Optional.empty();
    }
    String unconfirmed =
        r.decision() == ConsensusResult.Decision.FALLBACK
            ? "no two models agreed and the fallback extraction of " + model
            : "the extraction of " + model + " (the only available model)";
    return Optional.of(unconfirmed + " is not usable: " + String.join(", and ", why));
  }
}
