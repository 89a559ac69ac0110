package io.taskoptimizer.testserver;

import static io.taskoptimizer.testserver.Responses.json;

import com.sun.net.httpserver.HttpExchange;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/chat} and {@code /api/generate}: NDJSON ({@code application/x-ndjson}) with one
 * flushed line per token, or one JSON object with {@code stream:false}.
 */
final class NativeRenderer extends Renderer {
  private final boolean chat;

  NativeRenderer(OllamaTestServer server, HttpExchange ex, RecordedRequest rec, boolean chat) {
    super(server, ex, rec);
    this.chat = chat;
  }

  @Override
  boolean streaming() {
    return rec.streaming();
  }

  @Override
  boolean loadOnly() {
    return chat ? rec.messages().isEmpty() : rec.prompt().map(String::isEmpty).orElse(true);
  }

  @Override
  @Nullable Object think() {
    return rec.json().get("think");
  }

  @Override
  Map<String, Object> options() {
    return rec.options();
  }

  @Override
  Outcome missingModel() throws IOException {
    return chat ? error(400, "model is required") : error(404, "model '' not found");
  }

  @Override
  Outcome error(int status, String message) throws IOException {
    return Responses.error(ex, status, message);
  }

  private Map<String, Object> head() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model());
    m.put("created_at", createdAt());
    return m;
  }

  private Map<String, Object> message(String content, @Nullable String thinking) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", content);
    if (thinking != null && !thinking.isEmpty()) {
      msg.put("thinking", thinking);
    }
    return msg;
  }

  @Override
  Outcome loadReply(String doneReason) throws IOException {
    Map<String, Object> m = head();
    if (chat) {
      m.put("message", message("", null));
      m.put("done_reason", doneReason);
      m.put("done", true);
    } else {
      m.put("response", "");
      m.put("done", true);
      m.put("done_reason", doneReason);
    }
    return json(ex, 200, m);
  }

  @Override
  void chunk(String piece, boolean thinking) throws IOException {
    Map<String, Object> m = head();
    if (chat) {
      m.put("message", thinking ? message("", piece) : message(piece, null));
    } else {
      m.put("response", thinking ? "" : piece);
      if (thinking) {
        m.put("thinking", piece);
      }
    }
    m.put("done", false);
    writeLine(m);
  }

  private void writeLine(Map<String, Object> m) throws IOException {
    byte[] j = Wire.json(m);
    byte[] line = new byte[j.length + 1];
    System.arraycopy(j, 0, line, 0, j.length);
    line[j.length] = '\n';
    writeFlushed(line);
  }

  @Override
  void errorLine(String message) throws IOException {
    writeLine(new LinkedHashMap<>(Map.of("error", message)));
  }

  @Override
  void done(String doneReason, Metrics metrics, String text, String thinking) throws IOException {
    boolean stream = streaming();
    Map<String, Object> m = head();
    if (chat) {
      m.put("message", stream ? message("", null) : message(text, thinking));
      m.put("done_reason", doneReason);
      m.put("done", true);
    } else {
      m.put("response", stream ? "" : text);
      if (!stream && !thinking.isEmpty()) {
        m.put("thinking", thinking);
      }
      m.put("done", true);
      m.put("done_reason", doneReason);
      List<Integer> context = new ArrayList<>();
      for (int i = 0; i < Math.min(metrics.promptCount + metrics.evalCount, 64); i++) {
        context.add(1000 + i);
      }
      m.put("context", context);
    }
    metrics.putInto(m);
    if (stream) {
      writeLine(m);
    } else {
      json(ex, 200, m);
    }
  }

  @Override
  void incompleteObject(String partialText) throws IOException {
    Map<String, Object> m = head();
    if (chat) {
      m.put("message", message(partialText, null));
    } else {
      m.put("response", partialText);
    }
    m.put("done", false);
    json(ex, 200, m);
  }

  @Override
  String streamContentType() {
    return "application/x-ndjson";
  }
}
