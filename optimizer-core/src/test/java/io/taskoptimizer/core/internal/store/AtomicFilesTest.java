package io.taskoptimizer.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesThroughASymlinkToItsTargetAndKeepsTheLink() throws IOException {
    Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
    Path target = dotfiles.resolve("rankings.json");
    Files.writeString(target, "old");
    Path config = Files.createDirectories(dir.resolve("config"));
    Path link =
        Files.createSymbolicLink(
            config.resolve("model_rankings.json"), Path.of("../dotfiles/rankings.json"));

    AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../dotfiles/rankings.json"));
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(Files.readString(dotfiles.resolve("rankings.json.bak"))).isEqualTo("old");
    try (var files = Files.list(config)) {
      assertThat(files).containsExactly(link);
    }
  }

  @Test
  void aDanglingSymlinkCreatesItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("f.json"), Path.of("real.json"));

    AtomicFiles.write(link, "x".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(dir.resolve("real.json"))).isEqualTo("x");
  }

  @Test
  void writingWithoutBackupReplacesTheFileKeepsItsPermissionsAndLeavesNothingBeside()
      throws IOException {
    Path file = Files.writeString(dir.resolve("report.json"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    AtomicFiles.writeWithoutBackup(file, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writingWithoutBackupCreatesTheDirectoryAndWritesThroughASymlink() throws IOException {
    Path created = dir.resolve("reports/2026/summary.md");

    AtomicFiles.writeWithoutBackup(created, "x".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(created)).isEqualTo("x");
    Path target = Files.writeString(dir.resolve("real.md"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.md"), Path.of("real.md"));
    AtomicFiles.writeWithoutBackup(link, "y".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("y");
    assertThat(dir.resolve("real.md.bak")).doesNotExist();
  }

  @Test
  void removesOnlyItsOwnStaleTemporaries() throws IOException {
    Path file = dir.resolve("model_discovery.json");
    Path stale = Files.writeString(dir.resolve(".model_discovery.json.1x2y3z.tmp"), "half");
    Path staleBak = Files.writeString(dir.resolve(".model_discovery.json.bak.k9.tmp"), "half");
    Path users = Files.writeString(dir.resolve(".model_discovery.json.my-notes.tmp"), "mine");
    Path other = Files.writeString(dir.resolve(".model_rankings.json.1x2y3z.tmp"), "other file's");

    AtomicFiles.deleteStaleTemporaries(file);

    assertThat(stale).doesNotExist();
    assertThat(staleBak).doesNotExist();
    assertThat(users).exists();
    assertThat(other).exists();
  }
}
