package io.taskoptimizer.examples.cli;

import io.taskoptimizer.ollama.OllamaHostSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/** The {@code taskopt} root command: global options and the list of commands. */
@Command(
    name = "taskopt",
    mixinStandardHelpOptions = true,
    versionProvider = TaskoptCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Picks the best local LLM (served by Ollama) for each task of a job-application pipeline, runs it,"
            + " measures it and learns from it. Try 'taskopt demo' first: it needs no Ollama.",
    subcommands = {
      InitCommand.class,
      RankingsCommand.class,
      BestModelCommand.class,
      SelfAssessmentCommand.class,
      BenchmarkCommand.class,
      CompareCommand.class,
      ExtractCommand.class,
      UpdateRankingsCommand.class,
      SetupAutoRankingsCommand.class,
      DemoCommand.class,
      HostsCommand.class,
      StoreCommand.class
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime failure (a model call failed, no ranked model available, unexpected error)",
      "2:usage error (unknown command, option, task or model)",
      "3:Ollama not reachable at the configured URL",
      "4:configuration error (config directory or file missing or malformed)",
      "5:input error (unknown job id, broken posting, unreadable profile)",
      "6:the answer was produced, but its feedback could not be saved"
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  OLLAMA_HOST     the Ollama server when --ollama is not given",
      "  OLLAMA_HOSTS    several Ollama servers (comma-separated,",
      "                  [name=]URL[;weight=N][;parallel=N]) when --ollama is not",
      "                  given; takes precedence over OLLAMA_HOST",
      "  OLLAMA_API_KEY  sent as a Bearer token, for ollama.com or an authenticating proxy",
      "  TASKOPT_STORE   the shared store when --store is not given",
      "  COLUMNS         the terminal width output is fitted to (default 80 on a terminal)",
      "  NO_COLOR        any value turns colours off",
      "  JAVA_OPTS       extra JVM options for the taskopt script, e.g.",
      "                  -Dorg.slf4j.simpleLogger.defaultLogLevel=debug"
    })
final class TaskoptCommand implements Callable<Integer> {

  static final Path DEFAULT_CONFIG = Path.of("config");

  private final Terminal terminal;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Config directory holding model_rankings.json and"
              + " model_performance_feedback.json (default: config/).")
  @Nullable
  private Path config;

  @Option(
      names = "--ollama",
      paramLabel = "URL[,URL...]",
      scope = ScopeType.INHERIT,
      split = ",",
      description =
          "Ollama server, as a URL or host:port (default: $OLLAMA_HOSTS, else $OLLAMA_HOST, else"
              + " 127.0.0.1:11434). Several servers: separate them with commas or repeat the option; each may be"
              + " written name=URL;weight=N;parallel=N, and calls are routed over them (see 'taskopt hosts').")
  @Nullable
  private List<String> ollama;

  @Option(
      names = "--store",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "Keep rankings and feedback in a shared database instead of the config directory, e.g."
              + " jdbc:postgresql://host:5432/db?user=u&password=p (default: $TASKOPT_STORE, else the config directory).")
  @Nullable
  private String store;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description =
          "Longest time one model call may take, e.g. 90s, 5m, 1h or PT90S (default: 5m)."
              + " Applies to every command that calls a model.")
  @Nullable
  private Duration timeout;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON on stdout instead of tables.")
  private boolean json;

  @Option(
      names = "--judge",
      paramLabel = "TASK",
      split = ",",
      scope = ScopeType.INHERIT,
      description =
          "Let a judge model grade every output of these tasks"
              + " (one extra call each) and feed the grade to selection.")
  private List<String> judge = List.of();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show library logs, and stack traces on errors.")
  private boolean verbose;

  TaskoptCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    throw CliException.usage(
        "Missing command: run 'taskopt --help' for the list, or 'taskopt demo' to see"
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
    if (ollama != null && ollama.size() == 1 && !OllamaHosts.hasOptions(ollama.get(0))) {
      return OllamaHosts.address("--ollama", ollama.get(0));
    }
    if (ollama != null || terminal.getenv("OLLAMA_HOSTS").isPresent()) {
      return OllamaHosts.shown(ollamaHosts().get(0));
    }
    // like Ollama: an empty OLLAMA_HOST means the default
    Optional<String> env = terminal.getenv("OLLAMA_HOST").filter(v -> !v.isBlank());
    return OllamaHosts.address("OLLAMA_HOST", env.orElse(Ollama.DEFAULT_URL));
  }

  /**
   * The store URL: {@code --store}, else {@code TASKOPT_STORE}, else none (the config directory).
   */
  Optional<String> storeUrl() {
    if (store != null && !store.isBlank()) {
      return Optional.of(store);
    }
    return terminal.getenv("TASKOPT_STORE").filter(s -> !s.isBlank());
  }

  /** The default of {@code --timeout}: one model call may take at most 5 minutes. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** The longest time one model call may take: {@code --timeout}, else {@link #DEFAULT_TIMEOUT}. */
  Duration timeout() {
    return timeout != null ? timeout : DEFAULT_TIMEOUT;
  }

  /** The API key for Ollama ({@code OLLAMA_API_KEY}), sent as a Bearer token; never printed. */
  Optional<String> apiKey() {
    return terminal.getenv("OLLAMA_API_KEY");
  }

  /**
   * The Ollama servers: {@code --ollama} (comma-separated or repeated), else {@code OLLAMA_HOSTS},
   * else the one server of {@link #ollamaUrl()}.
   */
  List<OllamaHostSpec> ollamaHosts() {
    if (ollama != null) {
      return OllamaHosts.parse("--ollama", ollama);
    }
    Optional<String> env = terminal.getenv("OLLAMA_HOSTS");
    if (env.isPresent() && !env.get().isBlank()) {
      return OllamaHosts.parse("OLLAMA_HOSTS", List.of(env.get().split(",", -1)));
    }
    return List.of(OllamaHostSpec.of(ollamaUrl()));
  }

  /** The task ids given with {@code --judge}. */
  List<String> judgeTasks() {
    return judge;
  }

  boolean json() {
    return json;
  }

  boolean verbose() {
    return verbose;
  }

  /**
   * Parses {@code --timeout}: a number with a unit ({@code 500ms}, {@code 90s}, {@code 5m}, {@code
   * 1h}) or an ISO-8601 duration ({@code PT90S}); positive.
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Duration d = parse(value);
      if (d == null) {
        throw new TypeConversionException(
            "'"
                + SafeWriter.clean(value)
                + "' is not a duration; give one like 90s,"
                + " 5m, 1h, 500ms or PT90S");
      }
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException(
            "the duration must be positive, got '" + SafeWriter.clean(value) + "'");
      }
      return d;
    }

    private static @Nullable Duration parse(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Matcher m = SIMPLE.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TaskoptCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "taskopt " + (v == null ? "(development build)" : v),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
