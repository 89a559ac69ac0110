package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.NoAvailableModelException;
import io.taskoptimizer.api.TaskType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityTest {

  @TempDir Path dir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private TaskOptimizer build(FakeProvider... providers) {
    TestConfig.withSeedFiles(dir);
    return TestConfig.builder(dir, scheduler).providers(List.of(providers)).build();
  }

  @Test
  void firstLoadRunsOnTheSchedulerAndLaterRefreshesOnlyThere() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer = build(provider)) {
      assertThat(provider.listCalls()).isZero(); // build() only scheduled the first load

      scheduler.runAll();
      assertThat(provider.listCalls()).isEqualTo(1);
      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("gemma3:1b");
      assertThat(provider.listCalls()).isEqualTo(1);

      provider.serve("gemma3:1b", "llama3.2:latest");
      assertThat(optimizer.availableModels())
          .extracting(ModelDescriptor::name)
          .containsExactly("gemma3:1b");
      scheduler.runAll(); // the periodic refresh
      assertThat(provider.listCalls()).isEqualTo(2);
      assertThat(optimizer.availableModels())
          .extracting(ModelDescriptor::name)
          .containsExactly("gemma3:1b", "llama3.2:latest");
    }
  }

  @Test
  void firstCallLoadsAvailabilityWhenTheBackgroundLoadHasNotRunYet() {
    FakeProvider provider = new FakeProvider("fake", "phi3:3.8b");
    try (TaskOptimizer optimizer = build(provider)) {
      assertThat(optimizer.bestModelFor(TaskType.DOMAIN_RELATIONSHIP)).isEqualTo("phi3:3.8b");
      assertThat(provider.listCalls()).isEqualTo(1);
      assertThat(optimizer.availabilityKnown()).isTrue();
    }
  }

  @Test
  void providerThatGoesDownMakesItsModelsUnavailableUntilItComesBack() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    try (TaskOptimizer optimizer = build(provider)) {
      scheduler.runAll();
      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("gemma3:1b");

      provider.down(true);
      scheduler.runAll();

      assertThat(optimizer.availabilityKnown()).isTrue();
      assertThat(optimizer.availableModels()).isEmpty();
      assertThat(optimizer.providerFor("gemma3:1b")).isEmpty();
      assertThatThrownBy(() -> optimizer.bestModelFor(TaskType.SELF_ASSESSMENT))
          .isInstanceOf(NoAvailableModelException.class);
      assertThatThrownBy(() -> optimizer.selectionFor(TaskType.SELF_ASSESSMENT))
          .isInstanceOf(NoAvailableModelException.class);

      provider.down(false);
      scheduler.runAll();
      assertThat(optimizer.bestModelFor(TaskType.SELF_ASSESSMENT)).isEqualTo("gemma3:1b");
    }
  }

  @Test
  void otherProvidersKeepServingWhileOneIsDown() {
    FakeProvider gpu = new FakeProvider("gpu", "phi3:3.8b");
    FakeProvider cpu = new FakeProvider("cpu", "gemma3:4b", "phi3:3.8b");
    try (TaskOptimizer optimizer = build(gpu, cpu)) {
      assertThat(optimizer.providerFor("phi3:3.8b")).containsSame(gpu);

      gpu.down(true);
      optimizer.refreshAvailability();

      assertThat(optimizer.providerFor("phi3:3.8b")).containsSame(cpu);
      assertThat(optimizer.bestModelFor(TaskType.DOMAIN_RELATIONSHIP)).isEqualTo("phi3:3.8b");
      assertThat(optimizer.selectionFor(TaskType.COVER_LETTER).skipped())
          .anySatisfy(s -> assertThat(s.reason()).contains("down: gpu"));
    }
  }

  @Test
  void refreshAvailabilityAsksEveryProviderSynchronously() {
    FakeProvider a = new FakeProvider("a", "gemma3:1b");
    FakeProvider b = new FakeProvider("b");
    try (TaskOptimizer optimizer = build(a, b)) {
      optimizer.refreshAvailability();
      assertThat(a.listCalls()).isEqualTo(1);
      assertThat(b.listCalls()).isEqualTo(1);

      b.serve("mistral:latest");
      optimizer.refreshAvailability();

      assertThat(optimizer.providerFor("mistral")).containsSame(b);
      assertThat(optimizer.providers()).containsExactly(a, b);
    }
  }

  @Test
  void backgroundRefreshUsesTheConfiguredInterval() {
    FakeProvider provider = new FakeProvider("fake", "gemma3:1b");
    TestConfig.withSeedFiles(dir);
    try (TaskOptimizer optimizer =
        TestConfig.builder(dir, scheduler)
            .addProvider(provider)
            .availabilityRefreshInterval(java.time.Duration.ofSeconds(7))
            .feedbackFlushInterval(java.time.Duration.ofMillis(1500))
            .build()) {
      assertThat(scheduler.liveTasks())
          .extracting(t -> t.periodNanos)
          .containsExactlyInAnyOrder(7_000_000_000L, 1_500_000_000L);
      assertThat(optimizer.providers()).hasSize(1);
    }
    assertThat(scheduler.liveTasks()).isEmpty();
  }
}
