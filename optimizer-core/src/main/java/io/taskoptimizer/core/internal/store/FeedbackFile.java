package io.taskoptimizer.core.internal.store;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.json.JsonArray;
import io.taskoptimizer.core.internal.json.JsonNumber;
import io.taskoptimizer.core.internal.json.JsonObject;
import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.json.JsonValue;
import io.taskoptimizer.core.internal.json.PyJsonWriter;
import io.taskoptimizer.spi.StoredFeedback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code model_performance_feedback.json}: {@code {task_id: {model: {"executions", "successes",
 * "failures", "total_time", "quality_ratings", "average_time"}}}}.
 *
 * <p>{@link #mergeAndWrite} is the multi-writer protocol: under an exclusive lock (JVM-wide and OS
 * file lock on {@code .model_performance_feedback.json.lock}) it re-reads the file, adds the
 * caller's deltas (events recorded since its last successful flush), and replaces the file
 * atomically. Two optimizers in two JVMs sharing a directory therefore never lose each other's
 * events. A file that does not parse or validate is never overwritten.
 */
public final class FeedbackFile {

  /** The file name, as the original system used it. */
  public static final String NAME = "model_performance_feedback.json";

  private final Path file;
  private final Path lockFile;

  /**
   * Feedback recorded since the last flush for one task and model.
   *
   * @param executions calls
   * @param successes successful calls
   * @param failures failed calls
   * @param nanos summed duration in nanoseconds
   * @param newRatings new quality ratings, oldest first (already capped)
   */
  public record Delta(
      long executions, long successes, long failures, long nanos, List<Double> newRatings) {

    /**
     * Copies.
     *
     * @param executions calls
     * @param successes successful calls
     * @param failures failed calls
     * @param nanos summed duration in nanoseconds
     * @param newRatings new quality ratings, oldest first (already capped; copied)
     */
    public Delta {
      newRatings = List.copyOf(newRatings);
    }

    /** {@return whether nothing was recorded} */
    public boolean isEmpty() {
      return executions == 0
          && successes == 0
          && failures == 0
          && nanos == 0
          && newRatings.isEmpty();
    }
  }

  /**
   * The feedback file in {@code directory}.
   *
   * @param directory the config directory holding the file and its lock file
   */
  public FeedbackFile(Path directory) {
    this.file = directory.resolve(NAME);
    this.lockFile = directory.resolve("." + NAME + ".lock");
  }

  /** {@return the file's path} */
  public Path path() {
    return file;
  }

  /**
   * Reads and validates the file: task key, then model key, both as in the file and in file order.
   * Keys that are not valid task ids are kept in the file but not returned. A missing file means no
   * feedback.
   *
   * @return the feedback by task id, then by model name; empty if the file does not exist
   * @throws ConfigFileException if the file cannot be read, parsed or validated
   */
  public Map<String, Map<String, StoredFeedback>> load() {
    return validate(readRoot());
  }

  /**
   * Adds {@code deltas} (task id, then model name) to the file on disk, under the lock.
   *
   * @param deltas the feedback to add, by task id, then by model name; empty deltas are skipped
   * @param maxRatings how many quality ratings each entry keeps at most (the newest)
   * @return the file's content as written, validated like {@link #load()}
   * @throws ConfigFileException if the file is broken (left untouched) or cannot be written
   */
  public Map<String, Map<String, StoredFeedback>> mergeAndWrite(
      Map<String, Map<String, Delta>> deltas, int maxRatings) {
    try {
      return FileLocks.withExclusiveLock(
          lockFile,
          () -> {
            AtomicFiles.deleteStaleTemporaries(file);
            JsonObject root = readRoot();
            validate(root); // never build on a broken document
            for (Map.Entry<String, Map<String, Delta>> t : deltas.entrySet()) {
              JsonObject task = (JsonObject) root.get(t.getKey()).orElse(null);
              if (task == null) {
                task = new JsonObject();
                root.put(t.getKey(), task);
              }
              for (Map.Entry<String, Delta> m : t.getValue().entrySet()) {
                if (!m.getValue().isEmpty()) {
                  merge(task, m.getKey(), m.getValue(), maxRatings);
                }
              }
            }
            Map<String, Map<String, StoredFeedback>> written = validate(root);
            AtomicFiles.write(file, PyJsonWriter.write(root).getBytes(StandardCharsets.US_ASCII));
            return written;
          });
    } catch (IOException e) {
      throw new ConfigFileException(
          file,
          "cannot write the feedback: "
              + e
              + "; check that the directory is writable (the feedback is kept in memory)",
          e);
    }
  }

