package io.taskoptimizer.core.internal.ranking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ConfigFileException;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.api.internal.Hashing;
import io.taskoptimizer.core.internal.ConfigProblems;
import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import io.taskoptimizer.core.internal.store.Counts;
import io.taskoptimizer.core.internal.store.FileLocks;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.core.internal.store.RankingsFile;
import io.taskoptimizer.spi.OptimizerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@value #NAME}, the ranking updater's sidecar file. Format (schema version 1):
 *
 * <pre>{@code
 * {
 *   "schema_version": 1,
 *   "last_update": "2025-06-01T03:00:00Z",
 *   "discovered_models": {
 *     "qwen3:8b": {"model": "qwen3:8b", "provider": "ollama", "first_seen": "...",
 *                  "added_to": ["self_assessment", ...], "needs_benchmark": ["self_assessment", ...]}
 *   },
 *   "unavailable_models": {"olmo2:latest": {"missing_since": "..."}},
 *   "evidence": {
 *     "self_assessment": {
 *       "gemma3:1b": {"prior_quality": 0.9, "prior_speed": 0.85, "written_quality": 0.88,
 *                     "written_speed": 0.91, "executions": 5, "failures": 0, "total_time": 7.5,
 *                     "ratings": 3, "ratings_sum": 2.4}
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>While an update writes the rankings, the file also holds its journal, {@code "pending_update":
 * {"rankings_before_sha256": "...", "rankings": {...}}} (see {@link Pending}). Fields this version
 * does not know are kept on rewrite. The file is refused unread above {@link
 * AtomicFiles#MAX_CONFIG_BYTES}, and counts outside their range are errors.
 *
 * <p>Writes are atomic (see {@link AtomicFiles}); a file that cannot be parsed is never
 * overwritten: reading it fails with a {@link ConfigFileException} that says where and what.
 */
public final class RankingStateFile {

  /** The file name in the config directory. */
  public static final String NAME = "model_discovery.json";

  /** The schema version written and understood. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path file;
  private final OptimizerStore store;

  /**
   * The state file of a config directory.
   *
   * @param configDirectory the directory holding the rankings and this file
   */
  public RankingStateFile(Path configDirectory) {
    this(new FileStore(configDirectory));
  }

  /**
   * The state document of a store: for the {@link FileStore file store} this file in its directory,
   * as before; for another store its document of the same name.
   *
   * @param store the store holding the rankings and this document
   */
  public RankingStateFile(OptimizerStore store) {
    this.store = store;
    this.file = store instanceof FileStore fs ? fs.directory().resolve(NAME) : Path.of(NAME);
  }

  /** {@return the file's path (only the name for a store other than the file store)} */
  public Path path() {
    return file;
  }

  /**
   * Runs {@code action} holding the store's ranking lock ({@link
   * OptimizerStore#inRankingTransaction}; for the file store this file's exclusive lock, JVM and
   * OS), so concurrent updaters (an in-process schedule and a cron job, or workers sharing a
   * database) run one after the other. In a database store the action's reads and writes are one
   * transaction.
   *
   * @param <T> the type of the action's result
   * @param action what to run under the lock
   * @return what the action returned
   * @throws ConfigFileException if the action fails with an {@link IOException}
   */
  public <T> T locked(FileLocks.IoAction<T> action) {
    try {
      return store.inRankingTransaction(
          () -> {
            try {
              return action.run();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      // UncheckedIOException requires its cause
      IOException cause = Objects.requireNonNull(e.getCause(), "cause");
      throw new ConfigFileException(file, "cannot update it: " + cause, cause);
    }
  }

  /**
   * A fingerprint of the stored rankings, for the {@link Pending journal}: the SHA-256 of {@code
   * model_rankings.json} for the file store, the rankings version for another store.
   *
   * @return the hex digest ({@code "absent"} without a file), or {@code "version:"} followed by the
   *     version ({@code absent} without one)
   */
  public String rankingsFingerprint() {
    if (store instanceof FileStore fs) {
      return sha256(fs.directory().resolve(RankingsFile.NAME));
    }
    return "version:" + store.rankingsVersion().orElse("absent");
  }

  /**
   * Reads the state.
   *
   * @return the state on disk, or the empty state when the file does not exist
   * @throws ConfigFileException if the file is not a valid state document
   */
  public RankingState read() {
    Optional<JsonNode> root = readRoot();
    return root.isEmpty() ? RankingState.empty() : parse(root.get());
  }

  /**
   * The update that was being written when the updater stopped (killed between writing this file
   * and the rankings), if any. See {@link Pending}.
   *
   * @return the journal, or empty when the last update finished
   * @throws ConfigFileException if the file or its journal is malformed
   */
  public Optional<Pending> pending() {
    Optional<JsonNode> root = readRoot();
    if (root.isEmpty() || !root.get().hasNonNull(PENDING)) {
      return Optional.empty();
    }
    JsonNode p = root.get().get(PENDING);
    String where = PENDING;
    if (!p.isObject()
        || !p.path("rankings_before_sha256").isTextual()
        || !p.path("rankings").isObject()) {
      throw ConfigProblems.of(
          file, where + " must be an object with rankings_before_sha256 and rankings");
    }
    Map<TaskType, List<RankedModel>> rankings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> t : p.get("rankings").properties()) {
      TaskType task;
      try {
        task = TaskType.of(t.getKey());
      } catch (IllegalArgumentException e) {
        throw new ConfigFileException(
            file, where + ".rankings." + t.getKey() + " is not a task id", e);
      }
      if (!t.getValue().isArray()) {
        throw ConfigProblems.of(file, where + ".rankings." + t.getKey() + " must be an array");
      }
      List<RankedModel> list = new ArrayList<>();
      int i = 0;
      for (JsonNode m : t.getValue()) {
        String at = where + ".rankings." + t.getKey() + "[" + i++ + "]";
        double q = number(m, "quality_score", at);
        double sp = number(m, "speed_score", at);
        if (q < 0 || q > 1 || sp < 0 || sp > 1) {
          throw ConfigProblems.of(file, at + " scores must be between 0 and 1");
        }
        list.add(new RankedModel(text(m, "model", at), q, sp));
      }
      rankings.put(task, List.copyOf(list));
    }
    return Optional.of(new Pending(p.get("rankings_before_sha256").asText(), rankings));
  }

  /**
   * The journal of a ranking update in progress: the rankings it is about to write and the hash of
   * the rankings file it read. The updater writes this file with the journal <em>first</em>, then
   * the rankings, then this file again without it. A run that finds a journal knows the previous
   * update was interrupted: if the rankings file still has the hash it had before, the rankings
   * write never happened and is done from the journal (the evidence in this file already counts it,
   * so nothing is counted twice); otherwise the rankings were written (or edited by hand since,
   * which the usual rules handle) and the journal is just dropped.
   *
   * @param rankingsBeforeSha256 {@link #sha256} of {@code model_rankings.json} when the update read
   *     it
   * @param rankings the task rankings the update writes
   */
  public record Pending(String rankingsBeforeSha256, Map<TaskType, List<RankedModel>> rankings) {
    /**
     * Copies.
     *
     * @param rankingsBeforeSha256 {@link #sha256} of {@code model_rankings.json} when the update
     *     read it; must not be null
     * @param rankings the task rankings the update writes (copied, keeping their order)
     * @throws NullPointerException if a component is null
     */
    public Pending {
      Objects.requireNonNull(rankingsBeforeSha256, "rankingsBeforeSha256");
      rankings = Collections.unmodifiableMap(new LinkedHashMap<>(rankings));
    }
  }

  /**
   * Hashes a file's content.
   *
   * @param file the file
   * @return the SHA-256 of its content in lower-case hex, or {@code "absent"} when it does not
   *     exist
   */
  public static String sha256(Path file) {
    Optional<byte[]> bytes = AtomicFiles.readConfig(file);
    if (bytes.isEmpty()) {
      return "absent";
    }
    return Hashing.sha256Hex(bytes.get());
  }

  private Optional<JsonNode> readRoot() {
    // through the store; the file store applies the same size cap as to every other config file
    Optional<byte[]> bytes = store.readDocument(NAME).map(s -> s.getBytes(StandardCharsets.UTF_8));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    byte[] content = bytes.get();
    JsonNode root;
    try (JsonParser p = MAPPER.createParser(content)) {
      try {
        root = MAPPER.readTree(p);
      } catch (JsonProcessingException e) {
        throw JsonReader.problem(
            file,
            "not valid JSON: ",
            e,
            p,
            offset -> offset >= 0 && offset < content.length ? content[(int) offset] & 0xff : -1);
      }
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot read it: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw ConfigProblems.of(file, "expected a JSON object at the top level");
    }
    return Optional.of(root);
  }

  private RankingState parse(JsonNode root) {
    int version = root.path("schema_version").asInt(-1);
    if (version != SCHEMA_VERSION) {
      throw ConfigProblems.of(
          file,
          "schema_version is "
              + root.path("schema_version")
              + ", this version of Task Optimizer reads "
              + SCHEMA_VERSION);
    }
    Optional<Instant> lastUpdate =
        root.hasNonNull("last_update")
            ? Optional.of(instant(root.get("last_update"), "last_update"))
            : Optional.empty();

    Map<String, RankingState.Discovered> discovered = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object(root, "discovered_models").properties()) {
      JsonNode d = e.getValue();
      String where = "discovered_models." + e.getKey();
      discovered.put(
          e.getKey(),
          new RankingState.Discovered(
              text(d, "model", where),
              text(d, "provider", where),
              instant(d.get("first_seen"), where + ".first_seen"),
              strings(d, "added_to", where),
              strings(d, "needs_benchmark", where)));
    }
    Map<String, Instant> unavailable = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object(root, "unavailable_models").properties()) {
      unavailable.put(
          e.getKey(),
          instant(
              e.getValue().get("missing_since"),
              "unavailable_models." + e.getKey() + ".missing_since"));
    }
    Map<String, Map<String, RankingState.Evidence>> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> t : object(root, "evidence").properties()) {
      if (!t.getValue().isObject()) {
        throw ConfigProblems.of(file, "evidence." + t.getKey() + " must be an object");
      }
      Map<String, RankingState.Evidence> models = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> m : t.getValue().properties()) {
        JsonNode n = m.getValue();
        String where = "evidence." + t.getKey() + "." + m.getKey();
        models.put(
            m.getKey(),
            new RankingState.Evidence(
                number(n, "prior_quality", where),
                number(n, "prior_speed", where),
                number(n, "written_quality", where),
                number(n, "written_speed", where),
                new RankingState.Fingerprint(
                    count(n, "executions", where, Counts.MAX),
                    count(n, "failures", where, Counts.MAX),
                    number(n, "total_time", where),
                    (int) count(n, "ratings", where, Integer.MAX_VALUE),
                    number(n, "ratings_sum", where))));
      }
      evidence.put(t.getKey(), models);
    }
    return new RankingState(lastUpdate, discovered, unavailable, evidence);
  }

  /**
   * Writes the state atomically, without a journal. Call with the lock held.
   *
   * @param state the state to write
   */
  public void write(RankingState state) {
    write(state, Optional.empty());
  }

  /**
   * Writes the state atomically, with the journal of the update about to write the rankings (see
   * {@link Pending}), or without one. Fields this version does not know, at the top level and in
   * each entry, are kept as they are. Call with the lock held.
   *
   * @param state the state to write
   * @param pending the journal to write with it, or empty for none
   */
  public void write(RankingState state, Optional<Pending> pending) {
    if (store instanceof FileStore) {
      AtomicFiles.deleteStaleTemporaries(file);
    }
    JsonNode old = readRoot().orElse(MAPPER.createObjectNode());
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    state.lastUpdate().ifPresent(t -> root.put("last_update", t.toString()));
    ObjectNode disc = root.putObject("discovered_models");
    state
        .discovered()
        .forEach(
            (key, d) -> {
              ObjectNode n = disc.putObject(key);
              n.put("model", d.model());
              n.put("provider", d.provider());
              n.put("first_seen", d.firstSeen().toString());
              ArrayNode added = n.putArray("added_to");
              d.addedTo().forEach(added::add);
              ArrayNode needs = n.putArray("needs_benchmark");
              d.needsBenchmark().forEach(needs::add);
            });
    ObjectNode unav = root.putObject("unavailable_models");
    state
        .unavailable()
        .forEach((key, since) -> unav.putObject(key).put("missing_since", since.toString()));
    ObjectNode ev = root.putObject("evidence");
    state
        .evidence()
        .forEach(
            (task, models) -> {
              ObjectNode t = ev.putObject(task);
              models.forEach(
                  (model, e) -> {
                    ObjectNode n = t.putObject(model);
                    n.put("prior_quality", e.priorQuality());
                    n.put("prior_speed", e.priorSpeed());
                    n.put("written_quality", e.writtenQuality());
                    n.put("written_speed", e.writtenSpeed());
                    n.put("executions", e.used().executions());
                    n.put("failures", e.used().failures());
                    n.put("total_time", e.used().totalTime());
                    n.put("ratings", e.used().ratings());
                    n.put("ratings_sum", e.used().ratingsSum());
                  });
            });
    pending.ifPresent(
        p -> {
          ObjectNode j = root.putObject(PENDING);
          j.put("rankings_before_sha256", p.rankingsBeforeSha256());
          ObjectNode r = j.putObject("rankings");
          p.rankings()
              .forEach(
                  (task, list) -> {
                    ArrayNode a = r.putArray(task.id());
                    for (RankedModel m : list) {
                      a.addObject()
                          .put("model", m.model())
                          .put("quality_score", m.quality())
                          .put("speed_score", m.speed());
                    }
                  });
        });
    keepUnknownFields(old, root);
    String text;
    try {
      text = MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot write it: " + e, e);
    }
    store.writeDocument(NAME, text); // the file store: atomic, as before
  }

  private static final String PENDING = "pending_update";
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "schema_version",
          "last_update",
          "discovered_models",
          "unavailable_models",
          "evidence",
          PENDING);

  /**
   * Copies what {@code old} has and {@code root} does not know: top-level keys and entry fields.
   */
  private static void keepUnknownFields(JsonNode old, ObjectNode root) {
    for (Map.Entry<String, JsonNode> e : old.properties()) {
      if (!TOP_LEVEL.contains(e.getKey())) {
        root.set(e.getKey(), e.getValue());
      }
    }
    for (String section : List.of("discovered_models", "unavailable_models")) {
      keepEntryFields(old.path(section), root.path(section));
    }
    JsonNode oldEvidence = old.path("evidence");
    for (Map.Entry<String, JsonNode> t : root.path("evidence").properties()) {
      keepEntryFields(oldEvidence.path(t.getKey()), t.getValue());
    }
  }

  private static void keepEntryFields(JsonNode oldSection, JsonNode newSection) {
    if (!oldSection.isObject() || !newSection.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : newSection.properties()) {
      JsonNode before = oldSection.get(e.getKey());
      if (before != null && before.isObject() && e.getValue() instanceof ObjectNode now) {
        for (Map.Entry<String, JsonNode> f : before.properties()) {
          if (!now.has(f.getKey())) {
            now.set(f.getKey(), f.getValue());
          }
        }
      }
    }
  }

  private long count(JsonNode n, String field, String where, long max) {
    JsonNode v = n.get(field);
    if (v == null
        || !v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.asLong() < 0
        || v.asLong() > max) {
      if (v != null
          && v.isNumber()
          && v.asDouble() == Math.rint(v.asDouble())
          && v.asDouble() >= 0
          && v.asDouble() <= max) {
        return (long) v.asDouble(); // 5.0 written by another tool
      }
      throw ConfigProblems.of(
          file, where + "." + field + " must be a whole number from 0 to " + max + ", got " + v);
    }
    return v.asLong();
  }

  private JsonNode object(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!n.isObject()) {
      throw ConfigProblems.of(file, field + " must be an object, got " + n.getNodeType());
    }
    return n;
  }

  private String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ConfigProblems.of(file, where + "." + field + " must be a non-empty string");
    }
    return v.asText();
  }

  private double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw ConfigProblems.of(file, where + "." + field + " must be a number");
    }
    return v.asDouble();
  }

  private List<String> strings(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw ConfigProblems.of(file, where + "." + field + " must be an array of strings");
    }
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw ConfigProblems.of(file, where + "." + field + " must be an array of strings");
      }
      out.add(s.asText());
    }
    return out;
  }

  private Instant instant(JsonNode v, String where) {
    if (v == null || !v.isTextual()) {
      throw ConfigProblems.of(
          file, where + " must be an ISO-8601 instant such as 2025-06-01T03:00:00Z");
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new ConfigFileException(
          file,
          where
              + " must be an ISO-8601 instant such as 2025-06-01T03:00:00Z, got '"
              + v.asText()
              + "'",
          e);
    }
  }
}
