package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a fake crontab command that keeps the table in a file, never the real crontab. */
class SetupAutoRankingsCommandTest {

  private static final String OTHER_ENTRY = "0 * * * * /usr/local/bin/backup.sh # nightly backup";

  @TempDir Path dir;

  private Path table;
  private Map<String, String> env;
  private Path config;

  @BeforeEach
  void fakeCrontab() throws IOException {
    assumeThat(Path.of("/bin/sh")).as("a POSIX shell for the fake crontab").isExecutable();
    table = dir.resolve("crontab.txt");
    Path fake = dir.resolve("fake-crontab");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "if [ \"$1\" = \"-l\" ]; then\n"
            + "  if [ -f '"
            + table
            + "' ]; then cat '"
            + table
            + "'; else echo 'no crontab for tester' >&2; exit 1; fi\n"
            + "elif [ \"$1\" = \"-\" ]; then cat > '"
            + table
            + "'\n"
            + "else echo \"unexpected arguments: $*\" >&2; exit 2; fi\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    env = Map.of("TASKOPT_CRONTAB", fake.toString());
    config = Fixtures.exampleConfig(dir);
  }

  private Cli.Result run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "setup-auto-rankings";
    all[1] = "--config";
    all[2] = config.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(env, all);
  }

  @Test
  void installsADailyEntryForTheConfigDirectoryKeepingOtherEntries() throws IOException {
    Files.writeString(table, OTHER_ENTRY + "\n");

    Cli.Result r = run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Auto rankings: installed (daily at 03:00)");
    assertThat(Files.readAllLines(table)).hasSize(2).first().isEqualTo(OTHER_ENTRY);
    String entry = Files.readAllLines(table).get(1);
    assertThat(entry)
        .startsWith("0 3 * * * ")
        .contains(" update-rankings --config " + config.toAbsolutePath())
        .contains(">> " + config.toAbsolutePath().resolve("auto-rankings.log") + " 2>&1")
        .endsWith(" # task-optimizer:auto-rankings")
        .doesNotContain("~");
  }

  @Test
  void runningItAgainReplacesTheEntryInsteadOfAddingOne() throws IOException {
    run();
    Cli.Result again = run();
    Cli.Result hourly = run("--schedule", "@hourly");

    assertThat(again.out()).contains("already installed");
    assertThat(hourly.out()).contains("updated (hourly)");
    assertThat(Files.readAllLines(table)).singleElement().asString().startsWith("@hourly ");
  }

  @Test
  void replacesAnEntryInstalledByTheShellScriptWhichUsesTheSameMarker() throws IOException {
    Files.writeString(
        table,
        OTHER_ENTRY
            + "\n"
            + "0 3 * * * cd '/opt/repo' && ./taskopt update-rankings --config '/opt/config' # task-optimizer:auto-rankings\n");

    Cli.Result r = run("--schedule", "@daily");

    assertThat(r.out()).contains("updated (daily)");
    assertThat(Files.readAllLines(table)).hasSize(2).first().isEqualTo(OTHER_ENTRY);
    assertThat(Files.readAllLines(table).get(1))
        .startsWith("@daily ")
        .contains(config.toAbsolutePath().toString());
  }

  @Test
  void quotesPathsForTheShellAndEscapesPercentSignsForCron() {
    assertThat(SetupAutoRankingsCommand.shellQuote("/home/me/config")).isEqualTo("/home/me/config");
    assertThat(SetupAutoRankingsCommand.shellQuote("/home/me/my jobs"))
        .isEqualTo("'/home/me/my jobs'");
    assertThat(SetupAutoRankingsCommand.shellQuote("/tmp/it's")).isEqualTo("'/tmp/it'\\''s'");
    assertThat(SetupAutoRankingsCommand.shellQuote("/data/100%")).isEqualTo("'/data/100\\%'");
  }

  @Test
  void removeTakesOutOnlyOurEntry() throws IOException {
    Files.writeString(table, OTHER_ENTRY + "\n");
    run();

    Cli.Result r = run("--remove");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("removed");
    assertThat(Files.readAllLines(table)).containsExactly(OTHER_ENTRY);
  }

  @Test
  void removePrintsTheEntryItRemovedNotTheDefaultLine() throws IOException {
    String scripts =
        "30 2 * * 1 cd /opt/repo && ./taskopt update-rankings --config /opt/cfg # task-optimizer:auto-rankings";
    Files.writeString(table, OTHER_ENTRY + "\n" + scripts + "\n");

    Cli.Result r = run("--remove");
    Cli.Result again = run("--remove");

    assertThat(r.out().lines()).containsExactly("Auto rankings: removed", "  " + scripts);
    assertThat(again.out().lines()).containsExactly("Auto rankings: nothing to remove");
  }

  @Test
  void theEntryRunsTheRepositorysTaskoptScriptNotTheJarInTarget() {
    Cli.Result r = run("--dry-run", "--json");

    String entry = Fixtures.json(r.out()).get("entry").asText();
    assertThat(entry)
        .startsWith("0 3 * * * cd " + repository() + " && ./taskopt update-rankings --config ")
        .doesNotContain("target");
  }

  @Test
  void theCliAndTheShellScriptInstallTheSameEntry() throws Exception {
    assumeThat(Path.of("/bin/bash")).isExecutable();
    String schedule = "*/15 9-17 * jan-mar mon-fri";
    Process p =
        new ProcessBuilder(
                "/bin/bash",
                repository().resolve("scripts/setup-auto-rankings.sh").toString(),
                "--dry-run",
                "--schedule",
                schedule,
                "--config",
                config.toString())
            .start();
    String script;
    try (var in = p.getInputStream()) {
      script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }
    p.waitFor();

    Map<String, String> sameEnvironment = new java.util.HashMap<>();
    sameEnvironment.put("PATH", System.getenv("PATH"));
    if (System.getenv("JAVA_HOME") != null && !System.getenv("JAVA_HOME").isBlank()) {
      sameEnvironment.put("JAVA_HOME", System.getenv("JAVA_HOME"));
    }
    Cli.Result cli =
        Cli.run(
            sameEnvironment,
            "setup-auto-rankings",
            "--dry-run",
            "--json",
            "--schedule",
            schedule,
            "--config",
            config.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(script).as("the script's dry run").endsWith("# task-optimizer:auto-rankings");
    assertThat(Fixtures.json(cli.out()).get("entry").asText())
        .isEqualTo(script.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void scheduleFieldsOutOfRangeAreUsageErrors() {
    for (String bad :
        new String[] {
          "61 * * * *",
          "0 24 * * *",
          "0 3 0 * *",
          "0 3 * 13 *",
          "0 3 * * 8",
          "*/0 * * * *",
          "5,,6 * * * *",
          "9-3 * * * *",
          "0 3 * foo *"
        }) {
      Cli.Result r = run("--dry-run", "--schedule", bad);

      assertThat(r.exitCode()).as(bad + ": " + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(bad).contains("Invalid --schedule '" + bad + "'");
    }
    assertThat(run("--dry-run", "--schedule", "*/15 9-17 1,15 jan-mar mon-fri").exitCode())
        .isZero();
    assertThat(run("--dry-run", "--schedule", "59 23 31 12 7").exitCode()).isZero();
  }

  private static Path repository() {
    return Path.of("").toAbsolutePath().getParent();
  }

  @Test
  void dryRunPrintsTheEntryAsJsonWithoutTouchingTheCrontab() {
    Cli.Result r =
        run("--dry-run", "--json", "--schedule", "0 6 * * 1-5", "--ollama", "gpu-box:11434");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Fixtures.json(r.out());
    assertThat(json.get("action").asText()).isEqualTo("would install");
    assertThat(json.get("entry").asText())
        .startsWith("0 6 * * 1-5 ")
        .contains("--ollama http://gpu-box:11434");
    assertThat(table).doesNotExist();
  }

  @Test
  void aNewlineInTheConfigPathNeverReachesTheCrontab() throws IOException {
    Files.writeString(table, OTHER_ENTRY + "\n");
    Path evil = Files.createDirectories(dir.resolve("cfg\n* * * * * touch /tmp/pwned #"));
    Bundled.copyConfig(evil);

    Cli.Result r = Cli.run(env, "setup-auto-rankings", "--config", evil.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("--config value")
        .contains("U+000A")
        .contains("control character");
    assertThat(Files.readAllLines(table)).containsExactly(OTHER_ENTRY);
  }

  @Test
  void thePasswordOfTheOllamaUrlIsNotPrintedWithTheEntry() {
    Cli.Result r = run("--dry-run", "--ollama", "http://alex:s3cret@gpu-box:11434");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("--ollama http://***@gpu-box:11434").doesNotContain("s3cret");
  }

  @Test
  void invalidScheduleIsAUsageError() {
    Cli.Result r = run("--schedule", "every day");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("five crontab fields");
    assertThat(table).doesNotExist();
  }

  @Test
  void missingCrontabCommandSaysHowToScheduleItOtherwise() {
    Cli.Result r =
        Cli.run(
            Map.of("TASKOPT_CRONTAB", dir.resolve("no-such-crontab").toString()),
            "setup-auto-rankings",
            "--config",
            config.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("TASKOPT_CRONTAB")
        .contains("--dry-run");
  }
}