  /**
   * Sets the given entries (task id, then model name) to exactly these values under the lock,
   * keeping every other task, model and unknown field: an import, idempotent.
   *
   * @param entries the values to set, by task id, then by model name
   * @return the file's content as written, validated like {@link #load()}
   * @throws ConfigFileException if the file is broken (left untouched) or cannot be written
   */
  public Map<String, Map<String, StoredFeedback>> replace(
      Map<String, Map<String, StoredFeedback>> entries) {
    try {
      return FileLocks.withExclusiveLock(
          lockFile,
          () -> {
            AtomicFiles.deleteStaleTemporaries(file);
            JsonObject root = readRoot();
            validate(root); // never build on a broken document
            for (Map.Entry<String, Map<String, StoredFeedback>> t : entries.entrySet()) {
              JsonObject task = (JsonObject) root.get(t.getKey()).orElse(null);
              if (task == null) {
                task = new JsonObject();
                root.put(t.getKey(), task);
              }
              for (Map.Entry<String, StoredFeedback> m : t.getValue().entrySet()) {
                String key = keyFor(task.members(), m.getKey()).orElse(m.getKey());
                JsonObject entry = (JsonObject) task.get(key).orElse(null);
                if (entry == null) {
                  entry = new JsonObject();
                  task.put(key, entry);
                }
                StoredFeedback f = m.getValue();
                entry.put("executions", JsonNumber.of(f.executions()));
                entry.put("successes", JsonNumber.of(f.successes()));
                entry.put("failures", JsonNumber.of(f.failures()));
                RankingsFile.setNumber(entry, "total_time", f.totalTimeSeconds());
                JsonArray ratings = new JsonArray();
                f.qualityRatings().forEach(q -> ratings.add(JsonNumber.of(q)));
                entry.put("quality_ratings", ratings);
                RankingsFile.setNumber(entry, "average_time", f.averageTimeSeconds());
              }
            }
            Map<String, Map<String, StoredFeedback>> written = validate(root);
            AtomicFiles.write(file, PyJsonWriter.write(root).getBytes(StandardCharsets.US_ASCII));
            return written;
          });
    } catch (IOException e) {
      throw new ConfigFileException(
          file, "cannot write the feedback: " + e + "; check that the directory is writable", e);
    }
  }

