package io.taskoptimizer.core.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.FeedbackFile;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FeedbackRecorderTest {

  /** Ratings are distinct multiples of 2^-30 in [0, 1), exact as doubles. */
  private static final double UNIT = 1.0 / (1 << 30);

  @TempDir Path dir;

  /**
   * One thread records distinct ratings while another flushes: every file written holds the ratings
   * in recording order without duplicates, and the last one holds exactly the newest.
   */
  @Test
  @Timeout(120)
  void flushesRacingRecordingWriteEveryRatingOnceAndEndWithTheNewest() throws Exception {
    int capacity = 5;
    FeedbackFile file = new FeedbackFile(dir);
    FeedbackRecorder recorder = new FeedbackRecorder(new FileStore(dir), capacity);
    AtomicInteger flushes = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<List<Double>> written = new ArrayList<>();
    Thread flusher =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  if (recorder.flush() > 0) {
                    written.add(ratings(file));
                    flushes.incrementAndGet();
                  }
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    flusher.start();
    long recorded = 0;
    // record until the flusher has flushed often enough under the recording
    while (flushes.get() < 30 && failure.get() == null && recorded < (1 << 29)) {
      for (int i = 0; i < 1000; i++, recorded++) {
        recorder.record(TaskType.COVER_LETTER, "m:1b", 1_000, true, recorded * UNIT);
      }
    }
    stop.set(true);
    flusher.join();
    recorder.flush();

    assertThat(failure.get()).isNull();
    for (List<Double> ratings : written) {
      assertThat(ratings).as("in recording order, none twice").isSorted().doesNotHaveDuplicates();
    }
    StoredFeedback last = file.load().get("cover_letter").get("m:1b");
    assertThat(last.executions()).isEqualTo(recorded);
    List<Double> newest = new ArrayList<>();
    for (long i = recorded - capacity; i < recorded; i++) {
      newest.add(i * UNIT);
    }
    assertThat(last.qualityRatings()).isEqualTo(newest);
  }

  private static List<Double> ratings(FeedbackFile file) {
    return file.load().get("cover_letter").get("m:1b").qualityRatings();
  }
}
