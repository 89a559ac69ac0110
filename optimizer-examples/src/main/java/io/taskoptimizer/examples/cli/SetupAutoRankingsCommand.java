package io.taskoptimizer.examples.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Installs (or removes) the crontab entry that runs {@code taskopt update-rankings} on a schedule
 * (original: {@code setup_auto_rankings.sh}). The crontab is edited in Java rather than by calling
 * {@code scripts/setup-auto-rankings.sh}, so that it works wherever the jar runs (no repository
 * needed) and can be tested; both recognise the entry by the same marker comment
 * ({@value #MARKER}), so either replaces the other's entry instead of adding a second one, and
 * other entries are kept as they are.
 */
@Command(
    name = "setup-auto-rankings",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Installs the cron entry that runs update-rankings daily.",
    description = "Installs a crontab entry that runs 'taskopt update-rankings' for the config directory on a schedule (daily by default). Idempotent: running it again replaces the entry; other crontab entries are kept. Uses this machine's absolute paths, never a hard-coded home directory.",
    footerHeading = "%nEnvironment:%n",
    footer = "  TASKOPT_CRONTAB   the crontab command to use (default: crontab)")
final class SetupAutoRankingsCommand implements Callable<Integer> {

  /** Ends the entry; the same marker as {@code scripts/setup-auto-rankings.sh}. */
  static final String MARKER = "# task-optimizer:auto-rankings";
  static final String DEFAULT_SCHEDULE = "0 3 * * *";

  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
  private static final List<String> SHORTCUTS = List.of("@hourly", "@daily", "@midnight", "@weekly", "@monthly",
      "@yearly", "@annually", "@reboot");

  @ParentCommand
  private TaskoptCommand root;

  @Option(names = "--schedule", paramLabel = "CRON", defaultValue = DEFAULT_SCHEDULE,
      description = "When to run, in crontab syntax (default: '${DEFAULT-VALUE}', daily at 03:00; or @daily, @hourly, ...).")
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
    Path config = (remove ? root.configDir() : Workspace.configDir(root, true)).toAbsolutePath().normalize();
    String entry = when + " " + command(config) + " " + MARKER;
    PrintWriter out = root.terminal().out();
    if (dryRun) {
      report(out, remove ? "would remove" : "would install", when, entry);
      return ExitCodes.OK;
    }
    Crontab crontab = new Crontab(root.terminal().getenv("TASKOPT_CRONTAB").orElse("crontab"));
    String current = crontab.read();
    List<String> lines = new ArrayList<>();
    boolean found = false;
    boolean unchanged = false;
    for (String line : current.split("\\R", -1)) {
      if (line.contains(MARKER)) {
        unchanged = line.equals(entry);
        found = true;
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
    if (change) {
      crontab.write(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }
    report(out, action, when, entry);
    return ExitCodes.OK;
  }

  private void report(PrintWriter out, String action, String when, String entry) {
    if (root.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", action);
      m.put("schedule", when);
      m.put("entry", Ollama.redact(entry));
      Json.print(out, m);
      return;
    }
    out.println("Auto rankings: " + action + (remove ? "" : " (" + describe(when) + ")"));
    out.println("  " + Ollama.redact(entry));
    if (!remove && !action.startsWith("would")) {
      out.println("Check it with 'crontab -l'; remove it with 'taskopt setup-auto-rankings --remove'.");
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
        throw CliException.usage("The " + what + " value '" + SafeWriter.clean(value) + "' contains a control"
            + " character (" + String.format("U+%04X", (int) c) + ") and cannot go into a crontab entry,"
            + " where it would end the line; use a path without newlines or control characters");
      }
    }
    return value;
  }

  /** The command cron runs: this jar's update-rankings for the config directory, logging next to it. */
  private String command(Path config) {
    String java = cronSafe("java command", ProcessHandle.current().info().command().orElse("java"));
    jar().ifPresent(j -> cronSafe("jar path", j.toString()));
    cronSafe("class path", String.valueOf(System.getProperty("java.class.path")));
    cronSafe("--config", config.toString());
    cronSafe("--ollama", root.ollamaUrl().toString());
    String launcher = jar().map(j -> shellQuote(java) + " -jar " + shellQuote(j.toString()))
        .orElse(shellQuote(java) + " -cp " + shellQuote(System.getProperty("java.class.path"))
            + " " + Main.class.getName());
    StringBuilder sb = new StringBuilder(launcher).append(" update-rankings --config ").append(shellQuote(config.toString()));
    String ollama = root.ollamaUrl().toString();
    if (!ollama.equals(Ollama.DEFAULT_URL)) {
      sb.append(" --ollama ").append(shellQuote(ollama));
    }
    sb.append(" >> ").append(shellQuote(config.resolve("auto-rankings.log").toString())).append(" 2>&1");
    return sb.toString();
  }

  private static java.util.Optional<Path> jar() {
    try {
      Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") && Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }

  static String validSchedule(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    if (SHORTCUTS.contains(t.toLowerCase(Locale.ROOT))) {
      return t.toLowerCase(Locale.ROOT);
    }
    String[] fields = t.split(" ");
    if (fields.length != 5) {
      throw CliException.usage("Invalid --schedule '" + s + "': give five crontab fields (minute hour day month"
          + " weekday), e.g. '" + DEFAULT_SCHEDULE + "', or one of " + String.join(", ", SHORTCUTS));
    }
    for (String f : fields) {
      if (!FIELD.matcher(f).matches()) {
        throw CliException.usage("Invalid --schedule '" + s + "': field '" + f + "' may only hold digits, names,"
            + " '*', '/', ',' and '-'");
      }
    }
    return t;
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
        throw CliException.runtime("'" + command + " -l' failed (exit " + r.exit + "): " + ErrorHandler.oneLine(r.err));
      }
      return r.out;
    }

    /** Replaces the crontab. */
    void write(String content) {
      Result r = run(List.of(command, "-"), content);
      if (r.exit != 0) {
        throw CliException.runtime("'" + command + " -' failed (exit " + r.exit + "): " + ErrorHandler.oneLine(r.err)
            + "; your crontab was not changed");
      }
    }

    private record Result(int exit, String out, String err) {}

    private Result run(List<String> cmd, String stdin) {
      Process p;
      try {
        p = new ProcessBuilder(cmd).start();
      } catch (IOException e) {
        throw CliException.runtime("Cannot run '" + command + "' (" + e.getMessage() + "). Install cron, set"
            + " TASKOPT_CRONTAB to your crontab command, or schedule 'taskopt update-rankings' with your own"
            + " scheduler (see --dry-run for the line)", e);
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
