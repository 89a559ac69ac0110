package io.taskoptimizer.testserver;

import com.sun.net.httpserver.HttpExchange;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Complete (not streamed) responses: plain text, JSON, Ollama and OpenAI error bodies. */
final class Responses {

  private Responses() {}

  static Outcome text(HttpExchange ex, int status, String body) throws IOException {
    return raw(ex, status, "text/plain; charset=utf-8", body);
  }

  static Outcome methodNotAllowed(HttpExchange ex) throws IOException {
    return text(ex, 405, "405 method not allowed");
  }

  static Outcome json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json; charset=utf-8", Wire.json(body));
    return status < 400 ? Outcome.COMPLETED : Outcome.ERROR_STATUS;
  }

  static Outcome error(HttpExchange ex, int status, String message) throws IOException {
    return json(ex, status, Map.of("error", message));
  }

  static Outcome openAiError(HttpExchange ex, int status, String message) throws IOException {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put(
        "type",
        status == 400 ? "invalid_request_error" : status == 404 ? "not_found_error" : "api_error");
    err.put("param", null);
    err.put("code", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", err);
    return json(ex, status, body);
  }

  static Outcome raw(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    return status < 400 ? Outcome.COMPLETED : Outcome.ERROR_STATUS;
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
