package io.taskoptimizer.testserver;

import static io.taskoptimizer.testserver.Responses.json;
import static io.taskoptimizer.testserver.Responses.openAiError;

import com.sun.net.httpserver.HttpExchange;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code /v1/chat/completions}, basic: text content, SSE streaming, usage. */
final class OpenAiRenderer extends Renderer {
  private final String id = "chatcmpl-" + (int) (Math.random() * 999);
  private final long created = server.now().getEpochSecond();

  OpenAiRenderer(OllamaTestServer server, HttpExchange ex, RecordedRequest rec) {
    super(server, ex, rec);
  }

  @Override
  boolean streaming() {
    return Boolean.TRUE.equals(rec.json().get("stream"));
  }

  @Override
  boolean loadOnly() {
    return false;
  }

  @Override
  @Nullable Object think() {
    Object effort = rec.json().get("reasoning_effort");
    return effort instanceof String ? effort : null;
  }

  @Override
  Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>();
    Map<String, Object> j = rec.json();
    if (j.get("max_tokens") != null) {
      o.put("num_predict", j.get("max_tokens"));
    }
    for (String k : List.of("seed", "temperature", "top_p", "stop")) {
      if (j.get(k) != null) {
        o.put(k, j.get(k));
      }
    }
    return o;
  }

  @Override
  Outcome missingModel() throws IOException {
    return error(400, "model is required");
  }

  @Override
  Outcome error(int status, String message) throws IOException {
    return openAiError(ex, status, message);
  }

  @Override
  Outcome loadReply(String doneReason) throws IOException {
    return error(400, "[] is too short - 'messages'");
  }

  private Map<String, Object> chunkHead() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "chat.completion.chunk");
    m.put("created", created);
    m.put("model", model());
    m.put("system_fingerprint", "fp_ollama");
    return m;
  }

  private void event(Object payload) throws IOException {
    byte[] j = payload instanceof byte[] bytes ? bytes : Wire.json(payload);
    byte[] prefix = "data: ".getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[prefix.length + j.length + 2];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(j, 0, frame, prefix.length, j.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    writeFlushed(frame);
  }

  @Override
  void chunk(String piece, boolean thinking) throws IOException {
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("role", "assistant");
    delta.put(thinking ? "reasoning" : "content", piece);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", null);
    Map<String, Object> m = chunkHead();
    m.put("choices", List.of(choice));
    event(m);
  }

  @Override
  void errorLine(String message) throws IOException {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put("type", "api_error");
    err.put("param", null);
    err.put("code", null);
    event(Map.of("error", err));
  }

  private Map<String, Object> usage(Metrics m) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("prompt_tokens", m.promptCount);
    u.put("completion_tokens", m.evalCount);
    u.put("total_tokens", m.promptCount + m.evalCount);
    return u;
  }

  @Override
  void done(String doneReason, Metrics metrics, String text, String thinking) throws IOException {
    if (streaming()) {
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", 0);
      choice.put("delta", Map.of());
      choice.put("finish_reason", doneReason);
      Map<String, Object> m = chunkHead();
      m.put("choices", List.of(choice));
      event(m);
      Object so = rec.json().get("stream_options");
      if (so instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) so).get("include_usage"))) {
        Map<String, Object> u = chunkHead();
        u.put("choices", List.of());
        u.put("usage", usage(metrics));
        event(u);
      }
      event("[DONE]".getBytes(StandardCharsets.US_ASCII));
      return;
    }
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("role", "assistant");
    msg.put("content", text);
    if (!thinking.isEmpty()) {
      msg.put("reasoning", thinking);
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", msg);
    choice.put("finish_reason", doneReason);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "chat.completion");
    m.put("created", created);
    m.put("model", model());
    m.put("system_fingerprint", "fp_ollama");
    m.put("choices", List.of(choice));
    m.put("usage", usage(metrics));
    json(ex, 200, m);
  }

  @Override
  void incompleteObject(String partialText) throws IOException {
    openAiError(ex, 500, "incomplete response");
  }

  @Override
  String streamContentType() {
    return "text/event-stream";
  }
}
