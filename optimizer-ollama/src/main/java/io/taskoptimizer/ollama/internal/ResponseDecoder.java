package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.TaskOptimizerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads Ollama response bodies, the counterpart of {@link RequestEncoder}: whole JSON objects
 * (metadata, non-streamed answers), NDJSON stream lines, the text and thinking of a chunk of {@code
 * /api/chat} or {@code /api/generate}, the {@code error} field, and the final chunk's metrics as a
 * {@link GenerationResult}. Stateless and thread-safe.
 */
final class ResponseDecoder {

  private final ObjectMapper mapper;
  private final ExceptionMapper errors;

  ResponseDecoder(ObjectMapper mapper, ExceptionMapper errors) {
    this.mapper = mapper;
    this.errors = errors;
  }

  /**
   * A whole body that must be one JSON object.
   *
   * @throws io.taskoptimizer.api.MalformedResponseException if it is not
   */
  JsonNode object(String path, @Nullable String contentType, byte[] body) {
    try {
      JsonNode n = mapper.readTree(body);
      if (n == null || !n.isObject()) {
        throw errors.malformed(path, contentType, body, null);
      }
      return n;
    } catch (IOException e) {
      throw errors.malformed(path, contentType, body, e);
    }
  }

  /**
   * One NDJSON line, {@code line[0, length)}, that must be a JSON object.
   *
   * @throws io.taskoptimizer.api.MalformedResponseException if it is not
   */
  JsonNode line(String endpoint, byte[] line, int length) {
    JsonNode n;
    try {
      n = mapper.readTree(line, 0, length);
    } catch (IOException e) {
      throw errors.malformed(endpoint, Arrays.copyOf(line, length), e);
    }
    if (n == null || !n.isObject()) {
      throw errors.malformed(endpoint, Arrays.copyOf(line, length), null);
    }
    return n;
  }

  /** Whether {@code bytes[0, length)} is only whitespace (a keep-alive line of a stream). */
  static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /** The {@code error} of a chunk (a string, or an object's {@code message}), or null. */
  static @Nullable String errorText(JsonNode n) {
    JsonNode err = n.get("error");
    if (err == null || err.isNull()) {
      return null;
    }
    if (err.isTextual()) {
      return err.asText();
    }
    return err.path("message").isTextual() ? err.path("message").asText() : err.toString();
  }

  /**
   * The object holding a chunk's text: {@code message} of a chat chunk, the chunk of a generate
   * one.
   */
  static JsonNode holder(JsonNode chunk, boolean chat) {
    return chat ? chunk.path("message") : chunk;
  }

  /** A chunk's generated text ({@code message.content} or {@code response}), or "". */
  static String text(JsonNode chunk, boolean chat) {
    return chat
        ? chunk.path("message").path("content").asText("")
        : chunk.path("response").asText("");
  }

  /** A chunk's thinking text, or "". */
  static String thinking(JsonNode chunk, boolean chat) {
    return holder(chunk, chat).path("thinking").asText("");
  }

  /** Whether this is the final chunk ({@code "done":true}). */
  static boolean done(JsonNode chunk) {
    return chunk.path("done").asBoolean(false);
  }

  /**
   * The result of a call from its final chunk.
   *
   * @param last the final chunk, with the server's metrics
   * @param model the requested model, if the chunk does not name one
   * @param ttftNanos the client-measured time to the first token, or null (not streamed)
   * @param totalNanos the client-measured time of the whole call
   */
  static GenerationResult result(
      JsonNode last,
      String model,
      String text,
      String thinking,
      @Nullable Long ttftNanos,
      long totalNanos) {
    GenerationResult.Builder b = GenerationResult.builder(text, last.path("model").asText(model));
    if (!thinking.isEmpty()) {
      b.thinking(thinking);
    }
    if (last.path("done_reason").isTextual()) {
      b.doneReason(last.path("done_reason").asText());
    }
    if (last.path("prompt_eval_count").isIntegralNumber()) {
      b.promptTokens(last.path("prompt_eval_count").asInt());
    }
    if (last.path("eval_count").isIntegralNumber()) {
      b.completionTokens(last.path("eval_count").asInt());
    }
    if (last.path("load_duration").isIntegralNumber()) {
      b.loadTime(Duration.ofNanos(last.path("load_duration").asLong()));
    }
    if (last.path("prompt_eval_duration").isIntegralNumber()) {
      b.promptEvalTime(Duration.ofNanos(last.path("prompt_eval_duration").asLong()));
    }
    if (last.path("eval_duration").isIntegralNumber()) {
      b.evalTime(Duration.ofNanos(last.path("eval_duration").asLong()));
    }
    if (last.path("total_duration").isIntegralNumber()) {
      b.serverTotalTime(Duration.ofNanos(last.path("total_duration").asLong()));
    }
    if (ttftNanos != null) {
      b.timeToFirstToken(Duration.ofNanos(ttftNanos));
    }
    b.totalTime(Duration.ofNanos(totalNanos));
    return b.build();
  }

  /**
   * A whole (non-streamed) 200 generation answer, checked: one JSON object, no {@code error},
   * {@code done}, the text within the limit.
   *
   * @throws TaskOptimizerException what the answer amounts to if it is not a complete answer
   */
  Answer answer(
      String endpoint,
      String model,
      boolean chat,
      @Nullable String contentType,
      byte[] bytes,
      int maxResponseChars) {
    JsonNode n = object(endpoint, contentType, bytes);
    String err = errorText(n);
    if (err != null) {
      throw errors.midStreamError(err, model, 0);
    }
    if (!done(n)) {
      throw errors.incomplete(model, 0, null);
    }
    String text = text(n, chat);
    String thinking = thinking(n, chat);
    if ((long) text.length() + thinking.length() > maxResponseChars) {
      throw errors.answerTooLarge(model, maxResponseChars);
    }
    return new Answer(n, text, thinking);
  }

  /** A complete whole answer: its object, text and thinking. */
  record Answer(JsonNode last, String text, String thinking) {}
}
