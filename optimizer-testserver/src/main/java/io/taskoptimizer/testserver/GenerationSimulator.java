package io.taskoptimizer.testserver;

import static io.taskoptimizer.testserver.Responses.raw;

import com.sun.net.httpserver.HttpExchange;
import io.taskoptimizer.testserver.OllamaHandler.DropConnection;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs one generation request of a scripted model: validation, faults, the cold load and the load
 * queue, a slot, the reply split into tokens with the scripted timing, and the final metrics. What
 * goes on the wire is the {@link Renderer}'s business.
 */
final class GenerationSimulator {

  private static final Set<String> INT_OPTIONS =
      Set.of(
          "num_keep",
          "seed",
          "num_predict",
          "top_k",
          "repeat_last_n",
          "num_ctx",
          "num_batch",
          "num_gpu",
          "main_gpu",
          "num_thread",
          "draft_num_predict");
  private static final Set<String> FLOAT_OPTIONS =
      Set.of(
          "top_p",
          "min_p",
          "typical_p",
          "temperature",
          "repeat_penalty",
          "presence_penalty",
          "frequency_penalty");
  private static final Set<String> BOOL_OPTIONS = Set.of("use_mmap", "truncate", "shift");
  private static final Set<String> RUNNER_OPTIONS =
      Set.of(
          "num_ctx",
          "num_batch",
          "num_gpu",
          "main_gpu",
          "use_mmap",
          "num_thread",
          "draft_num_predict");
  private static final Set<String> THINK_LEVELS = Set.of("low", "medium", "high", "max");

  private static final long CUT_GRACE_NANOS = 20_000_000L;

  /** What {@link #load} returns when the load queue is full (the request gets a 503). */
  private static final long QUEUE_FULL = -1;

  private final OllamaTestServer server;

  GenerationSimulator(OllamaTestServer server) {
    this.server = server;
  }

  /** Answers one generation request in the renderer's protocol; returns how it ended. */
  Outcome generate(HttpExchange ex, RecordedRequest rec, Renderer r)
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
    @Nullable Duration keepAlive = sm.keepAlive();
    if (json.get("keep_alive") != null) {
      try {
        keepAlive = Wire.keepAlive(json.get("keep_alive"));
      } catch (IllegalArgumentException e) {
        return r.error(400, String.valueOf(e.getMessage()));
      }
    }
    @Nullable Object think = r.think();
    boolean wantsThink = Boolean.TRUE.equals(think) || think instanceof String;
    String thinkError = checkThink(think, wantsThink, sm, model);
    if (thinkError != null) {
      return r.error(400, thinkError);
    }
    boolean thinking =
        sm.hasCapability("thinking")
            && sm.thinkingResponder().isPresent()
            && (think == null || wantsThink);
    Map<String, Object> options = r.options();
    String optionError = checkOptions(json.get("options"));
    if (optionError != null) {
      return r.error(optionError.startsWith("options") ? 400 : 500, optionError);
    }
    Fault fault = rt.nextFault();
    if (fault != null && fault.beforeFirstByte()) {
      return faultBeforeFirstByte(ex, r, fault);
    }
    if (fault != null && fault.endless()) {
      return endless(r, fault);
    }
    boolean loadOnly = r.loadOnly();
    if (loadOnly && keepAlive != null && keepAlive.isZero()) {
      rt.unload();
      return r.loadReply("unload");
    }

