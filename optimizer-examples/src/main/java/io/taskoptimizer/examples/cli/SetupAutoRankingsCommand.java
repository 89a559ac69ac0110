package io.taskoptimizer.examples.cli;

import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Installs (or removes) the crontab entry that runs {@code taskopt update-rankings} on a schedule
 * (original: {@code setup_auto_rankings.sh}). The crontab is edited in Java rather than by calling
 * {@code scripts/setup-auto-rankings.sh}, so that it works wherever the jar runs (no repository
 * needed) and can be tested; both recognise the entry by the same marker comment ({@value
 * #MARKER}), so either replaces the other's entry instead of adding a second one, and other entries
 * are kept as they are.
 *
 * <p>The entry must survive {@code mvn clean}, so it never runs {@code target/taskopt.jar}: run
 * from a repository checkout it runs the repository's {@code taskopt} script, exactly as the shell
 * script's entry does (same text for the same config directory, schedule and environment); run from
 * a jar elsewhere it installs a copy of the jar as {@code <config>/taskopt.jar} and runs that.
 */
@Command(
    name = "setup-auto-rankings",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Installs the cron entry that runs update-rankings daily.",
    description =
        "Installs a crontab entry that runs 'taskopt update-rankings' for the config directory on a schedule (daily by default). Idempotent: running it again replaces the entry; other crontab entries are kept. Uses this machine's absolute paths, never a hard-coded home directory.",
    footerHeading = "%nEnvironment:%n",
    footer = "  TASKOPT_CRONTAB   the crontab command to use (default: crontab)")
final class SetupAutoRankingsCommand implements Callable<Integer> {

  /** Ends the entry; the same marker as {@code scripts/setup-auto-rankings.sh}. */
  static final String MARKER = "# task-optimizer:auto-rankings";

  static final String DEFAULT_SCHEDULE = "0 3 * * *";

  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
  private static final List<String> SHORTCUTS =
      List.of(
          "@hourly",
          "@daily",
          "@midnight",
          "@weekly",
          "@monthly",
          "@yearly",
          "@annually",
          "@reboot");

  @ParentCommand private TaskoptCommand root;

  @Option(
      names = "--schedule",
      paramLabel = "CRON",
      defaultValue = DEFAULT_SCHEDULE,
      description =
          "When to run, in crontab syntax (default: '${DEFAULT-VALUE}', daily at 03:00; or @daily, @hourly, ...).")
  private String schedule;

  @Option(names = "--remove", description = "Remove the entry instead.")
  private boolean remove;

  @Option(names = "--dry-run", description = "Print the entry without touching the crontab.")
  private boolean dryRun;

  @Override
  public Integer call() {
    String when = validSchedule(schedule);
    // a newline (or any control character) in a path would end the cron line and start another
    // one: a crontab entry is refused before anything else happens
    cronSafe("--config", root.configDir().toString());
    Path config =
        (remove ? root.configDir() : Workspace.configDir(root, true)).toAbsolutePath().normalize();
    Launcher launcher = launcher(config);
    String entry = when + " " + command(launcher, config) + " " + MARKER;
    PrintWriter out = root.terminal().out();
    if (dryRun) {
      report(out, remove ? "would remove" : "would install", when, entry);
      return ExitCodes.OK;
    }
    Crontab crontab = new Crontab(root.terminal().getenv("TASKOPT_CRONTAB").orElse("crontab"));
    String current = crontab.read();
    List<String> lines = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    boolean found = false;
    boolean unchanged = false;
    for (String line : current.split("\\R", -1)) {
      if (line.contains(MARKER)) {
        unchanged = line.equals(entry);
        found = true;
        removed.add(line);
        if (!remove) {
          lines.add(entry);
        }
      } else {
        lines.add(line);
      }
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    String action;
    if (remove) {
      action = found ? "removed" : "nothing to remove";
    } else if (!found) {
      lines.add(entry);
      action = "installed";
    } else {
      action = unchanged ? "already installed" : "updated";
    }
    boolean change = remove ? found : !(found && unchanged);
    if (change && !remove) {
      launcher.install();
    }
    if (change) {
      crontab.write(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }
    // --remove reports the entry it took out (not the one it would install), or none
    report(
        out,
        action,
        when,
        remove ? (removed.isEmpty() ? null : String.join("\n", removed)) : entry);
    return ExitCodes.OK;
  }

  private void report(PrintWriter out, String action, String when, @Nullable String entry) {
    if (root.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", action);
      m.put("schedule", when);
      m.put("entry", entry == null ? null : OptimizerStores.redact(entry));
      Json.print(out, m);
      return;
    }
    out.println("Auto rankings: " + action + (remove ? "" : " (" + describe(when) + ")"));
    if (entry != null) {
      entry.lines().forEach(l -> out.println("  " + OptimizerStores.redact(l)));
    }
    if (!remove && !action.startsWith("would")) {
      out.println(
          "Check it with 'crontab -l'; remove it with 'taskopt setup-auto-rankings --remove'.");
    }
  }

  /**
   * Refuses a value with a control character (newline, carriage return, ...) for a crontab entry,
   * where it would end the line and add another one.
   *
   * @throws CliException (usage, exit 2) naming the option and the character
   */
  static String cronSafe(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw CliException.usage(
            "The "
                + what
                + " value '"
                + SafeWriter.clean(value)
                + "' contains a control"
                + " character ("
                + String.format("U+%04X", (int) c)
                + ") and cannot go into a crontab entry,"
                + " where it would end the line; use a path without newlines or control characters");
      }
    }
    return value;
  }

  /**
   * How cron starts taskopt: the repository's {@code taskopt} script when this runs from a
   * checkout, else a copy of this jar in the config directory (installed with the entry), else
   * (classes outside a checkout, as in an IDE) this JVM's class path.
   */
  private record Launcher(String command, @Nullable Path jarSource, @Nullable Path jarCopy) {
    void install() {
      // both are set (running from a jar) or both null
      if (jarSource == null || jarCopy == null) {
        return;
      }
      try {
        // the jar (a few megabytes) through memory, so that it is replaced atomically
        AtomicFiles.writeWithoutBackup(jarCopy, Files.readAllBytes(jarSource));
      } catch (IOException e) {
        throw CliException.runtime(
            "Cannot copy "
                + jarSource
                + " to "
                + jarCopy
                + " for the cron entry ("
                + e.getMessage()
                + "); check that the directory "
                + jarCopy.getParent()
                + " is writable",
            e);
      }
    }
  }

  private Launcher launcher(Path config) {
    StringBuilder env = new StringBuilder();
    // cron starts jobs with an almost empty environment: keep the Java and PATH of now
    root.terminal()
        .getenv("JAVA_HOME")
        .ifPresent(
            v -> env.append("JAVA_HOME=").append(shellQuote(cronSafe("JAVA_HOME", v))).append(' '));
    root.terminal()
        .getenv("PATH")
        .ifPresent(v -> env.append("PATH=").append(shellQuote(cronSafe("PATH", v))).append(' '));
    java.util.Optional<Path> code = codeSource();
    java.util.Optional<Path> repo = code.flatMap(SetupAutoRankingsCommand::repository);
    if (repo.isPresent()) {
      cronSafe("repository path", repo.get().toString());
      return new Launcher(
          "cd " + shellQuote(repo.get().toString()) + " && " + env + "./taskopt", null, null);
    }
    String java = cronSafe("java command", ProcessHandle.current().info().command().orElse("java"));
    if (code.isPresent()
        && code.get().toString().endsWith(".jar")
        && Files.isRegularFile(code.get())) {
      Path copy = config.resolve("taskopt.jar");
      cronSafe("jar path", copy.toString());
      return new Launcher(
          env + shellQuote(java) + " -jar " + shellQuote(copy.toString()), code.get(), copy);
    }
    cronSafe("class path", String.valueOf(System.getProperty("java.class.path")));
    return new Launcher(
        env
            + shellQuote(java)
            + " -cp "
            + shellQuote(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName(),
        null,
        null);
  }

  /** The command cron runs: update-rankings for the config directory, logging next to it. */
  private String command(Launcher launcher, Path config) {
    cronSafe("--config", config.toString());
    cronSafe("--ollama", root.ollamaUrl().toString());
    StringBuilder sb =
        new StringBuilder(launcher.command())
            .append(" update-rankings --config ")
            .append(shellQuote(config.toString()));
    String ollama = root.ollamaUrl().toString();
    if (!ollama.equals(Ollama.DEFAULT_URL)) {
      sb.append(" --ollama ").append(shellQuote(ollama));
    }
    sb.append(" >> ")
        .append(shellQuote(config.resolve("auto-rankings.log").toString()))
        .append(" 2>&1");
    return sb.toString();
  }

  /** Where this code runs from: the jar, or the classes directory. */
  private static java.util.Optional<Path> codeSource() {
    try {
      return java.util.Optional.of(
          Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException
        | SecurityException
        | NullPointerException
        | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The repository checkout this code was built in ({@code
   * <repo>/optimizer-examples/target/taskopt.jar} or {@code .../target/classes}), when its {@code
   * taskopt} script is there.
   */
  static java.util.Optional<Path> repository(Path codeSource) {
    Path target = codeSource.toAbsolutePath().normalize().getParent();
    if (target == null
        || !target.getFileName().toString().equals("target")
        || target.getParent() == null
        || target.getParent().getParent() == null) {
      return java.util.Optional.empty();
    }
    Path repo = target.getParent().getParent();
    return Files.isRegularFile(repo.resolve("taskopt"))
            && Files.isExecutable(repo.resolve("taskopt"))
            && Files.isRegularFile(repo.resolve("scripts/setup-auto-rankings.sh"))
        ? java.util.Optional.of(repo)
        : java.util.Optional.empty();
  }

  private static final String[] FIELD_NAMES = {
    "minute", "hour", "day-of-month", "month", "weekday"
  };
  private static final int[][] FIELD_RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> WEEKDAYS =
      List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  static String validSchedule(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    if (SHORTCUTS.contains(t.toLowerCase(Locale.ROOT))) {
      return t.toLowerCase(Locale.ROOT);
    }
    // t is stripped with single spaces, so no field is empty (unless t is)
    String[] fields = t.split(" ", -1);
    if (fields.length != 5) {
      throw CliException.usage(
          "Invalid --schedule '"
              + s
              + "': give five crontab fields (minute hour day month"
              + " weekday), e.g. '"
              + DEFAULT_SCHEDULE
              + "', or one of "
              + String.join(", ", SHORTCUTS));
    }
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (!FIELD.matcher(f).matches()) {
        throw CliException.usage(
            "Invalid --schedule '"
                + s
                + "': field '"
                + f
                + "' may only hold digits, names,"
                + " '*', '/', ',' and '-'");
      }
      List<String> names = i == 3 ? MONTHS : i == 4 ? WEEKDAYS : List.of();
      if (!fieldInRange(
          f.toLowerCase(Locale.ROOT),
          FIELD_RANGES[i][0],
          FIELD_RANGES[i][1],
          names,
          i == 3 ? 1 : 0)) {
        throw CliException.usage(
            "Invalid --schedule '"
                + s
                + "': the "
                + FIELD_NAMES[i]
                + " field '"
                + f
                + "' must be '*', a number from "
                + FIELD_RANGES[i][0]
                + " to "
                + FIELD_RANGES[i][1]
                + (names.isEmpty() ? "" : " or a name such as '" + names.get(0) + "'")
                + ", a range 'a-b', a list 'a,b' or a step '*/n'");
      }
    }
    return t;
  }

  /**
   * Whether one cron field (comma-separated items: {@code *}, {@code n} or {@code a-b}, each with
   * an optional {@code /step}) is within range.
   */
  private static boolean fieldInRange(
      String field, int lo, int hi, List<String> names, int firstName) {
    if (field.startsWith(",") || field.endsWith(",") || field.contains(",,")) {
      return false;
    }
    for (String item : field.split(",", -1)) { // no empty item: checked above
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        String step = item.substring(slash + 1);
        if (!step.matches("[0-9]{1,2}") || Integer.parseInt(step) < 1) {
          return false;
        }
      }
      if (range.equals("*")) {
        continue;
      }
      int dash = range.indexOf('-');
      int a = cronNumber(dash < 0 ? range : range.substring(0, dash), names, firstName);
      int b = dash < 0 ? a : cronNumber(range.substring(dash + 1), names, firstName);
      if (a < lo || b > hi || a > b) {
        return false;
      }
    }
    return true;
  }

  /** A field value: digits, or a month/weekday name; -1 when it is neither. */
  private static int cronNumber(String v, List<String> names, int firstName) {
    if (v.matches("[0-9]{1,2}")) {
      return Integer.parseInt(v);
    }
    int i = names.indexOf(v);
    return i < 0 ? -1 : i + firstName;
  }

  private static String describe(String when) {
    if (when.equals(DEFAULT_SCHEDULE)) {
      return "daily at 03:00";
    }
    return when.startsWith("@") ? when.substring(1) : "cron schedule '" + when + "'";
  }

  /**
   * Quotes a word for the shell cron runs the line with (single quotes when it holds anything but
   * safe characters), and escapes {@code %}, which cron would turn into a newline.
   */
  static String shellQuote(String s) {
    String q = s.matches("[A-Za-z0-9_./:@+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    return q.replace("%", "\\%");
  }

  /** The user's crontab, through the {@code crontab} command. */
  static final class Crontab {
    private final String command;

    Crontab(String command) {
      this.command = command;
    }

    /** The current crontab; empty when the user has none. */
    String read() {
      Result r = run(List.of(command, "-l"), null);
      if (r.exit != 0) {
        if (r.err.toLowerCase(Locale.ROOT).contains("no crontab")) {
          return "";
        }
        throw CliException.runtime(
            "'" + command + " -l' failed (exit " + r.exit + "): " + ErrorHandler.oneLine(r.err));
      }
      return r.out;
    }

    /** Replaces the crontab. */
    void write(String content) {
      Result r = run(List.of(command, "-"), content);
      if (r.exit != 0) {
        throw CliException.runtime(
            "'"
                + command
                + " -' failed (exit "
                + r.exit
                + "): "
                + ErrorHandler.oneLine(r.err)
                + "; your crontab was not changed");
      }
    }

    private record Result(int exit, String out, String err) {}

    private Result run(List<String> cmd, @Nullable String stdin) {
      Process p;
      try {
        p = new ProcessBuilder(cmd).start();
      } catch (IOException e) {
        throw CliException.runtime(
            "Cannot run '"
                + command
                + "' ("
                + e.getMessage()
                + "). Install cron, set"
                + " TASKOPT_CRONTAB to your crontab command, or schedule 'taskopt update-rankings' with your own"
                + " scheduler (see --dry-run for the line)",
            e);
      }
      try {
        try (OutputStream in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        String out = read(p.getInputStream());
        String err = read(p.getErrorStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw CliException.runtime("'" + String.join(" ", cmd) + "' did not finish within 30 s");
        }
        return new Result(p.exitValue(), out, err);
      } catch (IOException e) {
        throw CliException.runtime("Talking to '" + command + "' failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw CliException.runtime("Interrupted while running '" + command + "'", e);
      }
    }

    private static String read(InputStream in) throws IOException {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
