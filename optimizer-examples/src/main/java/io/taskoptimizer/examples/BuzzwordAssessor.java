package io.taskoptimizer.examples;

import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Example of a custom {@link QualityAssessor} plugin: penalises recruiting buzzwords ("rockstar",
 * "synergy", ...) in cover letters and self-assessments, which hiring managers skim past.
 *
 * <p>It is registered for discovery in {@code
 * META-INF/services/io.taskoptimizer.spi.QualityAssessor} of this module, so every {@code
 * TaskOptimizer} built with assessor auto-detection (the default) combines it with the built-in
 * assessors. On the module path a host application would add {@code provides
 * io.taskoptimizer.spi.QualityAssessor with com.example.BuzzwordAssessor;} to its {@code
 * module-info.java}. Discovery needs the public no-arg constructor.
 *
 * <p>Like every assessor it is deterministic, thread-safe (it holds only immutable state) and never
 * throws, whatever the output.
 */
public final class BuzzwordAssessor implements QualityAssessor {

  /** The assessor id, as used with {@code TaskOptimizer.Builder.assessorWeight}. */
  public static final String ID = "examples-buzzwords";

  private static final List<String> BUZZWORDS =
      List.of(
          "rockstar",
          "ninja",
          "guru",
          "synergy",
          "synergies",
          "go-getter",
          "think outside the box",
          "results-driven",
          "dynamic self-starter",
          "self-starter",
          "passionate team player",
          "hit the ground running",
          "paradigm shift",
          "best of breed",
          "move the needle",
          "wizard");

  private static final Pattern PATTERN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])("
              + String.join("|", BUZZWORDS.stream().map(Pattern::quote).toList())
              + ")(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Each distinct buzzword costs this much of the score. */
  private static final double PENALTY_PER_BUZZWORD = 0.25;

  private static final Set<TaskType> TASKS =
      Set.of(TaskType.COVER_LETTER, TaskType.SELF_ASSESSMENT);

  /** Creates the assessor; public and argument-free so that {@link java.util.ServiceLoader} can. */
  public BuzzwordAssessor() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean supports(TaskType task) {
    return TASKS.contains(task);
  }

  @Override
  public QualityScore assess(AssessmentInput input) {
    List<String> found = new ArrayList<>();
    Matcher m = PATTERN.matcher(input.output());
    while (m.find()) {
      String word = m.group(1).toLowerCase(Locale.ROOT);
      if (!found.contains(word)) {
        found.add(word);
      }
    }
    double score = Math.max(0.0, 1.0 - PENALTY_PER_BUZZWORD * found.size());
    Map<String, Double> breakdown = new LinkedHashMap<>();
    breakdown.put("no_buzzwords", score);
    List<String> notes =
        found.isEmpty() ? List.of() : List.of("buzzwords: " + String.join(", ", found));
    return new QualityScore(score, breakdown, notes);
  }
}
