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
import io.taskoptimizer.core.internal.json.JsonReader;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import io.taskoptimizer.core.internal.store.FileLocks;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.OptimizerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>Writes are atomic (see {@link AtomicFiles}); a file that cannot be parsed is never
 * overwritten: reading it fails with a {@link ConfigFileException} that says where and what.
 *
 * <p>The document is read and written through the optimizer's {@link OptimizerStore} (by default
 * the {@link FileStore file store}, which keeps it in the config directory as before).
 */
public final class RankingStateFile {

  /** The file name in the config directory. */
  public static final String NAME = "model_discovery.json";

  /** The schema version written and understood. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path file;
  private final OptimizerStore store;

  /** The state file of a config directory. */
  public RankingStateFile(Path configDirectory) {
    this(new FileStore(configDirectory));
  }

  /** The state document of a store. */
  public RankingStateFile(OptimizerStore store) {
    this.store = store;
    this.file = store instanceof FileStore fs ? fs.directory().resolve(NAME) : Path.of(NAME);
  }

  /** The file's path. */
  public Path path() {
    return file;
  }

  /**
   * Runs {@code action} holding the store's ranking lock ({@link OptimizerStore#inRankingTransaction};
   * for the file store this file's exclusive lock, JVM and OS), so concurrent updaters (an
   * in-process schedule and a cron job, or workers sharing a database) run one after the other.
   */
  public <T> T locked(FileLocks.IoAction<T> action) {
    try {
      return store.inRankingTransaction(() -> {
        try {
          return action.run();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new ConfigFileException(file, "cannot update it: " + e.getCause(), e.getCause());
    }
  }

  /** The state on disk, or the empty state when the file does not exist. */
  public RankingState read() {
    Optional<byte[]> bytes = store.readDocument(NAME).map(s -> s.getBytes(StandardCharsets.UTF_8));
    if (bytes.isEmpty()) {
      return RankingState.empty();
    }
    byte[] content = bytes.get();
    JsonNode root;
    try (JsonParser p = MAPPER.createParser(content)) {
      try {
        root = MAPPER.readTree(p);
      } catch (JsonProcessingException e) {
        throw JsonReader.problem(file, "not valid JSON: ", e, p,
            offset -> offset >= 0 && offset < content.length ? content[(int) offset] & 0xff : -1);
      }
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot read it: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigFileException(file, "expected a JSON object at the top level", null);
    }
    return parse(root);
  }

  private RankingState parse(JsonNode root) {
    int version = root.path("schema_version").asInt(-1);
    if (version != SCHEMA_VERSION) {
      throw new ConfigFileException(file, "schema_version is " + root.path("schema_version")
          + ", this version of Task Optimizer reads " + SCHEMA_VERSION, null);
    }
    Optional<Instant> lastUpdate = root.hasNonNull("last_update")
        ? Optional.of(instant(root.get("last_update"), "last_update")) : Optional.empty();

    Map<String, RankingState.Discovered> discovered = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object(root, "discovered_models").properties()) {
      JsonNode d = e.getValue();
      String where = "discovered_models." + e.getKey();
      discovered.put(e.getKey(), new RankingState.Discovered(
          text(d, "model", where), text(d, "provider", where), instant(d.get("first_seen"), where + ".first_seen"),
          strings(d, "added_to", where), strings(d, "needs_benchmark", where)));
    }
    Map<String, Instant> unavailable = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object(root, "unavailable_models").properties()) {
      unavailable.put(e.getKey(), instant(e.getValue().get("missing_since"),
          "unavailable_models." + e.getKey() + ".missing_since"));
    }
    Map<String, Map<String, RankingState.Evidence>> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> t : object(root, "evidence").properties()) {
      if (!t.getValue().isObject()) {
        throw new ConfigFileException(file, "evidence." + t.getKey() + " must be an object", null);
      }
      Map<String, RankingState.Evidence> models = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> m : t.getValue().properties()) {
        JsonNode n = m.getValue();
        String where = "evidence." + t.getKey() + "." + m.getKey();
        models.put(m.getKey(), new RankingState.Evidence(
            number(n, "prior_quality", where), number(n, "prior_speed", where),
            number(n, "written_quality", where), number(n, "written_speed", where),
            new RankingState.Fingerprint((long) number(n, "executions", where), (long) number(n, "failures", where),
                number(n, "total_time", where), (int) number(n, "ratings", where), number(n, "ratings_sum", where))));
      }
      evidence.put(t.getKey(), models);
    }
    return new RankingState(lastUpdate, discovered, unavailable, evidence);
  }

  /** Writes the state atomically. */
  public void write(RankingState state) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    state.lastUpdate().ifPresent(t -> root.put("last_update", t.toString()));
    ObjectNode disc = root.putObject("discovered_models");
    state.discovered().forEach((key, d) -> {
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
    state.unavailable().forEach((key, since) -> unav.putObject(key).put("missing_since", since.toString()));
    ObjectNode ev = root.putObject("evidence");
    state.evidence().forEach((task, models) -> {
      ObjectNode t = ev.putObject(task);
      models.forEach((model, e) -> {
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
    String text;
    try {
      text = MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot write it: " + e, e);
    }
    store.writeDocument(NAME, text);
  }

  private JsonNode object(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!n.isObject()) {
      throw new ConfigFileException(file, field + " must be an object, got " + n.getNodeType(), null);
    }
    return n;
  }

  private String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ConfigFileException(file, where + "." + field + " must be a non-empty string", null);
    }
    return v.asText();
  }

  private double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new ConfigFileException(file, where + "." + field + " must be a number", null);
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
      throw new ConfigFileException(file, where + "." + field + " must be an array of strings", null);
    }
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw new ConfigFileException(file, where + "." + field + " must be an array of strings", null);
      }
      out.add(s.asText());
    }
    return out;
  }

  private Instant instant(JsonNode v, String where) {
    if (v == null || !v.isTextual()) {
      throw new ConfigFileException(file, where + " must be an ISO-8601 instant such as 2025-06-01T03:00:00Z", null);
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new ConfigFileException(file, where + " must be an ISO-8601 instant such as 2025-06-01T03:00:00Z, got '"
          + v.asText() + "'", e);
    }
  }
}
