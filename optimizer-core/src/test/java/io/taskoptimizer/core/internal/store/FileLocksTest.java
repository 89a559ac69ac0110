package io.taskoptimizer.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void anInterruptWhileWaitingForTheLockDoesNotBreakTheWriteAndIsRestored() throws Exception {
    // a background flush waiting for the lock when close() interrupts it (shutdownNow) must still
    // write, so that close() has nothing to warn about
    Path lock = dir.resolve(".f.lock");
    Path data = dir.resolve("f");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                FileLocks.withExclusiveLock(
                    lock,
                    () -> {
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    held.await();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean interruptRestored = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              try {
                FileLocks.withExclusiveLock(
                    lock,
                    () -> {
                      try (FileChannel ch =
                          FileChannel.open(
                              data, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap("written".getBytes(StandardCharsets.UTF_8)));
                      }
                      return null;
                    });
              } catch (Throwable t) {
                failure.set(t);
              }
              interruptRestored.set(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING) {
      Thread.onSpinWait(); // parked on the JVM lock
    }
    waiter.interrupt();
    release.countDown();
    waiter.join();
    holder.join();

    assertThat(failure.get()).isNull();
    assertThat(Files.readString(data)).isEqualTo("written");
    assertThat(interruptRestored.get()).isTrue();
  }
}
