package io.taskoptimizer.testserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/** Serves the Ollama REST API for {@link OllamaTestServer}; one instance per server start. */
final class OllamaHandler implements HttpHandler {

  private static final Set<String> INT_OPTIONS = Set.of("num_keep", "seed", "num_predict", "top_k",
      "repeat_last_n", "num_ctx", "num_batch", "num_gpu", "main_gpu", "num_thread", "draft_num_predict");
  private static final Set<String> FLOAT_OPTIONS = Set.of("top_p", "min_p", "typical_p", "temperature",
      "repeat_penalty", "presence_penalty", "frequency_penalty");
  private static final Set<String> BOOL_OPTIONS = Set.of("use_mmap", "truncate", "shift");
  private static final Set<String> RUNNER_OPTIONS = Set.of("num_ctx", "num_batch", "num_gpu",
      "main_gpu", "use_mmap", "num_thread", "draft_num_predict");
  private static final Set<String> THINK_LEVELS = Set.of("low", "medium", "high", "max");

  private static final long CUT_GRACE_NANOS = 20_000_000L;

  private final OllamaTestServer server;

  OllamaHandler(OllamaTestServer server) {
    this.server = server;
  }

  /** The client went away while we wrote. */
  private static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone(IOException cause) {
      super(cause);
    }
  }

  /** Thrown out of the handler so that the JDK server drops the connection without a clean end. */
  static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection(String why) {
      super(why, null, false, false);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    RecordedRequest rec = null;
    boolean drop = false;
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, Object> json = Map.of();
      String jsonError = null;
      if (body.length > 0) {
        try {
          json = Wire.parseObject(body);
        } catch (IOException e) {
          jsonError = e.getMessage() == null ? "invalid JSON" : e.getMessage().lines().findFirst().orElse("");
        }
      }
      rec = server.record(method, path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body, json);
      rec.finish(route(ex, rec, method, path, body.length, jsonError));
    } catch (ClientGone e) {
      // a write that fails because stop() interrupted or closed it is the server's doing
      finish(rec, server.isStopping() ? Outcome.SERVER_STOPPED : Outcome.CLIENT_DISCONNECTED);
    } catch (DropConnection e) {
      finish(rec, server.isStopping() ? Outcome.SERVER_STOPPED : Outcome.FAULT);
      drop = true;
      throw e;
    } catch (InterruptedException e) {
      finish(rec, Outcome.SERVER_STOPPED);
      drop = true;
      throw new DropConnection("server stopping");
    } catch (IOException e) {
      finish(rec, server.isStopping() ? Outcome.SERVER_STOPPED : Outcome.CLIENT_DISCONNECTED);
    } finally {
      if (!drop) {
        ex.close();
      }
    }
  }

  private static void finish(RecordedRequest rec, Outcome o) {
    if (rec != null) {
      rec.finish(o);
    }
  }

  private Outcome route(HttpExchange ex, RecordedRequest rec, String method, String path, int bodyLength,
      String jsonError) throws IOException, InterruptedException {
    boolean get = method.equals("GET") || method.equals("HEAD");
    boolean post = method.equals("POST");
    switch (path) {
      case "/":
        return get ? text(ex, 200, "Ollama is running") : methodNotAllowed(ex);
      case "/api/version":
        return get ? json(ex, 200, Map.of("version", server.version())) : methodNotAllowed(ex);
      case "/api/tags":
        return get ? json(ex, 200, tags()) : methodNotAllowed(ex);
      case "/api/ps":
        return method.equals("GET") ? json(ex, 200, ps()) : methodNotAllowed(ex);
      case "/v1/models":
        return method.equals("GET") ? json(ex, 200, openAiModels()) : methodNotAllowed(ex);
      default:
        break;
    }
    boolean generation = path.equals("/api/chat") || path.equals("/api/generate")
        || path.equals("/v1/chat/completions");
    if (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
      return method.equals("GET") ? openAiModel(ex, path.substring("/v1/models/".length())) : methodNotAllowed(ex);
    }
    if (!generation && !path.equals("/api/show")) {
      return text(ex, 404, "404 page not found");
    }
    if (!post) {
      return methodNotAllowed(ex);
    }
    boolean openAi = path.startsWith("/v1/");
    if (bodyLength == 0) {
      return openAi ? openAiError(ex, 400, "missing request body") : error(ex, 400, "missing request body");
    }
    if (jsonError != null) {
      return openAi ? openAiError(ex, 400, jsonError) : error(ex, 400, jsonError);
    }
    if (path.equals("/api/show")) {
      return show(ex, rec);
    }
    Renderer r = openAi ? new OpenAiRenderer(ex, rec) : new NativeRenderer(ex, rec, path.equals("/api/chat"));
    return generate(ex, rec, r);
  }

  // ---------------------------------------------------------------- metadata endpoints

  private Map<String, Object> tags() {
    List<ModelRuntime> list = new ArrayList<>(server.runtimes());
    list.sort(Comparator.comparing((ModelRuntime m) -> m.model.modifiedAt()).reversed()
        .thenComparing(m -> m.model.name()));
    List<Object> models = new ArrayList<>();
    for (ModelRuntime m : list) {
      ScriptedModel s = m.model;
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", s.name());
      e.put("model", s.name());
      e.put("modified_at", server.localTime(s.modifiedAt()));
      e.put("size", s.sizeBytes());
      e.put("digest", s.digest());
      e.put("details", details(s));
      if (!s.capabilities().isEmpty()) {
        e.put("capabilities", s.capabilities());
      }
      models.add(e);
    }
    return Map.of("models", models);
  }

  private static Map<String, Object> details(ScriptedModel s) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("parent_model", "");
    d.put("format", "gguf");
    d.put("family", s.family());
    d.put("families", List.of(s.family()));
    d.put("parameter_size", s.parameterSize());
    d.put("quantization_level", s.quantization());
    return d;
  }

  private Map<String, Object> ps() {
    Instant now = server.now();
    List<Map<String, Object>> models = new ArrayList<>();
    List<Instant> expiries = new ArrayList<>();
    for (ModelRuntime m : server.runtimes()) {
      m.loadedState(now).ifPresent(l -> {
        ScriptedModel s = m.model;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", s.name());
        e.put("model", s.name());
        e.put("size", s.sizeBytes());
        e.put("digest", s.digest());
        e.put("details", details(s));
        Instant exp = l.expiresAt != null ? l.expiresAt : Instant.parse("2318-01-01T00:00:00Z");
        e.put("expires_at", server.localTime(exp));
        e.put("size_vram", s.sizeBytes());
        e.put("context_length", l.contextLength);
        int i = 0;
        while (i < expiries.size() && !expiries.get(i).isBefore(exp)) {
          i++;
        }
        expiries.add(i, exp);
        models.add(i, e);
      });
    }
    return Map.of("models", models);
  }

  private Outcome show(HttpExchange ex, RecordedRequest rec) throws IOException {
    String name = rec.model().orElse("");
    if (name.isEmpty()) {
      return error(ex, 400, "model is required");
    }
    ModelRuntime m = server.runtime(name);
    if (m == null) {
      return error(ex, 404, "model '" + name + "' not found");
    }
    ScriptedModel s = m.model;
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("general.architecture", s.family());
    info.put("general.file_type", 15);
    info.put("general.parameter_count", parameterCount(s.parameterSize()));
    info.put("general.quantization_version", 2);
    info.put(s.family() + ".context_length", s.contextLength());
    info.put(s.family() + ".embedding_length", 3072);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("license", "");
    body.put("modelfile", "# Modelfile generated by \"ollama show\"\nFROM " + s.name() + "\n");
    body.put("parameters", "stop                           \"<|eot_id|>\"");
    body.put("template", "{{ .Prompt }}");
    body.put("details", details(s));
    body.put("model_info", info);
    body.put("capabilities", s.capabilities());
    body.put("modified_at", server.localTime(s.modifiedAt()));
    return json(ex, 200, body);
  }

  private static long parameterCount(String parameterSize) {
    try {
      String p = parameterSize.strip().toUpperCase(java.util.Locale.ROOT);
      double scale = p.endsWith("B") ? 1e9 : p.endsWith("M") ? 1e6 : 1;
      return (long) (Double.parseDouble(p.replaceAll("[^0-9.]", "")) * scale);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Map<String, Object> openAiModels() {
    List<Object> data = new ArrayList<>();
    for (ModelRuntime m : server.runtimes()) {
      data.add(openAiModelObject(m.model));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("data", data.isEmpty() ? null : data);
    return body;
  }

  private Outcome openAiModel(HttpExchange ex, String name) throws IOException {
    ModelRuntime m = server.runtime(name);
    if (m == null) {
      return openAiError(ex, 404, "model '" + name + "' not found");
    }
    return json(ex, 200, openAiModelObject(m.model));
  }

  private static Map<String, Object> openAiModelObject(ScriptedModel s) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", s.name());
    e.put("object", "model");
    e.put("created", s.modifiedAt().getEpochSecond());
    int slash = s.name().lastIndexOf('/');
    e.put("owned_by", slash < 0 ? "library" : s.name().substring(0, slash).replaceAll(".*/", ""));
    return e;
  }

  // ---------------------------------------------------------------- generation

  private Outcome generate(HttpExchange ex, RecordedRequest rec, Renderer r)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Map<String, Object> json = rec.json();
    String model = json.get("model") instanceof String ? (String) json.get("model") : "";
    if (model.isEmpty()) {
      return r.missingModel();
    }
    ModelRuntime rt = server.runtime(model);
    if (rt == null) {
      return r.error(404, "model '" + model + "' not found");
    }
    ScriptedModel sm = rt.model;
    Duration keepAlive = sm.keepAlive();
    if (json.get("keep_alive") != null) {
      try {
        keepAlive = Wire.keepAlive(json.get("keep_alive"));
      } catch (IllegalArgumentException e) {
        return r.error(400, e.getMessage());
      }
    }
    Object think = r.think();
    boolean wantsThink = Boolean.TRUE.equals(think) || think instanceof String;
    if (think instanceof String && !THINK_LEVELS.contains(think)) {
      return r.error(400, "think value \"" + think + "\" is not supported; use true, false, \"low\", \"medium\" or \"high\"");
    }
    if (think != null && !(think instanceof Boolean) && !(think instanceof String)) {
      return r.error(400, "invalid think value: " + think);
    }
    if (wantsThink && !sm.hasCapability("thinking")) {
      return r.error(400, "\"" + model + "\" does not support thinking");
    }
    boolean thinking = sm.hasCapability("thinking") && sm.thinkingResponder().isPresent()
        && (think == null || wantsThink);
    Map<String, Object> options = r.options();
    String optionError = checkOptions(json.get("options"));
    if (optionError != null) {
      return r.error(optionError.startsWith("options") ? 400 : 500, optionError);
    }
    Fault fault = rt.nextFault();
    if (fault != null && fault.beforeFirstByte()) {
      if (fault.kind() == Fault.Kind.REDIRECT) {
        ex.getResponseHeaders().set("Location", fault.message());
        ex.sendResponseHeaders(fault.status(), -1);
        return Outcome.FAULT;
      }
      return fault.kind() == Fault.Kind.HTTP_ERROR ? r.error(fault.status(), fault.message())
          : raw(ex, fault.status(), fault.contentType(), fault.message());
    }
    if (fault != null && fault.endless()) {
      return endless(r, fault);
    }
    boolean loadOnly = r.loadOnly();
    if (loadOnly && keepAlive != null && keepAlive.isZero()) {
      rt.unload();
      return r.loadReply("unload");
    }

    // scheduling: a cold model (or changed runner options) needs a load, which queues
    Map<String, Object> runnerOptions = new TreeMap<>();
    options.forEach((k, v) -> {
      if (RUNNER_OPTIONS.contains(k) && v != null) {
        runnerOptions.put(k, v instanceof Number ? (Object) ((Number) v).doubleValue() : v);
      }
    });
    int contextLength = options.get("num_ctx") instanceof Number
        ? ((Number) options.get("num_ctx")).intValue() : server.defaultContextLength();
    long scriptedLoad = 0;
    if (!rt.isWarm(server.now(), runnerOptions)) {
      if (rt.waitingForLoad.incrementAndGet() > sm.maxQueue() + 1) {
        rt.waitingForLoad.decrementAndGet();
        return r.error(503, Fault.SERVER_BUSY_MESSAGE);
      }
      try {
        rt.loadLock.lockInterruptibly();
        try {
          if (!rt.isWarm(server.now(), runnerOptions)) {
            sleepUntil(System.nanoTime() + sm.coldLoad().toNanos());
            scriptedLoad = sm.coldLoad().toNanos();
            rt.markLoaded(server.now(), runnerOptions, contextLength, keepAlive);
          }
        } finally {
          rt.loadLock.unlock();
        }
      } finally {
        rt.waitingForLoad.decrementAndGet();
      }
    }
    long loadNanos = System.nanoTime() - t0;
    if (loadOnly) {
      if (fault != null && fault.kind() == Fault.Kind.STALL && !server.awaitStallRelease(rec)) {
        throw new DropConnection("server stopping");
      }
      if (fault != null && fault.kind() == Fault.Kind.CUT) {
        throw new DropConnection("fault: cut");
      }
      rt.touch(server.now(), keepAlive);
      return r.loadReply("load");
    }

    rt.slots.acquire();
    rt.enter();
    server.generationStarted();
    boolean ended = false;
    try {
      long slotAt = System.nanoTime();
      String text;
      String thinkText = "";
      try {
        text = sm.responder().apply(rec);
        if (thinking) {
          thinkText = sm.thinkingResponder().get().apply(rec);
        }
      } catch (RuntimeException e) {
        return r.error(500, "scripted responder failed: " + e);
      }
      if (text == null) {
        return r.error(500, "scripted responder returned null");
      }
      String doneReason = "stop";
      for (String stop : stopSequences(options.get("stop"))) {
        int at = text.indexOf(stop);
        if (!stop.isEmpty() && at >= 0) {
          text = text.substring(0, at);
        }
      }
      List<String> thinkTokens = Wire.tokens(thinkText == null ? "" : thinkText);
      List<String> tokens = Wire.tokens(text);
      if (options.get("num_predict") instanceof Number) {
        int limit = ((Number) options.get("num_predict")).intValue();
        if (limit >= 0 && thinkTokens.size() + tokens.size() > limit) {
          if (thinkTokens.size() > limit) {
            thinkTokens = thinkTokens.subList(0, limit);
          }
          tokens = tokens.subList(0, Math.max(0, limit - thinkTokens.size()));
          doneReason = "length";
        }
      }
      long promptEnd = slotAt + sm.timeToFirstToken().toNanos();
      long interval = sm.tokensPerSecond() > 0 ? (long) (1e9 / sm.tokensPerSecond()) : 0;
      sleepUntil(promptEnd);
      long evalStart = System.nanoTime();
      long promptEvalNanos = evalStart - slotAt;
      int total = thinkTokens.size() + tokens.size();
      boolean stream = r.streaming();
      int emitted = 0;
      StringBuilder sentText = new StringBuilder();
      StringBuilder sentThinking = new StringBuilder();
      for (int i = 0; i <= total; i++) {
        if (fault != null && stream && fault.afterTokens() == emitted
            || fault != null && stream && i == total && fault.afterTokens() > emitted) {
          Outcome o = streamFault(r, fault);
          if (o != null) {
            return o;
          }
          fault = null;
        }
        if (i == total) {
          break;
        }
        sleepUntil(evalStart + i * interval);
        boolean isThinking = i < thinkTokens.size();
        String piece = isThinking ? thinkTokens.get(i) : tokens.get(i - thinkTokens.size());
        (isThinking ? sentThinking : sentText).append(piece);
        if (stream) {
          r.chunk(piece, isThinking);
        }
        emitted++;
      }
      sleepUntil(evalStart + total * interval);
      if (!stream && fault != null) {
        switch (fault.kind()) {
          case ERROR_LINE:
            return r.error(500, fault.message());
          case CUT:
            throw new DropConnection("fault: cut");
          case STALL:
            if (!server.awaitStallRelease(rec)) {
              throw new DropConnection("server stopping");
            }
            break;
          case END_WITHOUT_DONE:
            int k = Math.min(fault.afterTokens(), tokens.size());
            r.incompleteObject(String.join("", tokens.subList(0, k)));
            return Outcome.FAULT;
          default:
            break;
        }
      }
      long end = System.nanoTime();
      long scriptedPrompt = sm.timeToFirstToken().toNanos();
      long scriptedEval = emitted * interval;
      Metrics m = server.scriptedTimings()
          ? new Metrics(scriptedLoad + scriptedPrompt + scriptedEval, scriptedLoad,
              Wire.promptTokens(rec.promptText()), scriptedPrompt, emitted, scriptedEval)
          : new Metrics(end - t0, loadNanos, Wire.promptTokens(rec.promptText()),
              promptEvalNanos, emitted, end - evalStart);
      // settle the bookkeeping before the final line: a client that has read "done" must see the
      // slot free and the keep-alive applied (keep_alive 0 = unloaded), or its next check races us
      ended = true;
      endGeneration(rt, keepAlive);
      r.done(doneReason, m, sentText.toString(), sentThinking.toString());
      return Outcome.COMPLETED;
    } finally {
      if (!ended) {
        endGeneration(rt, keepAlive);
      }
    }
  }

  private void endGeneration(ModelRuntime rt, Duration keepAlive) {
    server.generationEnded();
    rt.exit();
    rt.slots.release();
    rt.touch(server.now(), keepAlive);
  }

  /**
   * Streams for ever ({@link Fault#trickle}, {@link Fault#blankLines}, {@link Fault#endlessTokens});
   * ends by {@link ClientGone} when a write fails because the client went away, or by an interrupt
   * when the server stops.
   */
  private Outcome endless(Renderer r, Fault fault) throws IOException, InterruptedException {
    long interval = fault.interval().toNanos();
    byte[] partial = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":false}"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] newline = {'\n'};
    r.ensureHeaders();
    long next = System.nanoTime();
    for (long i = 0; ; i++) {
      if (Thread.interrupted() || server.isStopping()) {
        throw new InterruptedException();
      }
      switch (fault.kind()) {
        case TRICKLE:
          r.writeFlushed(new byte[] {partial[(int) (i % partial.length)]});
          break;
        case BLANK_LINES:
          r.writeFlushed(newline);
          break;
        default:
          r.chunk("tok ", false);
          break;
      }
      next += interval;
      sleepUntil(next);
    }
  }

  /** Applies a mid-stream fault; returns the outcome, or null when the stream goes on. */
  private Outcome streamFault(Renderer r, Fault fault) throws IOException, InterruptedException {
    switch (fault.kind()) {
      case ERROR_LINE:
        r.errorLine(fault.message());
        return Outcome.FAULT;
      case STALL:
        if (!server.awaitStallRelease(r.rec)) {
          throw new DropConnection("server stopping");
        }
        return null;
      case CUT:
        if (fault.afterTokens() > 0) {
          // let the client take the lines already sent: the JDK client may report a reset
          // before handing over data it has buffered
          sleepUntil(System.nanoTime() + CUT_GRACE_NANOS);
        }
        throw new DropConnection("fault: cut");
      case END_WITHOUT_DONE:
        r.ensureHeaders();
        return Outcome.FAULT;
      default:
        return null;
    }
  }

  private static List<String> stopSequences(Object stop) {
    if (stop instanceof String) {
      return List.of((String) stop);
    }
    List<String> out = new ArrayList<>();
    if (stop instanceof List) {
      for (Object o : (List<?>) stop) {
        if (o instanceof String) {
          out.add((String) o);
        }
      }
    }
    return out;
  }

  /** Validates option types as Ollama's {@code Options.FromMap} does; null when fine. */
  private static String checkOptions(Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof Map)) {
      return "options must be a JSON object";
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
      String k = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      if (INT_OPTIONS.contains(k) && !(v instanceof Number)) {
        return "option \"" + k + "\" must be of type integer";
      }
      if (FLOAT_OPTIONS.contains(k) && !(v instanceof Number)) {
        return "option \"" + k + "\" must be of type float32";
      }
      if (BOOL_OPTIONS.contains(k) && !(v instanceof Boolean)) {
        return "option \"" + k + "\" must be of type boolean";
      }
      if (k.equals("stop") && !(v instanceof List) && !(v instanceof String)) {
        return "option \"stop\" must be of type array";
      }
    }
    return null;
  }

  private static void sleepUntil(long deadlineNanos) throws InterruptedException {
    for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  // ---------------------------------------------------------------- plain responses

  private static Outcome text(HttpExchange ex, int status, String body) throws IOException {
    return raw(ex, status, "text/plain; charset=utf-8", body);
  }

  private static Outcome methodNotAllowed(HttpExchange ex) throws IOException {
    return text(ex, 405, "405 method not allowed");
  }

  private static Outcome json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json; charset=utf-8", Wire.json(body));
    return status < 400 ? Outcome.COMPLETED : Outcome.ERROR_STATUS;
  }

  private static Outcome error(HttpExchange ex, int status, String message) throws IOException {
    return json(ex, status, Map.of("error", message));
  }

  private static Outcome openAiError(HttpExchange ex, int status, String message) throws IOException {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("message", message);
    err.put("type", status == 400 ? "invalid_request_error" : status == 404 ? "not_found_error" : "api_error");
    err.put("param", null);
    err.put("code", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", err);
    return json(ex, status, body);
  }

  private static Outcome raw(HttpExchange ex, int status, String contentType, String body) throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    return status < 400 ? Outcome.COMPLETED : Outcome.ERROR_STATUS;
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
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

  // ---------------------------------------------------------------- renderers

  /** Server-side metrics of a finished generation, in nanoseconds. */
  static final class Metrics {
    final long total;
    final long load;
    final int promptCount;
    final long promptEval;
    final int evalCount;
    final long eval;

    Metrics(long total, long load, int promptCount, long promptEval, int evalCount, long eval) {
      this.total = total;
      this.load = load;
      this.promptCount = promptCount;
      this.promptEval = promptEval;
      this.evalCount = evalCount;
      this.eval = eval;
    }

    void putInto(Map<String, Object> m) {
      putNonZero(m, "total_duration", total);
      putNonZero(m, "load_duration", load);
      putNonZero(m, "prompt_eval_count", promptCount);
      putNonZero(m, "prompt_eval_duration", promptEval);
      putNonZero(m, "eval_count", evalCount);
      putNonZero(m, "eval_duration", eval);
    }

    private static void putNonZero(Map<String, Object> m, String k, long v) {
      if (v != 0) {
        m.put(k, v);
      }
    }
  }

  /** Writes one protocol's response shapes. */
  private abstract class Renderer {
    final HttpExchange ex;
    final RecordedRequest rec;
    private OutputStream out;

    Renderer(HttpExchange ex, RecordedRequest rec) {
      this.ex = ex;
      this.rec = rec;
    }

    abstract boolean streaming();

    abstract boolean loadOnly();

    abstract Object think();

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
      try {
        out.write(bytes);
        out.flush();
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

  /** {@code /api/chat} and {@code /api/generate}. */
  private final class NativeRenderer extends Renderer {
    private final boolean chat;

    NativeRenderer(HttpExchange ex, RecordedRequest rec, boolean chat) {
      super(ex, rec);
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
    Object think() {
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
      return OllamaHandler.error(ex, status, message);
    }

    private Map<String, Object> head() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model());
      m.put("created_at", createdAt());
      return m;
    }

    private Map<String, Object> message(String content, String thinking) {
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

  /** {@code /v1/chat/completions}, basic: text content, SSE streaming, usage. */
  private final class OpenAiRenderer extends Renderer {
    private final String id = "chatcmpl-" + (int) (Math.random() * 999);
    private final long created = server.now().getEpochSecond();

    OpenAiRenderer(HttpExchange ex, RecordedRequest rec) {
      super(ex, rec);
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
    Object think() {
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
      byte[] j = payload instanceof byte[] ? (byte[]) payload : Wire.json(payload);
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
}
