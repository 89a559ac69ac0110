package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/setup-auto-rankings.sh} with bash against a fake {@code crontab} on the PATH
 * that keeps "the crontab" in a file, so nothing touches the real crontab.
 */
class RankingUpdaterCronScriptTest {

  private static final String MARKER = "# task-optimizer:auto-rankings";

  @TempDir Path tmp;

  private Path bash;
  private Path repo;
  private Path script;
  private Path fakeBin;
  private Path store;

  private record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    Optional<Path> found = findBash();
    assumeTrue(found.isPresent(), "bash is not installed; skipping the cron script test");
    bash = found.get();
    repo = Path.of("").toAbsolutePath().getParent().toRealPath();
    script = repo.resolve("scripts/setup-auto-rankings.sh");
    assertThat(script).exists();
    fakeBin = Files.createDirectories(tmp.resolve("bin"));
    store = tmp.resolve("crontab.txt");
    Path crontab = fakeBin.resolve("crontab");
    // a crontab that keeps its table in $FAKE_CRONTAB, using bash builtins only
    Files.writeString(
        crontab,
        "#!"
            + bash
            + "\n"
            + "case \"$1\" in\n"
            + "  -l) if [ -f \"$FAKE_CRONTAB\" ]; then printf '%s' \"$(<\"$FAKE_CRONTAB\")\"; printf '\\n';"
            + " else echo \"no crontab for tester\" >&2; exit 1; fi ;;\n"
            + "  -) IFS= read -r -d '' content || true; printf '%s' \"$content\" > \"$FAKE_CRONTAB\" ;;\n"
            + "  *) echo \"fake crontab: unsupported $*\" >&2; exit 2 ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(crontab, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Optional<Path> findBash() {
    List<String> dirs = new ArrayList<>(List.of("/bin", "/usr/bin", "/usr/local/bin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
    }
    return dirs.stream().map(d -> Path.of(d, "bash")).filter(Files::isExecutable).findFirst();
  }

  private Result run(String path, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(bash.toString(), script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", path);
    pb.environment().put("FAKE_CRONTAB", store.toString());
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private String withFakeCrontab() {
    return fakeBin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
  }

  private String[] options(String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--config",
                tmp.resolve("config").toString(),
                "--log",
                tmp.resolve("logs/rank.log").toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static List<String> ours(String crontab) {
    return crontab.lines().filter(l -> l.contains(MARKER)).toList();
  }

  @Test
  void dryRunPrintsTheCrontabWithOurEntryReplacedAndChangesNothing() throws Exception {
    String before =
        "MAILTO=me@example.org\n15 * * * * /usr/local/bin/backup\n0 1 * * * old-command "
            + MARKER
            + "\n";
    Files.writeString(store, before);

    Result r = run(withFakeCrontab(), options("--dry-run"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .hasSize(3)
        .startsWith("MAILTO=me@example.org", "15 * * * * /usr/local/bin/backup");
    assertThat(ours(r.out()))
        .singleElement()
        .satisfies(
            line -> {
              // paths of safe characters are not quoted, exactly as 'taskopt setup-auto-rankings'
              // writes them
              assertThat(line).startsWith("0 3 * * * cd " + repo + " && ");
              assertThat(line)
                  .contains("./taskopt update-rankings --config " + tmp.resolve("config") + " >>");
              assertThat(line).contains(">> " + tmp.resolve("logs/rank.log") + " 2>&1");
              assertThat(line).doesNotContain("target/");
              assertThat(line).endsWith(MARKER);
            });
    assertThat(Files.readString(store)).isEqualTo(before);
  }

  @Test
  void aNewlineInThePathsIsRefusedAndTheCrontabIsUntouched() throws Exception {
    String before = "15 * * * * /usr/local/bin/backup\n";
    Files.writeString(store, before);

    Result config =
        run(
            withFakeCrontab(),
            "--config",
            tmp.resolve("config\n* * * * * touch /tmp/pwned #").toString());
    Result log =
        run(
            withFakeCrontab(),
            "--config",
            tmp.resolve("config").toString(),
            "--log",
            "x\r\n1 * * * * evil");

    assertThat(config.exitCode()).as(config.err()).isEqualTo(2);
    assertThat(config.err()).contains("--config value contains a control character");
    assertThat(log.exitCode()).as(log.err()).isEqualTo(2);
    assertThat(log.err()).contains("--log value contains a control character");
    assertThat(Files.readString(store)).isEqualTo(before);
  }

  @Test
  void installsOnceAndReplacesItsLineWhenRunAgain() throws Exception {
    Files.writeString(store, "15 * * * * /usr/local/bin/backup\n");

    Result first = run(withFakeCrontab(), options());
    Result second = run(withFakeCrontab(), options("--schedule", "30 2 * * 1"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    String crontab = Files.readString(store);
    assertThat(crontab.lines()).first().isEqualTo("15 * * * * /usr/local/bin/backup");
    assertThat(ours(crontab))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("30 2 * * 1 cd "));
    assertThat(tmp.resolve("logs")).isDirectory();
  }

  @Test
  void installsIntoAnEmptyCrontab() throws Exception {
    Result r = run(withFakeCrontab(), options("--schedule", "@daily"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(store).lines())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("@daily cd "));
  }

  @Test
  void removeDeletesOnlyItsOwnLine() throws Exception {
    Files.writeString(
        store, "15 * * * * /usr/local/bin/backup\n0 3 * * * cd /x && ./taskopt " + MARKER + "\n");

    Result r = run(withFakeCrontab(), options("--remove"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(store)).isEqualTo("15 * * * * /usr/local/bin/backup\n");
    assertThat(r.out().lines())
        .containsExactly(
            "setup-auto-rankings: removed:", "  0 3 * * * cd /x && ./taskopt " + MARKER);
  }

  @Test
  void rejectsScheduleFieldsOutOfRange() throws Exception {
    for (String bad :
        List.of(
            "61 * * * *",
            "0 24 * * *",
            "0 3 0 * *",
            "0 3 * 13 *",
            "0 3 * * 8",
            "*/0 * * * *",
            "9-3 * * * *",
            "0 3 * foo *")) {
      Result r = run(withFakeCrontab(), options("--schedule", bad));

      assertThat(r.exitCode()).as(bad).isEqualTo(2);
      assertThat(r.err()).as(bad).contains("schedule '" + bad + "'").contains("field");
    }
    assertThat(
            run(
                    withFakeCrontab(),
                    options("--dry-run", "--schedule", "*/15 9-17 1,15 jan-mar mon-fri"))
                .exitCode())
        .isZero();
    assertThat(store).doesNotExist();
  }

  @Test
  void logsNextToTheConfigByDefaultAsTheCliDoes() throws Exception {
    Result r = run(withFakeCrontab(), "--dry-run", "--config", tmp.resolve("config").toString());

    assertThat(ours(r.out()))
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains(">> " + tmp.resolve("config/auto-rankings.log") + " 2>&1"));
  }

  @Test
  void quotesPathsWithSpacesQuotesAndPercentSigns() throws Exception {
    Path odd = tmp.resolve("my config's 100%");

    Result r =
        run(
            withFakeCrontab(),
            "--dry-run",
            "--config",
            odd.toString(),
            "--log",
            tmp.resolve("l.log").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    String quoted = "'" + odd.toString().replace("'", "'\\''").replace("%", "\\%") + "'";
    assertThat(ours(r.out()))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("--config " + quoted + " >>"));
  }

  @Test
  void failsWithAClearErrorWhenCrontabIsMissing() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-bin"));

    Result r = run(empty.toString(), options());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("crontab is not installed").contains("update-rankings");
    assertThat(store).doesNotExist();
  }

  @Test
  void rejectsAScheduleThatIsNotCronSyntax() throws Exception {
    Result r = run(withFakeCrontab(), options("--schedule", "every day"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("five fields");
    assertThat(store).doesNotExist();
  }
}
