package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening stores: the file store is the old files, URLs are redacted, unknown URLs are refused. */
class OptimizerStoresTest {

  @TempDir Path dir;

  @Test
  void passwordsAreRedactedInEveryFormOfUrl() {
    assertThat(
            OptimizerStores.redact("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
    assertThat(OptimizerStores.redact("jdbc:postgresql://h/db?PASSWORD=s3cret"))
        .isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
    assertThat(OptimizerStores.redact("postgresql://u:s3cret@h/db"))
        .isEqualTo("postgresql://***@h/db");
    assertThat(OptimizerStores.redact("jdbc:postgresql://h/db?user=u"))
        .isEqualTo("jdbc:postgresql://h/db?user=u");
  }

  @Test
  void aUrlNoStoreSupportsIsAnInvalidUrlErrorWithoutThePassword() {
    assertThatThrownBy(() -> OptimizerStores.open("jdbc:postgresql://h/db?user=u&password=s3cret"))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.INVALID_URL);
              assertThat(e.getMessage())
                  .contains("optimizer-jdbc")
                  .contains("password=***")
                  .doesNotContain("s3cret");
            });
  }

  @Test
  void theFileStoreIsTheConfigDirectoryAnOptimizerUsesByDefault() {
    OptimizerStore files = OptimizerStores.files(dir);
    files.addFeedback(
        Map.of(
            "self_assessment",
            Map.of("gemma3:1b", new FeedbackDelta(2, 1, 1, 3_000_000_000L, List.of(0.5)))),
        100);
    assertThat(Files.exists(dir.resolve("model_performance_feedback.json"))).isTrue();

    try (TaskOptimizer o =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      assertThat(o.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow().executions())
          .isEqualTo(2);
      o.recordFeedback(TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofSeconds(1), true);
    }
    assertThat(files.loadFeedback().get("self_assessment").get("gemma3:1b").executions())
        .isEqualTo(3);
  }

  @Test
  void anExplicitStoreIsUsedAndNotClosedByTheOptimizer() {
    OptimizerStore files = OptimizerStores.files(dir.resolve("shared"));
    try (TaskOptimizer o =
        TaskOptimizer.builder()
            .configDirectory(dir.resolve("local"))
            .store(files)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .build()) {
      assertThat(o.store()).isSameAs(files);
      o.recordFeedback(TaskType.COVER_LETTER, "qwen3:8b", Duration.ofSeconds(2), true, 0.8);
    }
    assertThat(files.loadFeedback().get("cover_letter").get("qwen3:8b").qualityRatings())
        .containsExactly(0.8);
    assertThat(dir.resolve("local").resolve("model_performance_feedback.json")).doesNotExist();
  }
}
