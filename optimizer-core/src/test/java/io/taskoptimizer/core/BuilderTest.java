package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ProviderSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {

  @TempDir Path dir;

  @Test
  void rejectsBadValuesAtOnceNamingThem() {
    TaskOptimizer.Builder b = TaskOptimizer.builder();
    assertThatThrownBy(() -> b.availabilityRefreshInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.feedbackFlushInterval(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-5S");
    assertThatThrownBy(() -> b.maxQualityRatings(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> b.assessorWeight("x", -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.5");
    assertThatThrownBy(() -> b.assessorWeight("x", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> b.assessorWeight(" ", 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.configDirectory(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dir");
    assertThatThrownBy(() -> b.addProvider(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("provider");
    assertThatThrownBy(() -> b.weights(TaskType.COVER_LETTER, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.scheduler(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void providerSettingsWithExplicitProvidersAreRejectedInEitherOrderInsteadOfIgnored() {
    ProviderSettings settings = ProviderSettings.of(Map.of("OLLAMA_HOST", "gpu-box"));
    FakeProvider mine = new FakeProvider("mine", "gemma3:1b");

    assertThatThrownBy(() -> TaskOptimizer.builder().addProvider(mine).providerSettings(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 provider(s) were given explicitly")
        .hasMessageContaining("configure those");
    assertThatThrownBy(() -> TaskOptimizer.builder().providerSettings(settings).addProvider(mine))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("providerSettings(...) was given");
    assertThatThrownBy(
            () -> TaskOptimizer.builder().providerSettings(settings).providers(List.of(mine)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> TaskOptimizer.builder().autoDetectProviders(false).providerSettings(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("autoDetectProviders(false)");
    assertThatThrownBy(
            () -> TaskOptimizer.builder().providerSettings(settings).autoDetectProviders(false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addAppendsOneAndThePluralSetterReplacesAll() {
    ManualScheduler scheduler = new ManualScheduler();
    FakeProvider a = new FakeProvider("a", "gemma3:1b");
    FakeProvider b = new FakeProvider("b", "gemma3:1b");
    FakeProvider c = new FakeProvider("c", "gemma3:1b");

    TaskOptimizer.Builder builder = TestConfig.builder(dir, scheduler).addProvider(a);
    builder.providers(List.of(b)).addProvider(c);

    try (TaskOptimizer optimizer = builder.build()) {
      assertThat(optimizer.providers()).containsExactly(b, c);
    }
  }

  @Test
  void buildsAgainWithoutChangingTheBuilder() {
    ManualScheduler scheduler = new ManualScheduler();
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    TaskOptimizer.Builder b =
        TestConfig.builder(dir, scheduler)
            .clock(clock)
            .weights(TaskType.COVER_LETTER, PriorityWeights.of(0.5, 0.5));

    try (TaskOptimizer first = b.build();
        TaskOptimizer second = b.build()) {
      assertThat(first).isNotSameAs(second);
      assertThat(second.clock()).isSameAs(clock);
      assertThat(second.weights(TaskType.COVER_LETTER)).isEqualTo(PriorityWeights.of(0.5, 0.5));
      assertThat(second.configDirectory()).isEqualTo(first.configDirectory());
    }
  }

  @Test
  void ownsAndStopsItsDefaultSchedulerOnClose() throws InterruptedException {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .build();
    optimizer.recordFeedback(TaskType.COVER_LETTER, "m:1b", Duration.ofSeconds(1), true);
    optimizer.refreshAvailability();
    java.util.List<Thread> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.getName().startsWith("taskoptimizer-background"))
            .toList();

    optimizer.close();

    assertThat(started).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    for (Thread t : started) {
      t.join(30_000);
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
    assertThat(optimizer.feedback(TaskType.COVER_LETTER, "m:1b").orElseThrow().executions())
        .isEqualTo(1);
    assertThat(dir.resolve(TestConfig.FEEDBACK)).exists();
  }

  @Test
  void leavesACallersSchedulerRunningButCancelsItsTasks() {
    ManualScheduler scheduler = new ManualScheduler();
    TaskOptimizer optimizer = TestConfig.builder(dir, scheduler).build();
    assertThat(scheduler.liveTasks()).hasSize(2);

    optimizer.close();

    assertThat(scheduler.isShutdown()).isFalse();
    assertThat(scheduler.liveTasks()).isEmpty();
  }
}
