package io.taskoptimizer.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code taskopt} root command: global options and the list of commands. */
@Command(
    name = "taskopt",
    mixinStandardHelpOptions = true,
    versionProvider = TaskoptCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Picks the best local LLM (served by Ollama) for each task of a job-application pipeline, runs it,"
        + " measures it and learns from it. Try 'taskopt demo' first: it needs no Ollama.",
    subcommands = {
        InitCommand.class,
        RankingsCommand.class,
        BestModelCommand.class,
        SelfAssessmentCommand.class,
        BenchmarkCommand.class,
        ExtractCommand.class,
        UpdateRankingsCommand.class,
        SetupAutoRankingsCommand.class,
        DemoCommand.class},
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:runtime failure (a model call failed, no ranked model available, unexpected error)",
        "2:usage error (unknown command, option, task or model)",
        "3:Ollama not reachable at the configured URL",
        "4:configuration error (config directory or file missing or malformed)",
        "5:input error (unknown job id, broken posting, unreadable profile)"},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  OLLAMA_HOST  the Ollama server when --ollama is not given",
        "  COLUMNS      the terminal width output is fitted to (default 80 on a terminal)",
        "  NO_COLOR     any value turns colours off",
        "  JAVA_OPTS    extra JVM options for the taskopt script, e.g.",
        "               -Dorg.slf4j.simpleLogger.defaultLogLevel=debug"})
final class TaskoptCommand implements Callable<Integer> {

  static final Path DEFAULT_CONFIG = Path.of("config");

  private final Terminal terminal;

  @Option(names = "--config", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Config directory holding model_rankings.json and"
          + " model_performance_feedback.json (default: config/).")
  private Path config;

  @Option(names = "--ollama", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Ollama server, as a URL or host:port (default: $OLLAMA_HOST, else 127.0.0.1:11434).")
  private String ollama;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON on stdout instead of tables.")
  private boolean json;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Show library logs, and stack traces on errors.")
  private boolean verbose;

  TaskoptCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    throw CliException.usage("Missing command: run 'taskopt --help' for the list, or 'taskopt demo' to see"
        + " everything work without Ollama");
  }

  Terminal terminal() {
    return terminal;
  }

  /** The config directory, as given or the default {@code config/}. */
  Path configDir() {
    return config != null ? config : DEFAULT_CONFIG;
  }

  /** Whether {@code --config} was given. */
  boolean configGiven() {
    return config != null;
  }

  /** The Ollama URL: {@code --ollama}, else {@code OLLAMA_HOST}, else the default. */
  URI ollamaUrl() {
    if (ollama != null) {
      return Ollama.parse(ollama);
    }
    Optional<String> env = terminal.getenv("OLLAMA_HOST");
    return Ollama.parse(env.orElse(Ollama.DEFAULT_URL));
  }

  boolean json() {
    return json;
  }

  boolean verbose() {
    return verbose;
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TaskoptCommand.class.getPackage().getImplementationVersion();
      return new String[] {"taskopt " + (v == null ? "(development build)" : v),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
