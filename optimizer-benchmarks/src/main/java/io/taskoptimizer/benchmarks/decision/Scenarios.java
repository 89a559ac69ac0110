package io.taskoptimizer.benchmarks.decision;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios of the decision-quality simulator. Every scenario uses the same five-model fleet
 * unless it says otherwise; true utilities for {@code self_assessment} (0.6 quality, 0.4 speed,
 * speed = 2.0 s / median latency, times the success rate):
 *
 * <pre>
 *   llama3.2:3b  q 0.78  3.0 s  1% failures   U 0.727  (best)
 *   gemma3:1b    q 0.50  2.0 s  2%            U 0.686
 *   phi3:3.8b    q 0.70  3.5 s  3%            U 0.629
 *   qwen2.5:7b   q 0.86  7.0 s  1%            U 0.624
 *   mistral:7b   q 0.74  6.0 s  5%            U 0.548
 * </pre>
 */
final class Scenarios {

  static final int CALLS = 10_000;

  private Scenarios() {}

  static final SimModel LLAMA = SimModel.of("llama3.2:3b", new double[] {0.78, 0.70}, 3.0, 0.01);
  static final SimModel GEMMA = SimModel.of("gemma3:1b", new double[] {0.50, 0.45}, 2.0, 0.02);
  static final SimModel PHI = SimModel.of("phi3:3.8b", new double[] {0.70, 0.80}, 3.5, 0.03);
  static final SimModel QWEN = SimModel.of("qwen2.5:7b", new double[] {0.86, 0.74}, 7.0, 0.01);
  static final SimModel MISTRAL = SimModel.of("mistral:7b", new double[] {0.74, 0.72}, 6.0, 0.05);
  static final SimModel GRANITE =
      SimModel.of("granite3.3:2b", new double[] {0.80, 0.60}, 2.2, 0.01);

  /** The rankings file that tells the truth (quality, and speed on the fleet's scale). */
  static List<RankedModel> correctSelfAssessment() {
    return List.of(
        new RankedModel("llama3.2:3b", 0.78, 0.6667),
        new RankedModel("gemma3:1b", 0.50, 1.0),
        new RankedModel("phi3:3.8b", 0.70, 0.5714),
        new RankedModel("qwen2.5:7b", 0.86, 0.2857),
        new RankedModel("mistral:7b", 0.74, 0.3333));
  }

  /** A rankings file that puts the true best model last and a poor one first. */
  static List<RankedModel> staleSelfAssessment() {
    return List.of(
        new RankedModel("mistral:7b", 0.82, 0.90),
        new RankedModel("gemma3:1b", 0.50, 1.0),
        new RankedModel("phi3:3.8b", 0.70, 0.5714),
        new RankedModel("qwen2.5:7b", 0.86, 0.2857),
        new RankedModel("llama3.2:3b", 0.40, 0.25));
  }

  /** Every scenario, in report order. */
  static List<Scenario> all() {
    List<Scenario> list = new ArrayList<>();
    List<SimModel> fleet = List.of(LLAMA, GEMMA, PHI, QWEN, MISTRAL);
    List<TaskType> sa = List.of(TaskType.SELF_ASSESSMENT);
    list.add(
        new Scenario(
            "stationary",
            "rankings file right, nothing changes",
            sa,
            fleet,
            List.of(correctSelfAssessment()),
            CALLS,
            0.1,
            0.25,
            0,
            0,
            0,
            1));
    list.add(
        new Scenario(
            "stale",
            "rankings file puts the true best model last, a poor one first",
            sa,
            fleet,
            List.of(staleSelfAssessment()),
            CALLS,
            0.1,
            0.25,
            0,
            0,
            0,
            1));
    list.add(
        new Scenario(
            "drift",
            "the leader (llama3.2:3b) loses 0.3 quality at call 3000",
            sa,
            List.of(LLAMA.droppingAt(3000, 0.3), GEMMA, PHI, QWEN, MISTRAL),
            List.of(correctSelfAssessment()),
            CALLS,
            0.1,
            0.25,
            0,
            0,
            0,
            1));
    list.add(
        new Scenario(
            "new-model",
            "an unranked, better model (granite3.3:2b) appears at call 2000",
            sa,
            List.of(LLAMA, GEMMA, PHI, QWEN, MISTRAL, GRANITE.appearingAt(2000)),
            List.of(correctSelfAssessment()),
            CALLS,
            0.1,
            0.25,
            0,
            0,
            0,
            1));
    list.add(
        new Scenario(
            "noisy-latency",
            "rankings right; latency sigma 0.5, 5% cold loads of 15 s, 3% stalls of 8x",
            sa,
            fleet,
            List.of(correctSelfAssessment()),
            CALLS,
            0.1,
            0.5,
            0.05,
            15,
            0.03,
            8));
    list.add(
        new Scenario(
            "noisy-assessor",
            "rankings put the true best last, and the heuristic assessor's noise is 0.3 (3x)",
            sa,
            fleet,
            List.of(staleSelfAssessment()),
            CALLS,
            0.3,
            0.25,
            0,
            0,
            0,
            1));
    list.add(
        new Scenario(
            "two-tasks",
            "self_assessment (0.6/0.4, file right) and domain_relationship (1.0/0.0, file wrong) in turn",
            List.of(TaskType.SELF_ASSESSMENT, TaskType.DOMAIN_RELATIONSHIP),
            fleet,
            List.of(
                correctSelfAssessment(),
                List.of(
                    new RankedModel("qwen2.5:7b", 0.85, 0.2857),
                    new RankedModel("llama3.2:3b", 0.75, 0.6667),
                    new RankedModel("mistral:7b", 0.72, 0.3333),
                    new RankedModel("phi3:3.8b", 0.60, 0.5714),
                    new RankedModel("gemma3:1b", 0.45, 1.0))),
            CALLS,
            0.1,
            0.25,
            0,
            0,
            0,
            1));
    return List.copyOf(list);
  }
}
