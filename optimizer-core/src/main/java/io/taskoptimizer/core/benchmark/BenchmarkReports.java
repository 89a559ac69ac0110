package io.taskoptimizer.core.benchmark;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.core.internal.benchmark.report.ReportRenderer;
import io.taskoptimizer.core.internal.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link BenchmarkResult} as JSON (for programs), Markdown (a table per task) and a
 * self-contained HTML page (a table and an SVG chart of quality against speed per task, with the
 * Pareto front highlighted; no scripts, no external resources; valid XHTML, so XML tools can read
 * it).
 *
 * <p><b>JSON schema</b> ({@code schema_version} 1; fields are only ever added, and a change that
 * breaks readers increments the version). Durations are seconds; absent values are {@code null}.
 *
 * <pre>{@code
 * {
 *   "schema_version": 1,
 *   "generator": "task-optimizer",
 *   "started_at": "2025-06-01T03:00:00Z", "finished_at": "...", "duration_seconds": 12.5,
 *   "cancelled": false, "repeats": 2, "max_concurrent_per_provider": 1,
 *   "models": ["gemma3:1b", ...], "tasks": ["self_assessment", ...],
 *   "skipped_models": [{"model": "...", "reason": "..."}],
 *   "warm_ups": [{"model": "...", "provider": "ollama", "load_seconds": 1.2, "wall_seconds": 1.3,
 *                 "error": null}],
 *   "results": [{"task": "self_assessment", "weights": {"quality": 0.6, "speed": 0.4},
 *                "models": [{"rank": 1, "model": "...", "provider": "...", "runs": 4, "successes": 4,
 *                            "success_rate": 1.0, "quality": 0.82, "speed": 1.0, "weighted_score": 0.89,
 *                            "pareto_optimal": true,
 *                            "latency_seconds": {"median": 1.2, "p95": 1.5, "min": 1.1, "max": 1.6,
 *                                                "stddev": 0.1}}]}],
 *   "runs": [{"task": "...", "model": "...", "sample": "...", "repeat": 1, "success": true,
 *             "latency_seconds": 1.2, "time_to_first_token_seconds": 0.3, "quality": 0.8,
 *             "truncated": false, "completion_tokens": 123, "error": null}],
 *   "ranking_update": {"written": true, "new_models": [], "unavailable_models": [],
 *                      "models_needing_benchmark": [], "notes": [],
 *                      "changes": [{"task": "...", "model": "...", "kind": "RESCORED",
 *                                   "rank_before": 2, "rank_after": 1, "quality_before": 0.9,
 *                                   "quality_after": 0.92, "speed_before": 0.7, "speed_after": 0.8,
 *                                   "reason": "..."}]}
 * }
 * }</pre>
 *
 * <p>{@code ranking_update} is {@code null} when none was made; {@code rank_before}, {@code
 * quality_before} and {@code speed_before} are {@code null} for added models.
 *
 * <p>Static and stateless, so thread-safe; writing the same files from two threads at once is not
 * coordinated (the last writer wins).
 */
public final class BenchmarkReports {

  /** The JSON schema version written. */
  public static final int SCHEMA_VERSION = 1;

  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BenchmarkReports() {}

  /**
   * The paths of written reports.
   *
   * <p>Immutable (a record of immutable values), so thread-safe.
   *
   * @param json the JSON report
   * @param markdown the Markdown report
   * @param html the HTML report
   */
  public record Written(Path json, Path markdown, Path html) {}

  /**
   * Writes the three reports to {@code directory} (created if needed) as {@code
   * benchmark-<yyyyMMdd-HHmmss>.json/.md/.html}, named after the start time (UTC).
   *
   * @param result the benchmark's result; must not be null
   * @param directory the directory to write to; must not be null
   * @return the paths of the three files written
   * @throws NullPointerException if {@code result} or {@code directory} is null
   * @throws ConfigurationException if a file cannot be written
   */
  public static Written write(BenchmarkResult result, Path directory) {
    Objects.requireNonNull(result, "result");
    return write(result, directory, "benchmark-" + FILE_STAMP.format(result.startedAt()));
  }

  private static final java.util.regex.Pattern SAFE_BASE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.(?!\\.)){0,127}");

  /**
   * Writes the three reports to {@code directory} (created if needed) as {@code <baseName>.json},
   * {@code .md} and {@code .html}, each atomically.
   *
   * @param result the benchmark's result; must not be null
   * @param directory the directory to write to; must not be null
   * @param baseName the file name without extension; must not be null
   * @return the paths of the three files written
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException unless the base name is 1-128 ASCII letters, digits, {@code
   *     .}, {@code -} or {@code _} starting with a letter or digit (no path separators, no control
   *     characters, no {@code ..})
   * @throws ConfigurationException if a file cannot be written
   */
  public static Written write(BenchmarkResult result, Path directory, String baseName) {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(baseName, "baseName");
    if (!SAFE_BASE_NAME.matcher(baseName).matches()) {
      throw new IllegalArgumentException(
          "baseName must be a plain file name without extension, got '" + baseName + "'");
    }
    Written w =
        new Written(
            directory.resolve(baseName + ".json"),
            directory.resolve(baseName + ".md"),
            directory.resolve(baseName + ".html"));
    write(w.json(), json(result));
    write(w.markdown(), ReportRenderer.markdown(result));
    write(w.html(), ReportRenderer.html(result));
    return w;
  }

  private static void write(Path file, String text) {
    try {
      AtomicFiles.writeWithoutBackup(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot write the benchmark report "
              + file.toAbsolutePath()
              + ": "
              + e
              + ". Choose a writable directory.",
          e);
    }
  }

  /**
   * The JSON report (see the class documentation for the schema).
   *
   * @param result the benchmark's result
   * @return the report, indented, ending with a line break
   */
  public static String json(BenchmarkResult result) {
    return ReportRenderer.json(result);
  }
}
