package io.taskoptimizer.ollama;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model that Ollama has loaded, as {@code GET /api/ps} reports it.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param name the model name, e.g. {@code llama3.2:latest}
 * @param sizeBytes memory the loaded model uses, in bytes
 * @param sizeVramBytes the part of it in GPU memory, in bytes (0 on CPU)
 * @param digest the model digest, when reported
 * @param expiresAt when Ollama will unload it unless it is used again (far in the future for {@code
 *     keep_alive} -1), when reported
 * @param contextLength the context size it was loaded with ({@code num_ctx}), when reported (newer
 *     servers)
 */
public record RunningModel(
    String name,
    long sizeBytes,
    long sizeVramBytes,
    Optional<String> digest,
    Optional<OffsetDateTime> expiresAt,
    OptionalInt contextLength) {

  /**
   * Validates the components.
   *
   * @param name the model name; must not be null
   * @param sizeBytes memory the loaded model uses, in bytes
   * @param sizeVramBytes the part of it in GPU memory, in bytes (0 on CPU)
   * @param digest the model digest, or empty; must not be null
   * @param expiresAt when Ollama will unload it, or empty; must not be null
   * @param contextLength the context size it was loaded with, or empty; must not be null
   * @throws NullPointerException if {@code name}, {@code digest}, {@code expiresAt} or {@code
   *     contextLength} is null
   */
  public RunningModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(contextLength, "contextLength");
  }
}
