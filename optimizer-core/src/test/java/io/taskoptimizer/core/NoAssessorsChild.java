package io.taskoptimizer.core;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Main class run in a child JVM without optimizer-assessors on the class path: discovers assessors
 * (finding none), executes once and prints {@code quality=<present> executions=<n> ratings=<n>}.
 */
public final class NoAssessorsChild {

  private NoAssessorsChild() {}

  /** Entry point: {@code args[0]} is the configuration directory. */
  public static void main(String[] args) {
    FakeProvider provider = new FakeProvider("fake", "m:1b").respondText("a short answer");
    try (TaskOptimizer optimizer =
        TestConfig.builder(Path.of(args[0]), new ManualScheduler())
            .autoDetectAssessors(true)
            .addProvider(provider)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      ExecutionResult result =
          optimizer.execute(
              TaskType.COVER_LETTER, GenerationRequest.builder().prompt("p").model("m:1b").build());
      ModelFeedback f = optimizer.feedback(TaskType.COVER_LETTER, "m:1b").orElseThrow();
      System.out.println(
          "quality="
              + result.quality().isPresent()
              + " executions="
              + f.executions()
              + " ratings="
              + f.qualityRatings().size());
    }
  }
}