    long scriptedLoad = load(rt, options, keepAlive);
    if (scriptedLoad == QUEUE_FULL) {
      return r.error(503, Fault.SERVER_BUSY_MESSAGE);
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
      Reply reply = reply(text, thinkText, options);
      List<String> thinkTokens = reply.thinkTokens();
      List<String> tokens = reply.tokens();
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
        if ((fault != null && stream && fault.afterTokens() == emitted)
            || (fault != null && stream && i == total && fault.afterTokens() > emitted)) {
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
        Outcome o = replyFault(r, fault, tokens);
        if (o != null) {
          return o;
        }
      }
      long end = System.nanoTime();
      long scriptedPrompt = sm.timeToFirstToken().toNanos();
      long scriptedEval = emitted * interval;
      Metrics m =
          server.scriptedTimings()
              ? new Metrics(
                  scriptedLoad + scriptedPrompt + scriptedEval,
                  scriptedLoad,
                  Wire.promptTokens(rec.promptText()),
                  scriptedPrompt,
                  emitted,
                  scriptedEval)
              : new Metrics(
                  end - t0,
                  loadNanos,
                  Wire.promptTokens(rec.promptText()),
                  promptEvalNanos,
                  emitted,
                  end - evalStart);
      // settle the bookkeeping before the final line: a client that has read "done" must see the
      // slot free and the keep-alive applied (keep_alive 0 = unloaded), or its next check races us
      ended = true;
      endGeneration(rt, keepAlive);
      r.done(reply.doneReason(), m, sentText.toString(), sentThinking.toString());
      return Outcome.COMPLETED;
    } finally {
      if (!ended) {
        endGeneration(rt, keepAlive);
      }
    }
  }

  private void endGeneration(ModelRuntime rt, @Nullable Duration keepAlive) {
    server.generationEnded();
    rt.exit();
    rt.slots.release();
    rt.touch(server.now(), keepAlive);
  }

  /** Validates {@code think} (or {@code reasoning_effort}) as Ollama does; null when fine. */
  private static @Nullable String checkThink(
      @Nullable Object think, boolean wantsThink, ScriptedModel sm, String model) {
    if (think instanceof String && !THINK_LEVELS.contains(think)) {
      return "think value \""
          + think
          + "\" is not supported; use true, false, \"low\", \"medium\" or \"high\"";
    }
    if (think != null && !(think instanceof Boolean) && !(think instanceof String)) {
      return "invalid think value: " + think;
    }
    if (wantsThink && !sm.hasCapability("thinking")) {
      return "\"" + model + "\" does not support thinking";
    }
    return null;
  }

  /** A fault that answers instead of the model: an error status, a raw body or a redirect. */
  private static Outcome faultBeforeFirstByte(HttpExchange ex, Renderer r, Fault fault)
      throws IOException {
    if (fault.kind() == Fault.Kind.REDIRECT) {
      ex.getResponseHeaders().set("Location", fault.message());
      ex.sendResponseHeaders(fault.status(), -1);
      return Outcome.FAULT;
    }
    return fault.kind() == Fault.Kind.HTTP_ERROR
        ? r.error(fault.status(), fault.message())
        : raw(
            ex,
            fault.status(),
            Objects.requireNonNull(fault.contentType(), "a raw response has a content type"),
            fault.message());
  }

  /**
   * Scheduling: a cold model (or changed runner options) needs a load, which queues. Returns the
   * scripted load time in nanoseconds (0 when the model was warm), or {@link #QUEUE_FULL}.
   */
  private long load(ModelRuntime rt, Map<String, Object> options, @Nullable Duration keepAlive)
      throws InterruptedException {
    ScriptedModel sm = rt.model;
    Map<String, Object> runnerOptions = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          if (RUNNER_OPTIONS.contains(k) && v != null) {
            runnerOptions.put(k, v instanceof Number n ? (Object) n.doubleValue() : v);
          }
        });
    int contextLength =
        options.get("num_ctx") instanceof Number
            ? ((Number) options.get("num_ctx")).intValue()
            : server.defaultContextLength();
    long scriptedLoad = 0;
    if (!rt.isWarm(server.now(), runnerOptions)) {
      if (rt.waitingForLoad.incrementAndGet() > sm.maxQueue() + 1) {
        rt.waitingForLoad.decrementAndGet();
        return QUEUE_FULL;
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
    return scriptedLoad;
  }

  /** The tokens to send and why the generation ends. */
  private record Reply(List<String> thinkTokens, List<String> tokens, String doneReason) {}

  /**
   * Cuts the reply at the first stop sequence and at {@code num_predict} tokens, as Ollama does.
   */
  private static Reply reply(String text, String thinkText, Map<String, Object> options) {
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
    return new Reply(thinkTokens, tokens, doneReason);
  }

  /**
   * Applies a fault to a non-streaming reply once its tokens are generated; returns the outcome, or
   * null when the reply goes on (a released stall).
   */
  private @Nullable Outcome replyFault(Renderer r, Fault fault, List<String> tokens)
      throws IOException, InterruptedException {
    switch (fault.kind()) {
      case ERROR_LINE -> {
        return r.error(500, fault.message());
      }
      case CUT -> throw new DropConnection("fault: cut");
      case STALL -> {
        if (!server.awaitStallRelease(r.rec)) {
          throw new DropConnection("server stopping");
        }
        return null;
      }
      case END_WITHOUT_DONE -> {
        int k = Math.min(fault.afterTokens(), tokens.size());
        r.incompleteObject(String.join("", tokens.subList(0, k)));
        return Outcome.FAULT;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Streams for ever ({@link Fault#trickle}, {@link Fault#blankLines}, {@link
   * Fault#endlessTokens}); ends by {@link ClientGone} when a write fails because the client went
   * away, or by an interrupt when the server stops.
   */
  private Outcome endless(Renderer r, Fault fault) throws IOException, InterruptedException {
    long interval = fault.interval().toNanos();
    byte[] partial =
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":false}"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] newline = {'\n'};
    r.ensureHeaders();
    long next = System.nanoTime();
    for (long i = 0; ; i++) {
      if (Thread.interrupted() || server.isStopping()) {
        throw new InterruptedException();
      }
      switch (fault.kind()) {
        case TRICKLE -> r.writeFlushed(new byte[] {partial[(int) (i % partial.length)]});
        case BLANK_LINES -> r.writeFlushed(newline);
        default -> r.chunk("tok ", false);
      }
      next += interval;
      sleepUntil(next);
    }
  }

  /** Applies a mid-stream fault; returns the outcome, or null when the stream goes on. */
  private @Nullable Outcome streamFault(Renderer r, Fault fault)
      throws IOException, InterruptedException {
    switch (fault.kind()) {
      case ERROR_LINE -> {
        r.errorLine(fault.message());
        return Outcome.FAULT;
      }
      case STALL -> {
        if (!server.awaitStallRelease(r.rec)) {
          throw new DropConnection("server stopping");
        }
        return null;
      }
      case CUT -> {
        if (fault.afterTokens() > 0) {
          // let the client take the lines already sent: the JDK client may report a reset
          // before handing over data it has buffered
          sleepUntil(System.nanoTime() + CUT_GRACE_NANOS);
        }
        throw new DropConnection("fault: cut");
      }
      case END_WITHOUT_DONE -> {
        r.ensureHeaders();
        return Outcome.FAULT;
      }
      default -> {
        return null;
      }
    }
  }

  private static List<String> stopSequences(@Nullable Object stop) {
    if (stop instanceof String one) {
      return List.of(one);
    }
    List<String> out = new ArrayList<>();
    if (stop instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String sequence) {
          out.add(sequence);
        }
      }
    }
    return out;
  }

  /** Validates option types as Ollama's {@code Options.FromMap} does; null when fine. */
  private static @Nullable String checkOptions(@Nullable Object raw) {
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
    for (long left = deadlineNanos - System.nanoTime();
        left > 0;
        left = deadlineNanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }
}
