package io.taskoptimizer.core.internal.learning;

import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.ConfigProblems;
import io.taskoptimizer.core.internal.json.JsonLiteral;
import io.taskoptimizer.core.internal.json.JsonNumber;
import io.taskoptimizer.core.internal.json.JsonObject;
import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.json.JsonString;
import io.taskoptimizer.core.internal.json.JsonValue;
import io.taskoptimizer.core.internal.json.PyJsonWriter;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.OptimizerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@code model_selection_state.json}: the learned posterior of every task and model, so that
 * learning survives restarts and is shared by the processes using one config directory.
 *
 * <pre>{@code
 * {
 *   "format": 1,
 *   "tasks": {
 *     "self_assessment": {
 *       "observations": 1234,            // calls recorded for the task, all processes
 *       "models": {
 *         "gemma3:1b": {                  // normalised model name
 *           "prior": {"quality": 0.8, "speed": 0.6, "weight": 0.4},
 *           "quality": {"weight": 12.5, "sum": 10.1, "sum_squares": 8.3},
 *           "log_latency": {"weight": 11.0, "sum": 3.2, "sum_squares": 1.9},
 *           "successes": 11.0, "failures": 1.5,
 *           "cold_loads": 0.5, "load_seconds": 1.2,
 *           "calibration": {"log_reference_latency": -0.21, "ranked": true},
 *           "written": {"quality": 0.79, "speed": 0.61}
 *         }
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>All statistics are recency-discounted "as of" the task's {@code observations}. A flush merges
 * under an exclusive lock ({@code .model_selection_state.json.lock}): it re-reads the file,
 * discounts its evidence by the observations this process recorded since its last flush and adds
 * this process's evidence of that period, then replaces the file atomically (temporary file, fsync,
 * move, {@code .bak}). A file that cannot be parsed or validated is never overwritten.
 */
final class SelectionStateFile {

  /** The file name. */
  static final String NAME = "model_selection_state.json";

  private final Path file;
  private final OptimizerStore store;

  SelectionStateFile(Path directory) {
    this(new FileStore(directory));
  }

  /** The state document of a store (for the file store, the file in its directory). */
  SelectionStateFile(OptimizerStore store) {
    this.store = store;
    this.file = store instanceof FileStore fs ? fs.directory().resolve(NAME) : Path.of(NAME);
  }

  Path path() {
    return file;
  }

  /**
   * Reads the file; a missing file is empty.
   *
   * @throws ConfigFileException if it cannot be read, parsed or validated
   */
  Map<String, TaskRecord> load() {
    return parse(store.readDocument(NAME));
  }

  private Map<String, TaskRecord> parse(Optional<String> content) {
    if (content.isEmpty()) {
      return new TreeMap<>();
    }
    return parse(JsonReader.parse(file, content.get().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Under the lock: reads the file, applies {@code merge}, writes the result atomically.
   *
   * @return what was written
   * @throws ConfigFileException if the file is broken (left untouched) or cannot be written
   */
  Map<String, TaskRecord> mergeAndWrite(UnaryOperator<Map<String, TaskRecord>> merge) {
    // under the store's lock or transaction (for the file store: the file lock, an atomic write)
    List<Map<String, TaskRecord>> written = new ArrayList<>(1);
    store.updateDocument(
        NAME,
        current -> {
          Map<String, TaskRecord> merged = merge.apply(parse(current));
          written.add(merged);
          return PyJsonWriter.write(toJson(merged));
        });
    return written.get(written.size() - 1);
  }

  // ------------------------------------------------------------------ JSON

  private static JsonObject toJson(Map<String, TaskRecord> tasks) {
    JsonObject root = new JsonObject();
    root.put("format", JsonNumber.of(1L));
    JsonObject ts = new JsonObject();
    for (Map.Entry<String, TaskRecord> t : tasks.entrySet()) {
      JsonObject task = new JsonObject();
      task.put("observations", JsonNumber.of(t.getValue().observations()));
      JsonObject models = new JsonObject();
      for (Map.Entry<String, ArmRecord> m : t.getValue().models().entrySet()) {
        models.put(m.getKey(), armJson(m.getValue()));
      }
      task.put("models", models);
      ts.put(t.getKey(), task);
    }
    root.put("tasks", ts);
    return root;
  }

  private static JsonObject armJson(ArmRecord r) {
    JsonObject o = new JsonObject();
    ArmStats s = r.stats();
    if (r.hasPrior()) {
      JsonObject p = new JsonObject();
      p.put("quality", num(r.priorQuality()));
      p.put("speed", num(r.priorSpeed()));
      p.put("weight", num(r.priorWeight()));
      o.put("prior", p);
    }
    o.put("quality", triple(s.qualityWeight, s.qualitySum, s.qualitySquares));
    o.put("log_latency", triple(s.latencyWeight, s.latencySum, s.latencySquares));
    o.put("successes", num(s.successes));
    o.put("failures", num(s.failures));
    o.put("cold_loads", num(s.coldLoads));
    o.put("load_seconds", num(s.loadSeconds));
    if (!Double.isNaN(r.calibration())) {
      JsonObject c = new JsonObject();
      c.put("log_reference_latency", num(r.calibration()));
      c.put(
          "ranked",
          new JsonLiteral(
              r.calibrationRanked() ? JsonLiteral.Kind.TRUE : JsonLiteral.Kind.FALSE, 0, 0));
      o.put("calibration", c);
    }
    if (!Double.isNaN(r.writtenQuality())) {
      JsonObject w = new JsonObject();
      w.put("quality", num(r.writtenQuality()));
      w.put("speed", num(r.writtenSpeed()));
      o.put("written", w);
    }
    return o;
  }

  private static JsonObject triple(double weight, double sum, double squares) {
    JsonObject o = new JsonObject();
    o.put("weight", num(weight));
    o.put("sum", num(sum));
    o.put("sum_squares", num(squares));
    return o;
  }

  private static JsonNumber num(double v) {
    return JsonNumber.of(v);
  }

  private Map<String, TaskRecord> parse(JsonValue rootValue) {
    JsonObject root = object(rootValue, "the top level");
    JsonValue format = root.get("format").orElse(null);
    if (format != null
        && !(format instanceof JsonNumber n && n.isWholeLong() && n.longValue() == 1)) {
      throw problem(format, "format", "must be 1 (this file was written by another version)");
    }
    Map<String, TaskRecord> out = new TreeMap<>();
    JsonValue tasksValue = root.get("tasks").orElse(null);
    if (tasksValue == null) {
      return out;
    }
    JsonObject tasks = object(tasksValue, "tasks");
    for (Map.Entry<String, JsonValue> t : tasks.members().entrySet()) {
      String path = "tasks." + t.getKey();
      try {
        TaskType.of(t.getKey());
      } catch (IllegalArgumentException e) {
        throw problem(
            t.getValue(), "tasks", "has a key '" + t.getKey() + "' that is not a valid task id");
      }
      JsonObject task = object(t.getValue(), path);
      long observations = count(task.get("observations").orElse(null), path + ".observations");
      Map<String, ArmRecord> models = new LinkedHashMap<>();
      JsonValue mv = task.get("models").orElse(null);
      if (mv != null) {
        for (Map.Entry<String, JsonValue> m : object(mv, path + ".models").members().entrySet()) {
          if (m.getKey().isBlank()) {
            throw problem(m.getValue(), path + ".models", "has an entry with an empty model name");
          }
          models.put(
              m.getKey(),
              arm(
                  object(m.getValue(), path + ".models." + m.getKey()),
                  path + ".models." + m.getKey()));
        }
      }
      out.put(t.getKey(), new TaskRecord(observations, models));
    }
    return out;
  }

  private ArmRecord arm(JsonObject o, String path) {
    ArmStats s = new ArmStats();
    JsonObject q = optionalObject(o, "quality", path);
    if (q != null) {
      s.qualityWeight = nonNegative(q, "weight", path + ".quality");
      s.qualitySum = finite(q, "sum", path + ".quality");
      s.qualitySquares = nonNegative(q, "sum_squares", path + ".quality");
    }
    JsonObject l = optionalObject(o, "log_latency", path);
    if (l != null) {
      s.latencyWeight = nonNegative(l, "weight", path + ".log_latency");
      s.latencySum = finite(l, "sum", path + ".log_latency");
      s.latencySquares = nonNegative(l, "sum_squares", path + ".log_latency");
    }
    s.successes = nonNegative(o, "successes", path);
    s.failures = nonNegative(o, "failures", path);
    s.coldLoads = nonNegative(o, "cold_loads", path);
    s.loadSeconds = nonNegative(o, "load_seconds", path);
    double pq = Double.NaN;
    double ps = Double.NaN;
    double pw = 0;
    JsonObject p = optionalObject(o, "prior", path);
    if (p != null) {
      pq = unit(p, "quality", path + ".prior");
      ps = unit(p, "speed", path + ".prior");
      pw = nonNegative(p, "weight", path + ".prior");
    }
    double cal = Double.NaN;
    boolean ranked = false;
    JsonObject c = optionalObject(o, "calibration", path);
    if (c != null) {
      cal = finite(c, "log_reference_latency", path + ".calibration");
      ranked =
          c.get("ranked")
              .map(v -> v instanceof JsonLiteral lit && lit.kind() == JsonLiteral.Kind.TRUE)
              .orElse(false);
    }
    double wq = Double.NaN;
    double ws = Double.NaN;
    JsonObject w = optionalObject(o, "written", path);
    if (w != null) {
      wq = unit(w, "quality", path + ".written");
      ws = unit(w, "speed", path + ".written");
    }
    return new ArmRecord(s, pq, ps, pw, cal, ranked, wq, ws);
  }

  private @Nullable JsonObject optionalObject(JsonObject o, String key, String path) {
    JsonValue v = o.get(key).orElse(null);
    return v == null ? null : object(v, path + "." + key);
  }

  private JsonObject object(JsonValue v, String path) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw problem(v, path, "must be a JSON object ({...})");
  }

  private double finite(JsonObject o, String key, String path) {
    JsonValue v = o.get(key).orElse(null);
    if (v == null) {
      return 0.0;
    }
    if (!(v instanceof JsonNumber n) || !Double.isFinite(n.doubleValue())) {
      throw problem(v, path + "." + key, "must be a finite number");
    }
    return n.doubleValue();
  }

  private double nonNegative(JsonObject o, String key, String path) {
    double d = finite(o, key, path);
    if (d < 0) {
      throw problem(o.get(key).get(), path + "." + key, "must not be negative");
    }
    return d;
  }

  private double unit(JsonObject o, String key, String path) {
    double d = finite(o, key, path);
    if (d < 0 || d > 1) {
      throw problem(o.get(key).get(), path + "." + key, "must be between 0 and 1");
    }
    return d;
  }

  private long count(@Nullable JsonValue v, String path) {
    if (v == null) {
      return 0;
    }
    if (!(v instanceof JsonNumber n) || !n.isWholeLong() || n.longValue() < 0) {
      throw problem(v, path, "must be a whole number >= 0");
    }
    return n.longValue();
  }

  private ConfigFileException problem(JsonValue at, String path, String what) {
    String shown = at instanceof JsonString ? " (got a string)" : "";
    return ConfigProblems.at(
        file,
        at.line(),
        at.column(),
        path
            + " "
            + what
            + shown
            + ". The file holds learned estimates only: fix it, or delete it to start learning afresh"
            + " from model_rankings.json");
  }
}
