package io.taskoptimizer.examples.cli;

import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.judge.Judge;
import io.taskoptimizer.ollama.OllamaHostSpec;
import io.taskoptimizer.ollama.OllamaProvider;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.OptimizerStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One command's view of the world: the config directory, the Ollama provider at the configured URL,
 * and a {@link TaskOptimizer} over both. Closing it flushes feedback and releases the provider.
 */
final class Workspace implements AutoCloseable {

  static final String RANKINGS_FILE = "model_rankings.json";

  private final TaskoptCommand root;
  private final URI ollamaUrl;
  private final ModelProvider provider;
  private final TaskOptimizer optimizer;
  private @Nullable Judge judge;
  private final @Nullable OptimizerStore store;

  private Workspace(
      TaskoptCommand root,
      URI ollamaUrl,
      ModelProvider provider,
      TaskOptimizer optimizer,
      @Nullable OptimizerStore store) {
    this.store = store;
    this.root = root;
    this.ollamaUrl = ollamaUrl;
    this.provider = provider;
    this.optimizer = optimizer;
  }

  /**
   * The judge of this command. With {@code --judge TASKS} it grades every output of those tasks
   * synchronously (the process ends after the command, so background judging would be lost).
   */
  Judge judge() {
    if (judge == null) {
      judge =
          Judge.builder(optimizer)
              .tasks(tasks(root.judgeTasks()))
              .sampleRate(1)
              .executor(Runnable::run)
              .build();
    }
    return judge;
  }

  /**
   * Opens the workspace of the root command's options.
   *
   * @param requireRankings whether {@code model_rankings.json} must exist already (commands that
   *     only read rankings need it; the benchmark and updater create it)
   */
  static Workspace open(TaskoptCommand root, boolean requireRankings) {
    Optional<String> storeUrl = root.storeUrl();
    Path dir = storeUrl.isPresent() ? root.configDir() : configDir(root, requireRankings);
    OptimizerStore store = storeUrl.map(Stores::open).orElse(null);
    URI url = root.ollamaUrl();
    List<OllamaHostSpec> hosts = root.ollamaHosts();
    // a CLI should not hang on an unreachable host: fail the availability check within seconds
    java.util.function.Consumer<OllamaProvider.Builder> settings = providerSettings(root);
    ModelProvider provider;
    if (hosts.size() > 1) {
      provider = OllamaHosts.cluster(hosts, settings);
    } else {
      OllamaProvider.Builder builder = OllamaProvider.builder().baseUrl(url);
      settings.accept(builder);
      provider = builder.build();
    }
    Workspace ws;
    try {
      TaskOptimizer.Builder b =
          TaskOptimizer.builder()
              .configDirectory(dir)
              .addProvider(provider)
              .autoDetectProviders(false);
      if (store != null) {
        b.store(store);
      }
      TaskOptimizer optimizer = b.build();
      if (store != null && requireRankings && optimizer.rankings().isEmpty()) {
        optimizer.close();
        throw CliException.config(
            "The store "
                + store.location()
                + " has no rankings yet. Load them with"
                + " 'taskopt store import DIR' (DIR holding model_rankings.json), or run 'taskopt benchmark'.");
      }
      ws = new Workspace(root, url, provider, optimizer, store);
    } catch (RuntimeException e) {
      provider.close();
      if (store != null) {
        store.close();
      }
      throw e;
    }
    if (!root.judgeTasks().isEmpty()) {
      try {
        ws.judge();
      } catch (RuntimeException e) {
        ws.close();
        throw e;
      }
    }
    return ws;
  }

  /**
   * The CLI's settings of every Ollama provider it builds: an unreachable host fails the
   * availability check within seconds, and no model call may run forever (--timeout bounds each
   * call as a whole, and the wait for the first token, whose own default would otherwise cut a
   * longer --timeout short); OLLAMA_API_KEY as a Bearer token.
   */
  static java.util.function.Consumer<OllamaProvider.Builder> providerSettings(TaskoptCommand root) {
    return b -> {
      b.connectTimeout(Duration.ofSeconds(5))
          .metadataTimeout(Duration.ofSeconds(15))
          .timeout(root.timeout())
          .firstByteTimeout(root.timeout());
      root.apiKey().ifPresent(key -> b.header("Authorization", "Bearer " + key));
    };
  }

