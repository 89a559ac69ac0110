package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code serverReportedTimes(true)} an execution is timed by the server's report; against a
 * test server with scripted timings that is simulated time, exact on any machine however loaded.
 */
class ServerReportedTimesTest {

  @TempDir Path dir;

  private final OllamaTestServer server =
      OllamaTestServer.create()
          .scriptedTimings(true)
          .model(
              ScriptedModel.builder("sim:1b")
                  .reply("one two three")
                  .coldLoad(Duration.ofMillis(300))
                  .timeToFirstToken(Duration.ofMillis(70))
                  .tokensPerSecond(100)
                  .build());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void executionsAndFeedbackUseTheScriptedServerTimesExactly() throws Exception {
    Files.writeString(
        dir.resolve("model_rankings.json"),
        "{\"cover_letter\": [{\"model\": \"sim:1b\", \"quality_score\": 0.9, \"speed_score\": 0.9}]}");
    server.start();
    try (OllamaProvider provider = OllamaProvider.builder().baseUrl(server.baseUrl()).build();
        TaskOptimizer optimizer =
            TaskOptimizer.builder()
                .configDirectory(dir)
                .addProvider(provider)
                .autoDetectAssessors(false)
                .feedbackFlushInterval(Duration.ZERO)
                .serverReportedTimes(true)
                .build()) {
      GenerationRequest request = GenerationRequest.builder().user("write").build();

      ExecutionResult cold = optimizer.execute(TaskType.COVER_LETTER, request);
      ExecutionResult warm = optimizer.execute(TaskType.COVER_LETTER, request);

      assertThat(warm.wallTime()).isEqualTo(warm.generation().serverTotalTime().orElseThrow());
      assertThat(cold.wallTime())
          .as("the scripted cold load and nothing else")
          .isEqualTo(warm.wallTime().plusMillis(300));
      assertThat(warm.wallTime().toNanos() % 10_000_000L)
          .as("70 ms plus whole 10 ms tokens")
          .isZero();
      ModelFeedback f = optimizer.feedback(TaskType.COVER_LETTER, "sim:1b").orElseThrow();
      assertThat(f.totalTime().toNanos())
          .isCloseTo(
              cold.wallTime().toNanos() + warm.wallTime().toNanos(),
              org.assertj.core.data.Offset.offset(1L));
    }
  }
}
