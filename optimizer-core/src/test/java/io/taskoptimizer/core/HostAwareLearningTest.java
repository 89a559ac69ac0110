package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ArmEstimate;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.TokenListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model served by a fast and a slow host of one multi-host provider is judged by the host its
 * next call would go to, not by the average (issue 13). Latencies are reported by the provider,
 * never measured.
 */
class HostAwareLearningTest {

  private static final TaskType TASK = TaskType.COVER_LETTER;

  @TempDir Path dir;

  private static final String RANKINGS =
      """
      {
        "cover_letter": [
          {"model": "m:1b", "quality_score": 0.8, "speed_score": 0.5},
          {"model": "k:1b", "quality_score": 0.8, "speed_score": 0.5}
        ]
      }
      """;

  /** Serves m on "gpu" (0.1 s) or "cpu" (10 s) as told, and k on one server (1 s). */
  private static final class TwoHosts implements ModelProvider {
    volatile String nextHost = "gpu";
    volatile Optional<String> expected = Optional.empty();

    @Override
    public String id() {
      return "cluster";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return List.of(ModelDescriptor.of("m:1b", "cluster"), ModelDescriptor.of("k:1b", "cluster"));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      String model = request.model().orElseThrow();
      if (model.equals("k:1b")) {
        return GenerationResult.builder("ok", model).totalTime(Duration.ofSeconds(1)).build();
      }
      Duration warm = nextHost.equals("gpu") ? Duration.ofMillis(100) : Duration.ofSeconds(10);
      return GenerationResult.builder("ok", model).totalTime(warm).host(nextHost).build();
    }

    @Override
    public Optional<String> expectedHost(String model) {
      return model.equals("m:1b") ? expected : Optional.empty();
    }
  }

  private static ArmEstimate estimate(TaskOptimizer o, String model) {
    return o.estimatesFor(TASK).stream()
        .filter(e -> e.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aModelIsJudgedByTheLatencyOfTheHostItsNextCallWouldGoTo() {
    TestConfig.write(dir.resolve(TestConfig.RANKINGS), RANKINGS);
    TwoHosts provider = new TwoHosts();
    try (TaskOptimizer o =
        TestConfig.builder(dir, new ManualScheduler())
            .addProvider(provider)
            .weights(TASK, PriorityWeights.of(0.2, 0.8))
            .build()) {
      GenerationRequest m = GenerationRequest.builder().user("hi").model("m:1b").build();
      GenerationRequest k = GenerationRequest.builder().user("hi").model("k:1b").build();
      for (int i = 0; i < 20; i++) {
        provider.nextHost = i % 2 == 0 ? "gpu" : "cpu"; // geometric mean 1 s, like k
        o.execute(TASK, m);
        o.execute(TASK, k);
      }
      double average = estimate(o, "m:1b").speed();

      provider.expected = Optional.of("gpu");
      double onGpu = estimate(o, "m:1b").speed();
      assertThat(o.bestModelFor(TASK)).isEqualTo("m:1b");

      provider.expected = Optional.of("cpu");
      double onCpu = estimate(o, "m:1b").speed();
      assertThat(o.bestModelFor(TASK)).isEqualTo("k:1b");

      assertThat(onGpu).isGreaterThan(estimate(o, "k:1b").speed()).isGreaterThan(average);
      assertThat(onCpu).isLessThan(estimate(o, "k:1b").speed()).isLessThan(average);

      provider.expected = Optional.of("new-host"); // no evidence on that host: the model's average
      assertThat(estimate(o, "m:1b").speed()).isEqualTo(average);
    }
  }
}
