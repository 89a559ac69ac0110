package io.taskoptimizer.examples;

import io.taskoptimizer.consensus.ConsensusExtractor;
import io.taskoptimizer.consensus.ConsensusResult;
import io.taskoptimizer.consensus.JobDetails;
import io.taskoptimizer.consensus.JobPosting;
import io.taskoptimizer.consensus.JobPostings;
import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;

/**
 * Example: extract the essential details of a job posting by multi-model consensus.
 *
 * <p>The two best ranked available models for {@code job_extraction} run in parallel; if their
 * outputs are at least 75% similar (difflib's {@code SequenceMatcher.ratio()}), that is consensus
 * and the higher-ranked output is used. Otherwise a third model breaks the tie, and without any
 * agreement the highest-ranked valid output is used and the result says so. A posting whose
 * description is missing or a placeholder is rejected before any model runs.
 */
public final class ConsensusExtractionExample {

  private ConsensusExtractionExample() {}

  /**
   * Extracts {@code job{jobId}.json} from a postings directory and saves the result.
   *
   * @param optimizer an optimizer with at least two available models ranked for job_extraction
   * @param postingsDir the directory holding {@code job{ID}.json} files
   * @param jobId the posting id
   * @param output where to write the result JSON (the original tool's fields)
   * @return the result, with the extracted details and whether consensus was reached
   */
  public static ConsensusResult extract(
      TaskOptimizer optimizer, Path postingsDir, String jobId, Path output) {
    // tag::consensus[]
    JobPosting posting = JobPostings.loadById(postingsDir, jobId); // rejects broken postings
    ConsensusExtractor extractor = ConsensusExtractor.builder(optimizer).threshold(0.75).build();

    ConsensusResult result = extractor.extract(posting);

    System.out.println(result.explanation());
    JobDetails details = result.details().orElseThrow();
    System.out.println(details.title().orElse("?") + " in " + details.location().orElse("?"));
    details.requirements().forEach(r -> System.out.println("  - " + r));
    result.writeJson(output);
    // end::consensus[]
    return result;
  }
}
