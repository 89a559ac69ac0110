package io.taskoptimizer.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What a cheap {@code stat} says about a file, to notice that another process replaced it.
 *
 * @param modifiedNanos last modification time
 * @param size size in bytes
 * @param fileKey the inode or similar, when the platform has one (an atomic replace changes it)
 */
public record FileStamp(long modifiedNanos, long size, Object fileKey) {

  /**
   * Stamps a file.
   *
   * @param file the file
   * @return its stamp, or empty if it does not exist or its attributes cannot be read
   */
  public static Optional<FileStamp> of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      return Optional.of(new FileStamp(nanos, a.size(), a.fileKey()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
