package io.taskoptimizer.core.internal.store;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.core.internal.ConfigProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe file replacement: the new content goes to a temporary file in the same directory, is
 * forced to disk, and is then moved over the target atomically, so a reader (or a process killed
 * mid-write) only ever sees the complete old or the complete new file. The previous version is kept
 * as {@code <name>.bak}, replaced the same way.
 *
 * <p>Callers hold the file's {@link FileLocks lock} while writing; temporary files found while
 * holding it are leftovers of a killed writer and are removed by {@link #deleteStaleTemporaries}.
 */
public final class AtomicFiles {

  private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

  private AtomicFiles() {}

  /**
   * Config files larger than this are refused unread: the real files are kilobytes, so a bigger one
   * is the wrong file or hostile, and reading it would only waste memory.
   */
  public static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

  /**
   * Reads a whole file.
   *
   * @param file the file
   * @return the file's bytes, or empty if it does not exist
   * @throws IOException if it exists but cannot be read
   */
  public static Optional<byte[]> readIfExists(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a config file, refusing one that is too large.
   *
   * @param file the file
   * @return the file's bytes, or empty if it does not exist
   * @throws ConfigFileException if it cannot be read or exceeds {@link #MAX_CONFIG_BYTES}
   */
  public static Optional<byte[]> readConfig(Path file) {
    try {
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      if (size > MAX_CONFIG_BYTES) {
        throw ConfigProblems.of(
            file,
            "the file has "
                + size
                + " bytes, more than the "
                + MAX_CONFIG_BYTES
                + " a config file may have; is it the right file?");
      }
      return readIfExists(file);
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot read: " + e, e);
    }
  }

  /**
   * The backup written before each replacement.
   *
   * @param file the file written
   * @return {@code <name>.bak} beside the file
   */
  public static Path backupOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".bak");
  }

  /**
   * Replaces {@code link} with {@code content} atomically, keeping the previous content as {@link
   * #backupOf(Path) the .bak file}. When {@code link} is a symbolic link, its target is replaced
   * (and backed up beside the target); the link itself is left as it is.
   *
   * @param link the file to replace, or a symbolic link to it
   * @param content the new content
   * @throws IOException if the content, the backup or the move cannot be written; the file then
   *     keeps its previous content
   */
  public static void write(Path link, byte[] content) throws IOException {
    write(link, content, true);
  }

  /**
   * Replaces {@code link} with {@code content} atomically, like {@link #write(Path, byte[])}, but
   * keeps no {@code .bak}, and creates the directory if it is missing: for outputs that are written
   * again from their source rather than edited (reports, result files), where a backup beside each
   * one would only be clutter.
   *
   * @param link the file to replace, or a symbolic link to it
   * @param content the new content
   * @throws IOException if the directory or the content cannot be written; the file then keeps its
   *     previous content
   */
  public static void writeWithoutBackup(Path link, byte[] content) throws IOException {
    Path dir = link.toAbsolutePath().getParent();
    if (dir != null && !Files.isSymbolicLink(link)) {
      Files.createDirectories(dir);
    }
    write(link, content, false);
  }

  private static void write(Path link, byte[] content, boolean backup) throws IOException {
    // a symlinked config file (e.g. into a dotfiles repository) is written through: the temporary
    // file goes beside the target and replaces it, so the link stays a link
    Path file = target(link);
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "directory of " + file);
    String name = file.getFileName().toString();
    Optional<Set<PosixFilePermission>> perms = permissionsOf(file);
    Path tmp = writeTemporary(dir, name, ByteBuffer.wrap(content), perms);
    try {
      if (backup && Files.exists(file)) {
        Path bakTmp = dir.resolve(temporaryName(name + ".bak"));
        try {
          Files.copy(file, bakTmp, StandardCopyOption.COPY_ATTRIBUTES);
          force(bakTmp);
          move(bakTmp, backupOf(file));
        } finally {
          Files.deleteIfExists(bakTmp);
        }
      }
      move(tmp, file);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The file a write replaces: {@code file} itself, or the final target when it is a symbolic link
   * (resolved link by link, so a dangling link names the file it will create).
   */
  static Path target(Path file) throws IOException {
    Path p = file.toAbsolutePath();
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops >= 40) {
        throw new IOException("too many levels of symbolic links at " + file);
      }
      // a symbolic link is never the root, so it has a parent
      Path parent = Objects.requireNonNull(p.getParent(), "directory of " + p);
      p = parent.resolve(Files.readSymbolicLink(p)).normalize();
    }
    return p;
  }

  /**
   * Deletes temporaries of {@code file} left by a writer that was killed: only names this class
   * creates ({@code .<name>.<random>.tmp} and {@code .<name>.bak.<random>.tmp}) beside the file (or
   * beside its symlink target). Call with the file's lock held: every writer holds it while its
   * temporaries exist, so any found then are stale.
   *
   * @param link the file, or a symbolic link to it; failures to list or delete are only logged
   */
  public static void deleteStaleTemporaries(Path link) {
    Path file;
    try {
      file = target(link);
    } catch (IOException e) {
      log.debug("Could not resolve {}: {}", link, e.toString());
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    java.util.regex.Pattern ours =
        java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote("." + file.getFileName())
                + "(\\.bak)?\\.[0-9a-z]{1,13}\\.tmp");
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(
            dir,
            p -> {
              String n = p.getFileName().toString();
              return ours.matcher(n).matches()
                  && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            })) {
      for (Path stale : stream) {
        log.debug("Removing {} left by an interrupted write", stale);
        Files.deleteIfExists(stale);
      }
    } catch (IOException e) {
      log.debug("Could not clean up temporaries of {}: {}", file, e.toString());
    }
  }

  private static String temporaryName(String name) {
    return "."
        + name
        + "."
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
        + ".tmp";
  }

  private static Path writeTemporary(
      Path dir, String name, ByteBuffer content, Optional<Set<PosixFilePermission>> perms)
      throws IOException {
    Path tmp = dir.resolve(temporaryName(name));
    // CREATE_NEW without explicit attributes: the umask applies, as for a normally written file
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (content.hasRemaining()) {
        ch.write(content);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (perms.isPresent()) {
      try {
        Files.setPosixFilePermissions(tmp, perms.get());
      } catch (IOException | UnsupportedOperationException e) {
        log.debug("Could not copy permissions to {}: {}", tmp, e.toString());
      }
    }
    return tmp;
  }

  private static Optional<Set<PosixFilePermission>> permissionsOf(Path file) {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      return view == null || !Files.exists(file)
          ? Optional.empty()
          : Optional.of(view.readAttributes().permissions());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void forceDirectory(Path dir) {
    // makes the rename durable on Linux; not supported on every platform, and not needed for
    // atomicity
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.trace("Directory fsync not supported for {}: {}", dir, e.toString());
    }
  }
}
