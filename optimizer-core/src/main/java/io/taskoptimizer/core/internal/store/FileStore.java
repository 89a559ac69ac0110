package io.taskoptimizer.core.internal.store;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import io.taskoptimizer.spi.StoredRankings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The default {@link OptimizerStore}: the files of a config directory, exactly as before the store
 * SPI existed. Every method delegates to the existing file classes ({@link RankingsFile}, {@link
 * FeedbackFile}, {@link AtomicFiles}, {@link FileLocks}), so formats, locks and atomic writes are
 * unchanged. State documents are files of the same name in the directory; the ranking lock is the
 * lock file of {@code model_discovery.json}, as the ranking updater always used.
 */
public final class FileStore implements OptimizerStore {

  /** Names of state documents: plain file names, so a name can never choose another directory. */
  private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z][a-z0-9_]*\\.json");

  /** The ranking updater's lock (the lock file of its state file, {@code model_discovery.json}). */
  private static final String RANKING_LOCK = ".model_discovery.json.lock";

  private final Path directory;
  private final RankingsFile rankings;
  private final FeedbackFile feedback;

  /**
   * The store of a directory.
   *
   * @param directory the config directory, which must exist
   */
  public FileStore(Path directory) {
    this.directory = directory;
    this.rankings = new RankingsFile(directory);
    this.feedback = new FeedbackFile(directory);
  }

  /** {@return the config directory} */
  public Path directory() {
    return directory;
  }

  @Override
  public String location() {
    return directory.toString();
  }

  @Override
  public StoredRankings loadRankings() {
    return convert(rankings.load());
  }

  @Override
  public StoredRankings replaceRankings(Map<TaskType, List<RankedModel>> replacement) {
    return convert(rankings.replace(replacement));
  }

  @Override
  public Optional<String> rankingsVersion() {
    return rankings.stamp().map(String::valueOf);
  }

  @Override
  public Map<String, Map<String, StoredFeedback>> loadFeedback() {
    return feedback.load();
  }

  @Override
  public Map<String, Map<String, StoredFeedback>> addFeedback(
      Map<String, Map<String, FeedbackDelta>> deltas, int maxRatings) {
    Map<String, Map<String, FeedbackFile.Delta>> converted = new LinkedHashMap<>();
    deltas.forEach(
        (task, models) -> {
          Map<String, FeedbackFile.Delta> m = new LinkedHashMap<>();
          models.forEach(
              (model, d) ->
                  m.put(
                      model,
                      new FeedbackFile.Delta(
                          d.executions(), d.successes(), d.failures(), d.nanos(), d.newRatings())));
          converted.put(task, m);
        });
    return feedback.mergeAndWrite(converted, maxRatings);
  }

  /** Sets the given entries to exactly these values ({@link FeedbackFile#replace}). */
  @Override
  public void replaceFeedback(Map<String, Map<String, StoredFeedback>> entries) {
    feedback.replace(entries);
  }

  @Override
  public Optional<String> readDocument(String name) {
    return AtomicFiles.readConfig(document(name)).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public void writeDocument(String name, String content) {
    Path file = document(name);
    try {
      AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigFileException(
          file,
          "cannot write it: "
              + e
              + ". Check that the config directory is writable and has free space.",
          e);
    }
  }

  @Override
  public String updateDocument(String name, Function<Optional<String>, String> merge) {
    Path file = document(name);
    try {
      return FileLocks.withExclusiveLock(
          directory.resolve("." + name + ".lock"),
          () -> {
            AtomicFiles.deleteStaleTemporaries(file);
            String merged = merge.apply(readDocument(name));
            AtomicFiles.write(file, merged.getBytes(StandardCharsets.UTF_8));
            return merged;
          });
    } catch (IOException e) {
      throw new ConfigFileException(
          file,
          "cannot write it: "
              + e
              + ". Check that the config directory is writable and has free space.",
          e);
    }
  }

  @Override
  public <T> T inRankingTransaction(Supplier<T> action) {
    Path lockFile = directory.resolve(RANKING_LOCK);
    try {
      return FileLocks.withExclusiveLock(lockFile, action::get);
    } catch (IOException e) {
      throw new ConfigFileException(
          directory.resolve("model_discovery.json"), "cannot lock " + lockFile + ": " + e, e);
    }
  }

  @Override
  public void close() {
    // nothing held between calls
  }

  private Path document(String name) {
    if (!DOCUMENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "state document names are plain lowercase file names such as"
              + " model_discovery.json, got '"
              + name
              + "'");
    }
    return directory.resolve(name);
  }

  private static StoredRankings convert(RankingsFile.Loaded loaded) {
    return new StoredRankings(
        loaded.rankings(), loaded.ignoredKeys(), loaded.stamp().map(String::valueOf));
  }
}