  /**
   * The key under which {@code model} is stored in {@code task}: exact, else same normalised name.
   *
   * @param task the entries of one task, by model key as stored
   * @param model the model name looked for
   * @return the stored key, or empty if no key matches
   */
  public static Optional<String> keyFor(Map<String, ?> task, String model) {
    if (task.containsKey(model)) {
      return Optional.of(model);
    }
    String normalized = ModelNames.normalize(model);
    for (String key : task.keySet()) {
      if (!key.isBlank() && ModelNames.normalize(key).equals(normalized)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private static void merge(JsonObject task, String model, Delta d, int maxRatings) {
    String key = keyFor(task.members(), model).orElse(model);
    JsonObject entry = (JsonObject) task.get(key).orElse(null);
    if (entry == null) {
      // field order of the original system's new entries
      entry = new JsonObject();
      entry.put("executions", JsonNumber.of(0L));
      entry.put("successes", JsonNumber.of(0L));
      entry.put("failures", JsonNumber.of(0L));
      entry.put("total_time", JsonNumber.of(0.0));
      entry.put("quality_ratings", new JsonArray());
      task.put(key, entry);
    }
    long executions = addCount(entry, "executions", d.executions());
    addCount(entry, "successes", d.successes());
    addCount(entry, "failures", d.failures());
    double total = number(entry, "total_time");
    if (d.nanos() != 0) {
      total = total + d.nanos() / 1e9;
      RankingsFile.setNumber(entry, "total_time", total);
    }
    if (!d.newRatings().isEmpty()) {
      JsonArray ratings = (JsonArray) entry.get("quality_ratings").orElse(null);
      List<JsonValue> all = new ArrayList<>(ratings == null ? List.of() : ratings.elements());
      for (double q : d.newRatings()) {
        all.add(JsonNumber.of(q));
      }
      JsonArray capped = new JsonArray();
      for (JsonValue v : all.subList(Math.max(0, all.size() - maxRatings), all.size())) {
        capped.add(v);
      }
      entry.put("quality_ratings", capped);
    }
    RankingsFile.setNumber(entry, "average_time", executions == 0 ? 0.0 : total / executions);
  }

  private static long addCount(JsonObject entry, String key, long delta) {
    long old = entry.get(key).map(v -> ((JsonNumber) v).longValue()).orElse(0L);
    if (delta == 0 && entry.has(key)) {
      return old;
    }
    long now = Counts.add(old, delta);
    entry.put(key, JsonNumber.of(now));
    return now;
  }

  private static double number(JsonObject entry, String key) {
    return entry.get(key).map(v -> ((JsonNumber) v).doubleValue()).orElse(0.0);
  }

  private JsonObject readRoot() {
    Optional<byte[]> bytes = AtomicFiles.readConfig(file);
    if (bytes.isEmpty()) {
      return new JsonObject();
    }
    return Check.object(file, JsonReader.parse(file, bytes.get()), "the top level");
  }

  private Map<String, Map<String, StoredFeedback>> validate(JsonObject root) {
    Map<String, Map<String, StoredFeedback>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> t : root.members().entrySet()) {
      if (!validTaskId(t.getKey())) {
        continue; // kept verbatim, not used
      }
      JsonObject task = Check.object(file, t.getValue(), t.getKey());
      Map<String, StoredFeedback> models = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> m : task.members().entrySet()) {
        String path = t.getKey() + "." + m.getKey();
        if (m.getKey().isBlank()) {
          throw Check.problem(
              file, m.getValue(), t.getKey(), "has an entry with an empty model name");
        }
        JsonObject entry = Check.object(file, m.getValue(), path);
        long executions = countOrZero(entry, "executions", path);
        long successes = countOrZero(entry, "successes", path);
        long failures = countOrZero(entry, "failures", path);
        double total =
            entry
                .get("total_time")
                .map(v -> Check.nonNegative(file, v, path + ".total_time"))
                .orElse(0.0);
        double average =
            entry
                .get("average_time")
                .map(v -> Check.nonNegative(file, v, path + ".average_time"))
                .orElse(executions == 0 ? 0.0 : total / executions);
        List<Double> ratings = new ArrayList<>();
        Optional<JsonValue> rv = entry.get("quality_ratings");
        if (rv.isPresent()) {
          JsonArray arr = Check.array(file, rv.get(), path + ".quality_ratings");
          for (int i = 0; i < arr.size(); i++) {
            ratings.add(
                Check.unitInterval(
                    file, arr.elements().get(i), path + ".quality_ratings[" + i + "]"));
          }
        }
        models.put(
            m.getKey(),
            new StoredFeedback(executions, successes, failures, total, average, ratings));
      }
      out.put(t.getKey(), Collections.unmodifiableMap(models));
    }
    return Collections.unmodifiableMap(out);
  }

  private long countOrZero(JsonObject entry, String key, String path) {
    return entry.get(key).map(v -> Check.count(file, v, path + "." + key)).orElse(0L);
  }

  private static boolean validTaskId(String key) {
    try {
      TaskType.of(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
