package io.taskoptimizer.core.internal.store;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.json.JsonArray;
import io.taskoptimizer.core.internal.json.JsonNumber;
import io.taskoptimizer.core.internal.json.JsonObject;
import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.json.JsonString;
import io.taskoptimizer.core.internal.json.JsonValue;
import io.taskoptimizer.core.internal.json.PyJsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code model_rankings.json}: {@code {task_id: [{"model", "quality_score", "speed_score"}, ...]}}.
 *
 * <p>Reading validates every entry of every task whose key is a valid task id; keys that are not
 * valid ids are kept verbatim and reported as ignored. Writing merges into the document re-read
 * from disk under the file lock, so unknown fields, unknown tasks, key order and number tokens of
 * unchanged values survive, and a concurrent writer's other tasks are not lost.
 */
public final class RankingsFile {

  /** The file name, as the original system used it. */
  public static final String NAME = "model_rankings.json";

  private final Path file;
  private final Path lockFile;

  /**
   * The rankings file in {@code directory}.
   *
   * @param directory the config directory holding the file and its lock file
   */
  public RankingsFile(Path directory) {
    this.file = directory.resolve(NAME);
    this.lockFile = directory.resolve("." + NAME + ".lock");
  }

  /** {@return the file's path} */
  public Path path() {
    return file;
  }

  /**
   * The validated content of the file.
   *
   * @param rankings per task, in file order, each ranking in file order
   * @param ignoredKeys top-level keys that are not valid task ids, kept in the file but not used
   * @param stamp the file's stamp when it was read, empty if it did not exist
   */
  public record Loaded(
      Map<TaskType, List<RankedModel>> rankings,
      List<String> ignoredKeys,
      Optional<FileStamp> stamp) {

    /**
     * Copies.
     *
     * @param rankings per task, in file order, each ranking in file order (copied)
     * @param ignoredKeys top-level keys that are not valid task ids (copied)
     * @param stamp the file's stamp when it was read, empty if it did not exist; must not be null
     * @throws NullPointerException if a component is null
     */
    public Loaded {
      rankings = Collections.unmodifiableMap(new LinkedHashMap<>(rankings));
      ignoredKeys = List.copyOf(ignoredKeys);
      Objects.requireNonNull(stamp, "stamp");
    }
  }

  /**
   * Reads and validates the file; a missing file means no rankings.
   *
   * @return the rankings, the ignored keys and the stamp of the file as read
   * @throws ConfigFileException if the file cannot be read, parsed or validated
   */
  public Loaded load() {
    Optional<FileStamp> stamp = FileStamp.of(file);
    JsonObject root = readRoot();
    return validate(root, stamp);
  }

  /** {@return the current stamp of the file, for change detection; empty if it does not exist} */
  public Optional<FileStamp> stamp() {
    return FileStamp.of(file);
  }

  /**
   * Replaces the rankings of the given tasks (others untouched) and writes the file atomically,
   * under the lock, merging into what is on disk now.
   *
   * @param replacement the new rankings of the tasks to replace, each best first
   * @return the file's content as written, with its stamp after the write
   * @throws ConfigFileException if the file on disk is broken (it is then left untouched) or cannot
   *     be written
   */
  public Loaded replace(Map<TaskType, List<RankedModel>> replacement) {
    try {
      return FileLocks.withExclusiveLock(
          lockFile,
          () -> {
            AtomicFiles.deleteStaleTemporaries(file);
            JsonObject root = readRoot();
            validate(root, Optional.empty()); // never build on a broken document
            for (Map.Entry<TaskType, List<RankedModel>> e : replacement.entrySet()) {
              root.put(e.getKey().id(), merge(root.get(e.getKey().id()), e.getValue()));
            }
            Loaded merged = validate(root, Optional.empty());
            AtomicFiles.write(file, PyJsonWriter.write(root).getBytes(StandardCharsets.US_ASCII));
            return new Loaded(merged.rankings(), merged.ignoredKeys(), FileStamp.of(file));
          });
    } catch (IOException e) {
      throw new ConfigFileException(
          file, "cannot write the rankings: " + e + "; check that the directory is writable", e);
    }
  }

  private JsonObject readRoot() {
    Optional<byte[]> bytes = AtomicFiles.readConfig(file);
    if (bytes.isEmpty()) {
      return new JsonObject();
    }
    JsonValue root = JsonReader.parse(file, bytes.get());
    return Check.object(file, root, "the top level");
  }

  private static JsonArray merge(Optional<JsonValue> existing, List<RankedModel> ranking) {
    Map<String, JsonObject> byModel = new HashMap<>();
    if (existing.isPresent() && existing.get() instanceof JsonArray old) {
      for (JsonValue v : old.elements()) {
        JsonObject entry = (JsonObject) v; // validated
        String model = ((JsonString) entry.get("model").orElseThrow()).value();
        byModel.putIfAbsent(ModelNames.normalize(model), entry);
      }
    }
    JsonArray out = new JsonArray();
    for (RankedModel m : ranking) {
      JsonObject entry = byModel.get(ModelNames.normalize(m.model()));
      if (entry == null) {
        entry = new JsonObject();
      }
      setString(entry, "model", m.model());
      setNumber(entry, "quality_score", m.quality());
      setNumber(entry, "speed_score", m.speed());
      out.add(entry);
    }
    return out;
  }

  private static void setString(JsonObject o, String key, String value) {
    Optional<JsonValue> old = o.get(key);
    if (old.isEmpty() || !(old.get() instanceof JsonString s) || !s.value().equals(value)) {
      o.put(key, JsonString.of(value));
    }
  }

  /** Sets a number, keeping the existing token when the value did not change. */
  static void setNumber(JsonObject o, String key, double value) {
    Optional<JsonValue> old = o.get(key);
    if (old.isPresent() && old.get() instanceof JsonNumber n && n.doubleValue() == value) {
      return;
    }
    o.put(key, JsonNumber.of(value));
  }

  private Loaded validate(JsonObject root, Optional<FileStamp> stamp) {
    Map<TaskType, List<RankedModel>> rankings = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (Map.Entry<String, JsonValue> e : root.members().entrySet()) {
      TaskType task;
      try {
        task = TaskType.of(e.getKey());
      } catch (IllegalArgumentException invalidId) {
        ignored.add(e.getKey());
        continue;
      }
      JsonArray list = Check.array(file, e.getValue(), e.getKey());
      List<RankedModel> ranking = new ArrayList<>(list.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String path = e.getKey() + "[" + i + "]";
        JsonObject entry = Check.object(file, list.elements().get(i), path);
        String model = Check.nonBlankString(file, required(entry, "model", path), path + ".model");
        double quality =
            Check.unitInterval(
                file, required(entry, "quality_score", path), path + ".quality_score");
        double speed =
            Check.unitInterval(file, required(entry, "speed_score", path), path + ".speed_score");
        if (!seen.add(ModelNames.normalize(model))) {
          throw Check.problem(
              file,
              entry,
              path + ".model",
              "'" + model + "' is ranked twice for this task; keep one entry per model");
        }
        ranking.add(new RankedModel(model, quality, speed));
      }
      rankings.put(task, List.copyOf(ranking));
    }
    return new Loaded(rankings, ignored, stamp);
  }

  private JsonValue required(JsonObject entry, String key, String path) {
    return entry
        .get(key)
        .orElseThrow(
            () ->
                Check.problem(
                    file,
                    entry,
                    path,
                    "has no \""
                        + key
                        + "\"; each entry needs \"model\", \"quality_score\" and \"speed_score\""));
  }
}
