package io.taskoptimizer.testserver;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure the {@link OllamaTestServer} injects into a generation request ({@code /api/chat},
 * {@code /api/generate}), imitating what a real Ollama or the network in front of it does.
 *
 * <p>Attach a fault to every request of a model with {@link ScriptedModel.Builder#fault(Fault)}, or
 * to the next requests only with {@link OllamaTestServer#enqueueFault(String, Fault)}.
 *
 * <p>Faults "after N tokens" stream N token lines on an HTTP 200 first; with {@code N = 0} the
 * fault happens before the status line, exactly where a real server would fail before its first
 * byte. For a non-streaming request (which sends nothing until the end) the mid-stream faults
 * become their non-streaming equivalent, as documented on each factory.
 *
 * <p>Immutable, so thread-safe.
 */
public final class Fault {

  /** The exact message Ollama sends with 503 when its queue is full. */
  public static final String SERVER_BUSY_MESSAGE =
      "server busy, please try again.  maximum pending requests exceeded";

  enum Kind {
    HTTP_ERROR,
    RAW_RESPONSE,
    ERROR_LINE,
    STALL,
    CUT,
    END_WITHOUT_DONE,
    REDIRECT,
    TRICKLE,
    BLANK_LINES,
    ENDLESS_TOKENS
  }

  private final Kind kind;
  private final int status;
  private final String message;
  private final @Nullable String contentType;
  private final int afterTokens;
  private final Duration interval;

  private Fault(
      Kind kind, int status, String message, @Nullable String contentType, int afterTokens) {
    this(kind, status, message, contentType, afterTokens, Duration.ZERO);
  }

  private Fault(
      Kind kind,
      int status,
      String message,
      @Nullable String contentType,
      int afterTokens,
      Duration interval) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.contentType = contentType;
    this.afterTokens = afterTokens;
    this.interval = interval;
  }

  /**
   * An error before the first byte: the given status with body {@code {"error":"message"}}, as
   * Ollama answers a failed load (500), a full queue (503) or a rate limit in front of it (429).
   *
   * @param status an HTTP status from 400 to 599
   * @param message the error text; not null
   * @return the fault
   * @throws IllegalArgumentException if {@code status} is outside 400 to 599
   */
  public static Fault httpError(int status, String message) {
    checkStatus(status);
    Objects.requireNonNull(message, "message");
    return new Fault(Kind.HTTP_ERROR, status, message, "application/json; charset=utf-8", 0);
  }

  /** {@return HTTP 503 with Ollama's exact queue-full message ({@link #SERVER_BUSY_MESSAGE})} */
  public static Fault serverBusy() {
    return httpError(503, SERVER_BUSY_MESSAGE);
  }

  /**
   * A response that is not Ollama's protocol, for example an HTML error page from a proxy or a
   * truncated JSON body.
   *
   * @param status any HTTP status from 200 to 599
   * @param contentType the Content-Type header to send
   * @param body the body, sent as UTF-8
   * @return the fault
   * @throws IllegalArgumentException if {@code status} is outside 200 to 599
   */
  public static Fault rawResponse(int status, String contentType, String body) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200..599: " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    return new Fault(Kind.RAW_RESPONSE, status, body, contentType, 0);
  }

  /**
   * Streams {@code tokens} token lines on HTTP 200, then writes {@code {"error":"message"}} as one
   * more line and ends the stream without a {@code done:true} line, as Ollama does when a runner
   * fails mid-generation. A non-streaming request gets HTTP 500 with that error instead.
   *
   * @param tokens how many token lines to stream first; not negative
   * @param message the error text; not null
   * @return the fault
   * @throws IllegalArgumentException if {@code tokens} is negative
   */
  public static Fault errorLineAfterTokens(int tokens, String message) {
    checkTokens(tokens);
    Objects.requireNonNull(message, "message");
    return new Fault(Kind.ERROR_LINE, 200, message, null, tokens);
  }

  /**
   * Sends no byte at all (no status line) until {@link OllamaTestServer#releaseStalls()} (the
   * request then continues normally) or {@link OllamaTestServer#stop()} (the connection is closed).
   * Imitates a hung load or prompt evaluation.
   *
   * @return the fault
   */
  public static Fault stall() {
    return new Fault(Kind.STALL, 200, "", null, 0);
  }

  /**
   * Streams {@code tokens} token lines and then sends nothing more until released or stopped (see
   * {@link #stall()}). Imitates a runner that stops producing tokens. A non-streaming request
   * simply never gets its response until released.
   *
   * @param tokens how many token lines to stream first; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code tokens} is negative
   */
  public static Fault stallAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.STALL, 200, "", null, tokens);
  }

  /**
   * Streams {@code tokens} token lines and then (after 20 ms, so the client can take them) drops
   * the TCP connection without ending the chunked body, as when the server process dies. With
   * {@code 0}, or for a non-streaming request, the connection is dropped before any response byte.
   *
   * @param tokens how many token lines to stream first; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code tokens} is negative
   */
  public static Fault cutAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.CUT, 200, "", null, tokens);
  }

  /**
   * Streams {@code tokens} token lines and then ends the body cleanly but without the final {@code
   * done:true} line. A non-streaming request gets a 200 object with {@code "done":false}.
   *
   * @param tokens how many token lines to stream; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code tokens} is negative
   */
  public static Fault endWithoutDoneAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.END_WITHOUT_DONE, 200, "", null, tokens);
  }

  /**
   * A redirect before the first byte: the given 3xx status with a {@code Location} header and an
   * empty body, as a misconfigured or hostile proxy might answer. The server never follows it
   * itself; a test can point {@code location} at a second {@link OllamaTestServer} and check that
   * nothing reached it.
   *
   * @param status an HTTP status from 300 to 399 (e.g. 301, 302, 307, 308)
   * @param location the Location header, absolute or relative; not null
   * @return the fault
   * @throws IllegalArgumentException if {@code status} is outside 300 to 399
   */
  public static Fault redirect(int status, String location) {
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("A redirect status must be 300..399: " + status);
    }
    Objects.requireNonNull(location, "location");
    return new Fault(Kind.REDIRECT, status, location, null, 0);
  }

  /**
   * HTTP 200 with the stream's headers, then one byte of a token line every {@code interval}, never
   * finishing the line, for ever: a body that trickles without ever making progress. Ends when the
   * client disconnects (the next write fails) or the server stops. The request's {@code stream}
   * flag is ignored.
   *
   * @param interval the pause between bytes; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public static Fault trickle(Duration interval) {
    return new Fault(Kind.TRICKLE, 200, "", null, 0, checkInterval(interval));
  }

  /**
   * HTTP 200 with the stream's headers, then an empty line every {@code interval}, for ever. Ends
   * when the client disconnects or the server stops. The request's {@code stream} flag is ignored.
   *
   * @param interval the pause between lines; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public static Fault blankLines(Duration interval) {
    return new Fault(Kind.BLANK_LINES, 200, "", null, 0, checkInterval(interval));
  }

  /**
   * HTTP 200, then a valid token line every {@code interval} ({@code 0}: as fast as the connection
   * takes them), for ever, without a {@code done:true} line: a model that never stops. Ends when
   * the client disconnects or the server stops. The request's {@code stream} flag is ignored.
   *
   * @param interval the pause between token lines; not negative
   * @return the fault
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public static Fault endlessTokens(Duration interval) {
    return new Fault(Kind.ENDLESS_TOKENS, 200, "", null, 0, checkInterval(interval));
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  String message() {
    return message;
  }

  @Nullable String contentType() {
    return contentType;
  }

  int afterTokens() {
    return afterTokens;
  }

  Duration interval() {
    return interval;
  }

  /** Whether this fault acts before anything is generated (no tokens streamed first). */
  boolean beforeFirstByte() {
    return kind == Kind.HTTP_ERROR || kind == Kind.RAW_RESPONSE || kind == Kind.REDIRECT;
  }

  /** Whether this fault streams for ever instead of generating. */
  boolean endless() {
    return kind == Kind.TRICKLE || kind == Kind.BLANK_LINES || kind == Kind.ENDLESS_TOKENS;
  }

  private static Duration checkInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative: " + interval);
    }
    return interval;
  }

  private static void checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("An error status must be 400..599: " + status);
    }
  }

  private static void checkTokens(int tokens) {
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must not be negative: " + tokens);
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case HTTP_ERROR -> "Fault.httpError(" + status + ", \"" + message + "\")";
      case RAW_RESPONSE -> "Fault.rawResponse(" + status + ", " + contentType + ")";
      case ERROR_LINE -> "Fault.errorLineAfterTokens(" + afterTokens + ", \"" + message + "\")";
      case STALL -> "Fault.stallAfterTokens(" + afterTokens + ")";
      case CUT -> "Fault.cutAfterTokens(" + afterTokens + ")";
      case END_WITHOUT_DONE -> "Fault.endWithoutDoneAfterTokens(" + afterTokens + ")";
      case REDIRECT -> "Fault.redirect(" + status + ", " + message + ")";
      case TRICKLE -> "Fault.trickle(" + interval + ")";
      case BLANK_LINES -> "Fault.blankLines(" + interval + ")";
      case ENDLESS_TOKENS -> "Fault.endlessTokens(" + interval + ")";
    };
  }
}
