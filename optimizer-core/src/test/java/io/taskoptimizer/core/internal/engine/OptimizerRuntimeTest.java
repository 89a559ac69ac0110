package io.taskoptimizer.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.learning.LearningParams;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.StoredFeedback;
import io.taskoptimizer.spi.StoredRankings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start and close order of the optimizer's parts, seen from its store and scheduler. */
class OptimizerRuntimeTest {

  private static final TaskType TASK = TaskType.of("summary");

  @TempDir Path dir;

  /**
   * The caller's scheduler; cancelled jobs leave its queue at once, so the queue shows what is
   * left.
   */
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

  {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void closePersistsPendingFeedbackBeforeClosingTheStoreAndLeavesTheCallersSchedulerRunning() {
    // given an optimizer that flushes only when asked, with a pending execution
    RecordingStore store = new RecordingStore(new FileStore(dir));
    OptimizerRuntime runtime = OptimizerRuntime.start(config(Map.of()), store, true);
    runtime.engine().recordFeedback(TASK, "llama3.2", Duration.ofMillis(120), true, 0.8);
    assertThat(store.events).doesNotContain("addFeedback");

    // when
    runtime.close();
    runtime.close();

    // then the feedback reached the store, before it was closed, once
    assertThat(store.events).containsSubsequence("addFeedback", "close");
    assertThat(store.events).endsWith("close").containsOnlyOnce("close");
    assertThat(new FileStore(dir).loadFeedback())
        .extractingByKey(TASK.id())
        .satisfies(
            models ->
                assertThat(models.values())
                    .singleElement()
                    .satisfies(f -> assertThat(f.executions()).isEqualTo(1)));
    // the scheduler belongs to the caller: it still runs, without the optimizer's jobs
    assertThat(scheduler.isShutdown()).isFalse();
    assertThat(scheduler.getQueue()).isEmpty();
    assertThatThrownBy(
            () -> runtime.engine().recordFeedback(TASK, "llama3.2", Duration.ZERO, true, 1.0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStartThatFailsClosesTheStoreOnlyIfTheOptimizerOpenedIt() {
    Map<String, Double> unknownAssessor = Map.of("no-such-assessor", 1.0);

    RecordingStore owned = new RecordingStore(new FileStore(dir));
    assertThatThrownBy(() -> OptimizerRuntime.start(config(unknownAssessor), owned, true))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no-such-assessor");
    assertThat(owned.events).contains("close");

    RecordingStore callers = new RecordingStore(new FileStore(dir));
    assertThatThrownBy(() -> OptimizerRuntime.start(config(unknownAssessor), callers, false))
        .isInstanceOf(ConfigurationException.class);
    assertThat(callers.events).doesNotContain("close");
    assertThat(scheduler.getQueue()).as("no job was started").isEmpty();
  }

  private OptimizerRuntime.Config config(Map<String, Double> assessorWeights) {
    return new OptimizerRuntime.Config(
        dir,
        Clock.systemUTC(),
        Map.of(),
        List.of(),
        false,
        ProviderSettings.fromEnvironment(),
        List.of(),
        false,
        assessorWeights,
        Duration.ofHours(1),
        Duration.ZERO,
        100,
        false,
        scheduler,
        new LearningParams(100, 0.03, 0.25),
        io.taskoptimizer.core.SelectionPolicies.greedy(),
        null,
        List.of());
  }

  /** A file store that records the calls that change or release it. */
  private static final class RecordingStore implements OptimizerStore {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final OptimizerStore delegate;

    RecordingStore(OptimizerStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public String location() {
      return delegate.location();
    }

    @Override
    public StoredRankings loadRankings() {
      return delegate.loadRankings();
    }

    @Override
    public StoredRankings replaceRankings(Map<TaskType, List<RankedModel>> replacement) {
      events.add("replaceRankings");
      return delegate.replaceRankings(replacement);
    }

    @Override
    public Optional<String> rankingsVersion() {
      return delegate.rankingsVersion();
    }

    @Override
    public Map<String, Map<String, StoredFeedback>> loadFeedback() {
      return delegate.loadFeedback();
    }

    @Override
    public Map<String, Map<String, StoredFeedback>> addFeedback(
        Map<String, Map<String, FeedbackDelta>> deltas, int maxRatings) {
      events.add("addFeedback");
      return delegate.addFeedback(deltas, maxRatings);
    }

    @Override
    public Optional<String> readDocument(String name) {
      return delegate.readDocument(name);
    }

    @Override
    public void writeDocument(String name, String content) {
      events.add("writeDocument");
      delegate.writeDocument(name, content);
    }

    @Override
    public String updateDocument(String name, Function<Optional<String>, String> merge) {
      events.add("updateDocument");
      return delegate.updateDocument(name, merge);
    }

    @Override
    public <T> T inRankingTransaction(Supplier<T> action) {
      return delegate.inRankingTransaction(action);
    }

    @Override
    public void close() {
      events.add("close");
      delegate.close();
    }
  }
}
