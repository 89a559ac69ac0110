package io.taskoptimizer.judge;

/**
 * Counters of a {@link Judge} since it was built: its cost and what it skipped.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param executionsSeen finished executions of the opted-in tasks the judge saw
 * @param sampled of those, the ones drawn for judging (about the sample rate)
 * @param skippedQueueFull sampled executions skipped because the judge's queue was full (the caller
 *     is never made to wait)
 * @param judgeCalls calls made to judge models (rubric grading and comparisons)
 * @param cacheHits verdicts served from the cache without a judge call
 * @param verdicts rubric verdicts obtained
 * @param unparsable judge answers that did not parse strictly (no evidence)
 * @param failures judge calls that failed (error, timeout, no judge model available)
 * @param sameFamilyJudges verdicts and comparisons by a judge of the same family as a judged model
 */
public record JudgeStats(
    long executionsSeen,
    long sampled,
    long skippedQueueFull,
    long judgeCalls,
    long cacheHits,
    long verdicts,
    long unparsable,
    long failures,
    long sameFamilyJudges) {}
