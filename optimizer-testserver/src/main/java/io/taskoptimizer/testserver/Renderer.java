package io.taskoptimizer.testserver;

import com.sun.net.httpserver.HttpExchange;
import io.taskoptimizer.testserver.OllamaHandler.ClientGone;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes one protocol's response shapes ({@link NativeRenderer}, {@link OpenAiRenderer}) and reads
 * that protocol's request fields; {@link GenerationSimulator} drives it. The status line and
 * headers go out with the first byte, as Ollama sends them.
 */
abstract class Renderer {
  final OllamaTestServer server;
  final HttpExchange ex;
  final RecordedRequest rec;
  private @Nullable OutputStream out;

  Renderer(OllamaTestServer server, HttpExchange ex, RecordedRequest rec) {
    this.server = server;
    this.ex = ex;
    this.rec = rec;
  }

  abstract boolean streaming();

  abstract boolean loadOnly();

  abstract @Nullable Object think();

  abstract Map<String, Object> options();

  abstract Outcome missingModel() throws IOException;

  abstract Outcome error(int status, String message) throws IOException;

  abstract Outcome loadReply(String doneReason) throws IOException;

  abstract void chunk(String piece, boolean thinking) throws IOException;

  abstract void errorLine(String message) throws IOException;

  abstract void done(String doneReason, Metrics m, String text, String thinking) throws IOException;

  abstract void incompleteObject(String partialText) throws IOException;

  abstract String streamContentType();

  /** Sends the status line and headers: only now, at the first byte, as Ollama does. */
  void ensureHeaders() throws IOException {
    if (out == null) {
      ex.getResponseHeaders().set("Content-Type", streamContentType());
      try {
        ex.sendResponseHeaders(200, 0);
      } catch (IOException e) {
        throw new ClientGone(e);
      }
      out = ex.getResponseBody();
    }
  }

  void writeFlushed(byte[] bytes) throws IOException {
    ensureHeaders();
    OutputStream body = Objects.requireNonNull(out, "ensureHeaders() opened the body");
    try {
      body.write(bytes);
      body.flush();
    } catch (IOException e) {
      throw new ClientGone(e);
    }
  }

  String model() {
    return String.valueOf(rec.json().get("model"));
  }

  String createdAt() {
    return Wire.rfc3339(server.now(), java.time.ZoneOffset.UTC);
  }
}
