package io.taskoptimizer.core.reliability;

import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Main class of the child JVM that {@link CrashSafetyTest} kills: it writes both config files in an
 * endless loop and reports every completed write on stdout, until it is killed.
 *
 * <p>Arguments: {@code DIR}. Protocol (one line each, flushed at once):
 *
 * <ul>
 *   <li>{@code start E R}: opened the directory; the file held E executions of {@link #TASK}/{@link
 *       #MODEL} and ranking round R of {@link #RANKED_TASK} (0 if none).
 *   <li>{@code ranked R}: {@code replaceRankings} of round R returned (the file holds it).
 *   <li>{@code persisted N}: a flush returned; the file holds N executions.
 * </ul>
 *
 * Each round records {@link #BATCH} events (one in seven failed, with quality ratings), replaces
 * the ranking of {@link #RANKED_TASK} with round R's, and flushes.
 */
public final class CrashChild {

  static final TaskType TASK = TaskType.SELF_ASSESSMENT;
  static final String MODEL = "crash:1b";
  static final TaskType RANKED_TASK = TaskType.of("crash_ranking");
  static final int BATCH = 150;
  static final Duration TOOK = Duration.ofMillis(250);

  private CrashChild() {}

  /** The ranking written in round {@code round}: its first model names the round. */
  static List<RankedModel> ranking(long round) {
    double q = (round % 100) / 100.0;
    return List.of(
        new RankedModel("round-" + round + ":1b", q, 1 - q),
        new RankedModel("steady:7b", 0.5, 0.5));
  }

  /** The round of a ranking written by {@link #ranking(long)}, or 0 for none. */
  static long round(List<RankedModel> ranking) {
    if (ranking.isEmpty()) {
      return 0;
    }
    String m = ranking.get(0).model();
    return Long.parseLong(m.substring("round-".length(), m.indexOf(':')));
  }

  /** Entry point. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Path dir = Path.of(args[0]);
    TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .maxQualityRatings(50)
            .build();
    long executions = optimizer.feedback(TASK, MODEL).map(ModelFeedback::executions).orElse(0L);
    long round = round(optimizer.rankings(RANKED_TASK));
    out.println("start " + executions + " " + round);
    out.flush();
    while (true) {
      for (int i = 0; i < BATCH; i++) {
        optimizer.recordFeedback(TASK, MODEL, TOOK, i % 7 != 0, (i % 11) / 10.0);
      }
      round++;
      optimizer.replaceRankings(Map.of(RANKED_TASK, ranking(round)));
      out.println("ranked " + round);
      out.flush();
      optimizer.flush();
      executions += BATCH;
      out.println("persisted " + executions);
      out.flush();
    }
  }
}
