package io.taskoptimizer.core;

import io.taskoptimizer.api.TaskType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Main class run in a child JVM by the multi-process tests.
 *
 * <ul>
 *   <li>{@code loop DIR}: records and flushes in an endless loop, printing {@code flushed N} after
 *       each flush (N = executions this process has persisted), until it is killed.
 *   <li>{@code record DIR N}: prints {@code ready}, records N events of 0.5 s on {@code
 *       cover_letter}/{@code child:1b}, flushing every 50, then closes and prints {@code done}.
 * </ul>
 */
public final class FeedbackChild {

  private FeedbackChild() {}

  /** Entry point. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Path dir = Path.of(args[1]);
    try (TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      if (args[0].equals("loop")) {
        long persisted = 0;
        while (true) {
          for (int i = 0; i < 200; i++) {
            optimizer.recordFeedback(
                TaskType.SELF_ASSESSMENT,
                "crash:1b",
                Duration.ofMillis(250),
                i % 7 != 0,
                (i % 10) / 10.0);
          }
          optimizer.flush();
          persisted += 200;
          out.println("flushed " + persisted);
          out.flush();
        }
      }
      int n = Integer.parseInt(args[2]);
      out.println("ready");
      out.flush();
      for (int i = 1; i <= n; i++) {
        optimizer.recordFeedback(TaskType.COVER_LETTER, "child:1b", Duration.ofMillis(500), true);
        if (i % 50 == 0) {
          optimizer.flush();
        }
      }
    }
    out.println("done");
    out.flush();
  }
}
