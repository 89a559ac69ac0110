package io.taskoptimizer.judge.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import io.taskoptimizer.core.internal.store.FileLocks;
import io.taskoptimizer.judge.Rating;
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
 * The comparisons file {@value #NAME} in the config directory: every recorded comparison per task
 * (the newest {@value #MAX_PER_TASK} per task) and, derived from them at each write, the
 * Bradley-Terry ratings (for readers such as {@code taskopt rankings}). Appends re-read the file
 * under its lock ({@code .judge_comparisons.json.lock}) and write it atomically with a {@code .bak}
 * of the previous version, so several processes may compare at once; a file that cannot be parsed
 * is never overwritten.
 */
public final class ComparisonStore {

  /** The file name. */
  public static final String NAME = "judge_comparisons.json";

  /** Comparisons kept per task (the oldest are dropped beyond this). */
  public static final int MAX_PER_TASK = 5000;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** One recorded comparison; {@code outcome} is {@code a}, {@code b} or {@code tie}. */
  public record Entry(
      String a,
      String b,
      String outcome,
      String judge,
      boolean sameFamilyJudge,
      int wordsA,
      int wordsB,
      String at) {}

  private final Path file;
  private final Path lock;

  /**
   * The store of a config directory.
   *
   * @param directory the config directory
   */
  public ComparisonStore(Path directory) {
    this.file = directory.resolve(NAME);
    this.lock = directory.resolve("." + NAME + ".lock");
  }

  /** {@return the comparisons file} */
  public Path path() {
    return file;
  }

  /**
   * All comparisons per task id, in file order.
   *
   * @return a new mutable map of task id to comparisons; empty if the file does not exist
   * @throws ConfigFileException if the file cannot be read or parsed
   */
  public Map<String, List<Entry>> load() {
    Optional<byte[]> bytes = AtomicFiles.readConfig(file);
    return bytes.isEmpty() ? new LinkedHashMap<>() : parse(bytes.get());
  }

  /**
   * Appends a comparison of a task and writes the file.
   *
   * @param task the task compared
   * @param entry the comparison
   * @return the task's comparisons after the append (at most {@value #MAX_PER_TASK}), unmodifiable
   * @throws ConfigFileException if the file cannot be parsed (it is left untouched) or written
   */
  public List<Entry> append(TaskType task, Entry entry) {
    try {
      return FileLocks.withExclusiveLock(
          lock,
          () -> {
            AtomicFiles.deleteStaleTemporaries(file);
            Map<String, List<Entry>> all = load();
            List<Entry> list = all.computeIfAbsent(task.id(), k -> new ArrayList<>());
            list.add(entry);
            if (list.size() > MAX_PER_TASK) {
              list.subList(0, list.size() - MAX_PER_TASK).clear();
            }
            AtomicFiles.write(file, render(all));
            return List.copyOf(list);
          });
    } catch (IOException e) {
      throw new ConfigFileException(
          file,
          "cannot write: "
              + e
              + ". Check that the config"
              + " directory is writable; the comparison was not recorded.",
          e);
    }
  }

  private Map<String, List<Entry>> parse(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid(
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
          "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot read: " + e, e);
    }
    if (root == null
        || !root.isObject()
        || !root.path("format").isInt()
        || root.get("format").intValue() != 1
        || !root.path("tasks").isObject()) {
      throw invalid(
          "expected {\"format\": 1, \"tasks\": {...}}; restore"
              + " "
              + AtomicFiles.backupOf(file).getFileName()
              + " or move the file away");
    }
    Map<String, List<Entry>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> t : root.get("tasks").properties()) {
      try {
        TaskType.of(t.getKey());
      } catch (IllegalArgumentException e) {
        throw new ConfigFileException(file, "task '" + t.getKey() + "' is not a valid task id", e);
      }
      JsonNode cs = t.getValue().path("comparisons");
      if (!cs.isArray()) {
        throw invalid("tasks." + t.getKey() + ".comparisons must be an array");
      }
      List<Entry> list = new ArrayList<>();
      int i = 0;
      for (JsonNode c : cs) {
        list.add(entry(c, "tasks." + t.getKey() + ".comparisons[" + i++ + "]"));
      }
      out.put(t.getKey(), list);
    }
    return out;
  }

  private Entry entry(JsonNode c, String where) {
    String a = text(c, "a", where);
    String b = text(c, "b", where);
    String outcome = text(c, "outcome", where);
    if (!outcome.equals("a") && !outcome.equals("b") && !outcome.equals("tie")) {
      throw invalid(where + ".outcome must be \"a\", \"b\" or \"tie\", got '" + outcome + "'");
    }
    if (a.equals(b)) {
      throw invalid(where + " compares '" + a + "' with itself");
    }
    return new Entry(
        a,
        b,
        outcome,
        text(c, "judge", where),
        c.path("same_family_judge").asBoolean(false),
        c.path("words_a").asInt(0),
        c.path("words_b").asInt(0),
        c.path("at").asText(""));
  }

  private ConfigFileException invalid(String problem) {
    return invalid(0, 0, problem);
  }

  private ConfigFileException invalid(int line, int column, String problem) {
    return new ConfigFileException(file, line, column, problem, null);
  }

  private String text(JsonNode c, String field, String where) {
    JsonNode v = c.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw invalid(where + "." + field + " must be a non-blank string");
    }
    return v.textValue();
  }

  private static byte[] render(Map<String, List<Entry>> all) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", 1);
    ObjectNode tasks = root.putObject("tasks");
    for (Map.Entry<String, List<Entry>> t : all.entrySet()) {
      ObjectNode task = tasks.putObject(t.getKey());
      ObjectNode ratings = task.putObject("ratings");
      for (Rating r : Ratings.of(t.getValue())) {
        ObjectNode o = ratings.putObject(r.model());
        o.put("rating", round(r.rating()));
        o.put("standard_error", round(r.standardError()));
        o.put("quality", round(r.quality()));
        o.put("quality_sd", round(r.qualityStdDev()));
        o.put("wins", r.wins());
        o.put("losses", r.losses());
        o.put("ties", r.ties());
      }
      ArrayNode cs = task.putArray("comparisons");
      for (Entry e : t.getValue()) {
        ObjectNode o = cs.addObject();
        o.put("a", e.a());
        o.put("b", e.b());
        o.put("outcome", e.outcome());
        o.put("judge", e.judge());
        o.put("same_family_judge", e.sameFamilyJudge());
        o.put("words_a", e.wordsA());
        o.put("words_b", e.wordsB());
        o.put("at", e.at());
      }
    }
    return (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /** {@return an empty map, for callers that found no file} */
  public static Map<String, List<Entry>> none() {
    return Collections.emptyMap();
  }
}
