package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.consensus.JobPosting;

/** The self-assessment request: the job posting and the candidate profile, and what to write. */
final class SelfAssessmentPrompt {

  static final String SYSTEM =
      "You are an experienced career coach. You write honest, specific"
          + " self-assessments that help a candidate decide whether to apply for a job.";

  static final String TEMPLATE =
      """
      Write a self-assessment of how well I, the candidate below, fit the job posting below.

      Structure it in three parts with these headings:
      Strengths: for each key requirement of the posting that I meet, name the requirement and the \
      concrete evidence from my profile.
      Gaps: the requirements I do not meet or meet only partly, and how I would close each gap.
      Conclusion: my overall fit as a rating from 1 to 10, with one sentence of justification.

      Write in English, in the first person, 250 to 450 words. No introduction, no closing remarks.

      Job posting: %s
      \"\"\"
      %s
      \"\"\"

      My profile:
      \"\"\"
      %s
      \"\"\"
      """;

  private SelfAssessmentPrompt() {}

  /** The request for this posting and profile; the model is left to the optimizer. */
  static GenerationRequest request(JobPosting posting, String profile) {
    String heading =
        posting.title().orElse("job " + posting.id())
            + posting.organization().map(o -> " at " + o).orElse("")
            + posting.location().map(l -> " (" + l + ")").orElse("");
    String user = String.format(TEMPLATE, heading, posting.description().strip(), profile.strip());
    GenerationRequest.Builder b =
        GenerationRequest.builder()
            .system(SYSTEM)
            .user(user)
            .temperature(0.4)
            .contextSize(contextFor(SYSTEM.length() + user.length()))
            .input(GenerationRequest.INPUT_JOB_POSTING, posting.description())
            .input(GenerationRequest.INPUT_CANDIDATE_PROFILE, profile);
    posting.title().ifPresent(t -> b.input(GenerationRequest.INPUT_ROLE, t));
    return b.build();
  }

  /**
   * A context window that fits the prompt (about 3 characters per token for German and English)
   * plus 1024 tokens for the answer, so Ollama's small default does not silently cut a long
   * posting: a multiple of 1024 between 4096 and 32768.
   */
  static int contextFor(int promptChars) {
    int tokens = promptChars / 3 + 1024;
    int rounded = ((tokens + 1023) / 1024) * 1024;
    return Math.max(4096, Math.min(32768, rounded));
  }
}
