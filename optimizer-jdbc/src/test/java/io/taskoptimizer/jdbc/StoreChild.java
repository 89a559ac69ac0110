package io.taskoptimizer.jdbc;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for the multi-process tests: records feedback into the store of a URL.
 *
 * <ul>
 *   <li>{@code record URL THREADS EVENTS}: THREADS threads each record EVENTS calls of {@code
 *       shared:1b} (every third a failure, each with a rating) and flush every 64 calls, all
 *       starting together; closes the optimizer (final flush) and prints {@code done}.
 *   <li>{@code loop URL}: records 50 calls, flushes, prints {@code flushed N} (N = executions this
 *       process has persisted so far), forever, until killed.
 * </ul>
 */
public final class StoreChild {

  private StoreChild() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("taskopt-child");
    TaskOptimizer optimizer =
        TaskOptimizer.builder()
            .configDirectory(dir)
            .store(args[1])
            .autoDetectProviders(false)
            .autoDetectAssessors(false)
            .feedbackFlushInterval(Duration.ZERO)
            .availabilityRefreshInterval(Duration.ofHours(1))
            .build();
    if (args[0].equals("record")) {
      int threads = Integer.parseInt(args[2]);
      int events = Integer.parseInt(args[3]);
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread w =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 1; i <= events; i++) {
                    optimizer.recordFeedback(
                        TaskType.SELF_ASSESSMENT,
                        "shared:1b",
                        Duration.ofMillis(1),
                        i % 3 != 0,
                        (i % 10) / 10.0);
                    if (i % 64 == 0) {
                      optimizer.flush();
                    }
                  }
                });
        w.start();
        workers.add(w);
      }
      start.countDown();
      for (Thread w : workers) {
        w.join();
      }
      optimizer.close();
      System.out.println("done");
      System.out.flush();
    } else {
      long persisted = 0;
      while (true) {
        for (int i = 0; i < 50; i++) {
          optimizer.recordFeedback(
              TaskType.SELF_ASSESSMENT, "crash:1b", Duration.ofMillis(2), true);
        }
        optimizer.flush(); // returns once the 50 calls are committed
        persisted += 50;
        System.out.println("flushed " + persisted);
        System.out.flush();
      }
    }
  }

  /** Starts a child JVM with the test class path; stderr goes to {@code log}. */
  static Process start(Path log, String... args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                StoreChild.class.getName()));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
