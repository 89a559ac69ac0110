package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.ChatMessage;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ResponseFormat;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds Ollama request bodies. Chat messages go to {@code /api/chat}, a prompt to {@code
 * /api/generate}; options, {@code format}, {@code keep_alive} and {@code think} are sent as the
 * Ollama API documents them, and only when set.
 */
public final class RequestEncoder {

  private final ObjectMapper mapper;

  /**
   * An encoder.
   *
   * @param mapper creates the JSON nodes and converts extra options
   */
  public RequestEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The endpoint a request goes to.
   *
   * @param request the request
   * @return {@code /api/generate} for a prompt, {@code /api/chat} for messages
   */
  public static String endpoint(GenerationRequest request) {
    return request.prompt().isPresent() ? "/api/generate" : "/api/chat";
  }

  /**
   * The request body.
   *
   * @param request the request
   * @param model the model name to send (the resolved one, which may differ from the request's)
   * @return the JSON body
   * @throws InvalidRequestException if the JSON schema of the request is not valid JSON
   */
  public ObjectNode encode(GenerationRequest request, String model) {
    ObjectNode body = mapper.createObjectNode();
    body.put("model", model);
    if (request.prompt().isPresent()) {
      body.put("prompt", request.prompt().get());
      request.system().ifPresent(s -> body.put("system", s));
    } else {
      ArrayNode messages = body.putArray("messages");
      request.system().ifPresent(s -> messages.addObject().put("role", "system").put("content", s));
      for (ChatMessage m : request.messages()) {
        messages.addObject().put("role", m.role().wireName()).put("content", m.content());
      }
    }
    body.put("stream", request.stream());
    ObjectNode options = mapper.createObjectNode();
    for (Map.Entry<String, Object> e : request.extraOptions().entrySet()) {
      options.set(e.getKey(), mapper.valueToTree(e.getValue()));
    }
    request.temperature().ifPresent(v -> options.put("temperature", v));
    request.seed().ifPresent(v -> options.put("seed", v));
    request.contextSize().ifPresent(v -> options.put("num_ctx", v));
    request.maxTokens().ifPresent(v -> options.put("num_predict", v));
    request.topP().ifPresent(v -> options.put("top_p", v));
    request.topK().ifPresent(v -> options.put("top_k", v));
    if (!request.stop().isEmpty()) {
      ArrayNode stop = options.putArray("stop");
      request.stop().forEach(stop::add);
    }
    if (!options.isEmpty()) {
      body.set("options", options);
    }
    ResponseFormat format = request.format();
    if (format.kind() == ResponseFormat.Kind.JSON) {
      body.put("format", "json");
    } else if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
      body.set("format", schema(format.schema().orElse("{}")));
    }
    request.keepAlive().ifPresent(k -> putKeepAlive(body, k));
    request.think().ifPresent(t -> body.put("think", t));
    return body;
  }

  /**
   * A load-only request ({@code /api/generate} with no prompt) with a keep-alive and context size.
   *
   * @param model the model to load
   * @param keepAlive how long to keep it loaded (negative: forever)
   * @param contextSize the context size ({@code num_ctx}), or null for the server's default
   * @return the JSON body
   */
  public ObjectNode loadOnly(String model, Duration keepAlive, @Nullable Integer contextSize) {
    ObjectNode body = mapper.createObjectNode();
    body.put("model", model);
    body.put("stream", false);
    putKeepAlive(body, keepAlive);
    if (contextSize != null) {
      body.putObject("options").put("num_ctx", contextSize);
    }
    return body;
  }

  /**
   * Writes {@code keep_alive} as Ollama expects it: whole seconds as a JSON number, anything finer
   * as a Go duration string in milliseconds, a negative duration as {@code -1} (forever). Never a
   * unit-less string such as {@code "-1"}, which Ollama rejects.
   *
   * @param body the request body to add it to
   * @param keepAlive the keep-alive
   */
  public static void putKeepAlive(ObjectNode body, Duration keepAlive) {
    if (keepAlive.isNegative()) {
      body.put("keep_alive", -1);
    } else if (keepAlive.toNanosPart() == 0) {
      body.put("keep_alive", keepAlive.toSeconds());
    } else {
      body.put("keep_alive", Math.max(1, keepAlive.toMillis()) + "ms");
    }
  }

  private JsonNode schema(String schemaJson) {
    try {
      JsonNode n = mapper.readTree(schemaJson);
      if (n == null || !n.isObject()) {
        throw new InvalidRequestException(
            "The response format's JSON schema must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "The response format's JSON schema is not valid JSON ("
              + e.getOriginalMessage()
              + "); fix the schema passed to ResponseFormat.jsonSchema",
          e);
    }
  }
}