  /** Checks the config directory exists (and holds the rankings file when required). */
  static Path configDir(TaskoptCommand root, boolean requireRankings) {
    Path dir = root.configDir();
    String hint =
        root.configGiven()
            ? "Check the --config path, or run 'taskopt init' to create a config directory with the example rankings."
            : "Run 'taskopt init' to create config/ with the example rankings, or pass --config DIR.";
    if (!Files.isDirectory(dir)) {
      throw CliException.config(
          "No config directory at " + dir.toAbsolutePath().normalize() + ". " + hint);
    }
    if (requireRankings && !Files.isRegularFile(dir.resolve(RANKINGS_FILE))) {
      throw CliException.config(
          "No " + RANKINGS_FILE + " in " + dir.toAbsolutePath().normalize() + ". " + hint);
    }
    return dir;
  }

  TaskOptimizer optimizer() {
    return optimizer;
  }

  /** The provider: an {@code OllamaProvider}, or an {@code OllamaCluster} for several hosts. */
  ModelProvider provider() {
    return provider;
  }

  /** The Ollama URL for messages: without any user name or password. */
  String ollamaUrl() {
    return Ollama.display(ollamaUrl);
  }

  /**
   * Asks Ollama for its models now. Returns whether it answered; commands that can work from the
   * rankings file alone go on either way.
   */
  boolean checkAvailability() {
    try {
      optimizer.refreshAvailability();
    } catch (TaskOptimizerException e) {
      return false;
    }
    return optimizer.availabilityKnown();
  }

  /** Fails with exit code 3 and the standard message unless Ollama answers. */
  void requireOllama() {
    if (!checkAvailability()) {
      throw new CliException(
          ExitCodes.OLLAMA_UNREACHABLE, Ollama.unreachableMessage(ollamaUrl(), null));
    }
  }

  /** Whether the model is served now, or empty when availability is unknown. */
  Optional<Boolean> available(String model) {
    if (!optimizer.availabilityKnown()) {
      return Optional.empty();
    }
    for (ModelDescriptor d : optimizer.availableModels()) {
      if (ModelNames.sameModel(d.name(), model)) {
        return Optional.of(true);
      }
    }
    return Optional.of(false);
  }

  /**
   * Resolves a task id given on the command line: a predefined task, or one that has rankings.
   *
   * @throws CliException (usage) for a malformed or unknown id, listing the known ones
   */
  TaskType task(String id) {
    TaskType task;
    try {
      task = TaskType.of(id);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          e.getMessage() + didYouMean(id) + ". Known tasks: " + String.join(", ", knownTasks()));
    }
    if (!task.isPredefined() && !optimizer.rankings().containsKey(task)) {
      throw CliException.usage(
          "Unknown task '"
              + id
              + "'"
              + didYouMean(id)
              + ". Known tasks: "
              + String.join(", ", knownTasks()));
    }
    return task;
  }

  /** A suggestion for a task id typed in another case or with dashes, e.g. SELF-ASSESSMENT. */
  private String didYouMean(String id) {
    String folded =
        id.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (String known : knownTasks()) {
      if (known.equals(folded) || known.replace('-', '_').equals(folded)) {
        return "; did you mean '" + known + "'?";
      }
    }
    return "";
  }

  /** The predefined task ids and any other task ids of the rankings file. */
  Set<String> knownTasks() {
    Set<String> ids = new TreeSet<>();
    for (TaskType t : TaskType.predefined()) {
      ids.add(t.id());
    }
    for (TaskType t : optimizer.rankings().keySet()) {
      ids.add(t.id());
    }
    return ids;
  }

  /** Resolves a comma-separated task list. */
  List<TaskType> tasks(List<String> ids) {
    return ids.stream().map(this::task).toList();
  }

  @Override
  public void close() {
    try {
      if (judge != null) {
        judge.close();
      }
      optimizer.close();
    } finally {
      provider.close();
      if (store != null) {
        store.close();
      }
    }
  }

  TaskoptCommand root() {
    return root;
  }
}
