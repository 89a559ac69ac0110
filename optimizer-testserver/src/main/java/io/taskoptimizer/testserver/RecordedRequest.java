package io.taskoptimizer.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request that {@link OllamaTestServer} received, recorded on arrival (before it is answered), so
 * tests can assert on exactly what the client sent. The JSON body is available as plain Java maps,
 * lists, strings, numbers and booleans through {@link #json()} and the typed helpers.
 *
 * <p>Thread-safe: what was received is fixed once recorded (it is created after the whole request
 * was read; treat the maps and lists of {@link #json()} as read-only, since the server's threads
 * and the test read them at the same time), and the {@link #outcome()} is set once, safely
 * published.
 */
public final class RecordedRequest {

  /** How the server finished with a request. Immutable and thread-safe, as every enum. */
  public enum Outcome {
    /** Answered normally (including load/unload replies). */
    COMPLETED,
    /** Answered with an HTTP error status (4xx/5xx) before any token. */
    ERROR_STATUS,
    /** Ended by an injected {@link Fault} (error line, cut, end without done, raw response). */
    FAULT,
    /** The client closed the connection before the answer was complete. */
    CLIENT_DISCONNECTED,
    /** The server was stopped while the request was in progress. */
    SERVER_STOPPED
  }

  private final int sequenceNumber;
  private final Instant receivedAt;
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Map<String, Object> json;
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  /** The stall latch current when the request arrived; releaseStalls() after that releases it. */
  final java.util.concurrent.CountDownLatch stallRelease;

  RecordedRequest(
      int sequenceNumber,
      Instant receivedAt,
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] body,
      Map<String, Object> json,
      java.util.concurrent.CountDownLatch stallRelease) {
    this.sequenceNumber = sequenceNumber;
    this.receivedAt = receivedAt;
    this.method = method;
    this.path = path;
    this.query = query;
    Map<String, List<String>> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    this.body = body.clone();
    this.json = json;
    this.stallRelease = stallRelease;
  }

  /**
   * {@return the request's number: 1 for the first request the server received, then 2, 3, ...
   * (across restarts)}
   */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /** {@return when the request arrived, by the server's clock} */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** {@return the HTTP method, e.g. {@code POST}} */
  public String method() {
    return method;
  }

  /** {@return the path without the query, e.g. {@code /api/chat}} */
  public String path() {
    return path;
  }

  /** {@return the raw query string; empty if the URL had none} */
  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  /** {@return all headers, keyed by lower-case name; unmodifiable} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header's name, in any case; not null
   * @return its first value; empty if the request has no such header
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name");
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** {@return the body as UTF-8 text; empty if there was none} */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * {@return the body parsed as a JSON object, to be read only; empty when the body is empty or not
   * a JSON object}
   */
  public Map<String, Object> json() {
    return json;
  }

  /**
   * {@return the {@code model} field (or the deprecated {@code name} field of {@code /api/show});
   * empty if neither is a non-empty string}
   */
  public Optional<String> model() {
    Object m = json.get("model");
    if (!(m instanceof String) || ((String) m).isEmpty()) {
      m = json.get("name");
    }
    return m instanceof String && !((String) m).isEmpty()
        ? Optional.of((String) m)
        : Optional.empty();
  }

  /** {@return the {@code stream} field as sent; empty when absent (Ollama then streams)} */
  public Optional<Boolean> stream() {
    Object s = json.get("stream");
    return s instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  /** {@return whether Ollama streams the answer: {@code stream} absent or true} */
  public boolean streaming() {
    return stream().orElse(true);
  }

  /** {@return the {@code options} object, unmodifiable; empty when absent} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> options() {
    Object o = json.get("options");
    return o instanceof Map ? Collections.unmodifiableMap((Map<String, Object>) o) : Map.of();
  }

  /**
   * One option as sent, e.g. {@code option("num_ctx")} gives an Integer.
   *
   * @param name the option's name; not null
   * @return its value as parsed from the JSON; empty when the request does not set it
   */
  public Optional<Object> option(String name) {
    return Optional.ofNullable(options().get(Objects.requireNonNull(name, "name")));
  }

  /**
   * {@return the {@code keep_alive} value as sent (a number of seconds or a duration string); empty
   * when absent}
   */
  public Optional<Object> keepAlive() {
    return Optional.ofNullable(json.get("keep_alive"));
  }

  /**
   * {@return the {@code format} value as sent ({@code "json"} or a schema object as a Map); empty
   * when absent}
   */
  public Optional<Object> format() {
    return Optional.ofNullable(json.get("format"));
  }

  /** {@return the {@code think} value as sent (a boolean or a level string); empty when absent} */
  public Optional<Object> think() {
    return Optional.ofNullable(json.get("think"));
  }

  /**
   * {@return the chat messages as sent ({@code role}, {@code content}, ...), unmodifiable; empty
   * for generate}
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> messages() {
    Object m = json.get("messages");
    if (!(m instanceof List)) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) m) {
      if (o instanceof Map) {
        out.add(Collections.unmodifiableMap((Map<String, Object>) o));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@return the {@code prompt} of a generate request; empty when it has none (or for chat)} */
  public Optional<String> prompt() {
    Object p = json.get("prompt");
    return p instanceof String text ? Optional.of(text) : Optional.empty();
  }

  /**
   * {@return the {@code system} field of a generate request, or the first system message of a chat;
   * empty if there is neither}
   */
  public Optional<String> system() {
    Object s = json.get("system");
    if (s instanceof String text) {
      return Optional.of(text);
    }
    return messages().stream()
        .filter(m -> "system".equals(m.get("role")))
        .map(m -> String.valueOf(m.get("content")))
        .findFirst();
  }

  /**
   * {@return the content of the last user message, or the prompt of a generate request; empty if
   * there is neither}
   */
  public Optional<String> lastUserMessage() {
    List<Map<String, Object>> msgs = messages();
    for (int i = msgs.size() - 1; i >= 0; i--) {
      Object content = msgs.get(i).get("content");
      if ("user".equals(msgs.get(i).get("role")) && content instanceof String text) {
        return Optional.of(text);
      }
    }
    return prompt();
  }

  /**
   * {@return all text sent to the model (system, message contents, prompt), each followed by a
   * newline; empty if there is none}
   */
  public String promptText() {
    StringBuilder sb = new StringBuilder();
    Object s = json.get("system");
    if (s instanceof String) {
      sb.append(s).append('\n');
    }
    for (Map<String, Object> m : messages()) {
      Object c = m.get("content");
      if (c instanceof String) {
        sb.append(c).append('\n');
      }
    }
    prompt().ifPresent(p -> sb.append(p).append('\n'));
    return sb.toString();
  }

  /** {@return how the server finished with this request; empty while it is in progress} */
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome.getNow(null));
  }

  /**
   * Waits until the server has finished with this request.
   *
   * @param timeout how long to wait at most; not null
   * @return how the server finished with it
   * @throws AssertionError if it does not finish within {@code timeout}, or the thread is
   *     interrupted while waiting
   */
  public Outcome awaitOutcome(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    try {
      return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "Request #"
              + sequenceNumber
              + " "
              + method
              + " "
              + path
              + " was still in progress after "
              + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for request #" + sequenceNumber, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  void finish(Outcome o) {
    outcome.complete(o);
  }

  @Override
  public String toString() {
    return "RecordedRequest#"
        + sequenceNumber
        + "["
        + method
        + " "
        + path
        + model().map(m -> " model=" + m).orElse("")
        + "]";
  }
}
