package io.taskoptimizer.core.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on a lock file that work both between processes and between threads and optimizer
 * instances of one JVM.
 *
 * <p>An OS file lock ({@link FileChannel#lock()}) excludes other processes but is held per JVM: a
 * second lock on an overlapping region from the same JVM throws {@code
 * OverlappingFileLockException}. So a JVM-wide {@link ReentrantLock} keyed by the lock file's
 * absolute path is taken first, and only the outermost holder takes the OS lock.
 *
 * <p>File I/O on interruptible channels fails when the calling thread is interrupted, which would
 * make a flush during shutdown lose data; the interrupt flag is therefore cleared for the duration
 * of the locked action and restored afterwards.
 */
public final class FileLocks {

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private FileLocks() {}

  /** An action that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IoAction<T> {
    /**
     * Runs the action.
     *
     * @return the action's result
     * @throws IOException if the action fails
     */
    T run() throws IOException;
  }

  /**
   * Runs {@code action} holding the JVM lock and the OS lock of {@code lockFile} (created if
   * missing; never deleted, because deleting lock files reintroduces races).
   *
   * <p>Reentrant: a thread that already holds the lock runs {@code action} directly. An interrupt
   * pending on entry or arriving while waiting is cleared for the duration and restored afterwards.
   *
   * @param <T> the type of the action's result
   * @param lockFile the lock file; paths are compared absolute and normalised
   * @param action what to run while holding the lock
   * @return what the action returned
   * @throws IOException if the lock file cannot be opened or locked, or the action fails
   */
  public static <T> T withExclusiveLock(Path lockFile, IoAction<T> action) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    boolean interrupted = Thread.interrupted();
    jvmLock.lock();
    try {
      // an interrupt that arrived while waiting for the lock (shutdownNow during a flush) would
      // make the channel below fail with ClosedByInterruptException: clear it too, restore it
      // afterwards
      interrupted |= Thread.interrupted();
      if (jvmLock.getHoldCount() > 1) {
        return action.run(); // this thread already holds the OS lock
      }
      try (FileChannel channel =
          FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return action.run();
        } finally {
          lock.release();
        }
      }
    } finally {
      jvmLock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
