package io.taskoptimizer.testkit;

import java.util.Objects;

/**
 * A failure the {@link OllamaTestServer} injects into a generation request ({@code /api/chat},
 * {@code /api/generate}), imitating what a real Ollama or the network in front of it does.
 *
 * <p>Attach a fault to every request of a model with {@link ScriptedModel.Builder#fault(Fault)},
 * or to the next requests only with {@link OllamaTestServer#enqueueFault(String, Fault)}.
 *
 * <p>Faults "after N tokens" stream N token lines on an HTTP 200 first; with {@code N = 0} the
 * fault happens before the status line, exactly where a real server would fail before its first
 * byte. For a non-streaming request (which sends nothing until the end) the mid-stream faults
 * become their non-streaming equivalent, as documented on each factory.
 */
public final class Fault {

  /** The exact message Ollama sends with 503 when its queue is full. */
  public static final String SERVER_BUSY_MESSAGE =
      "server busy, please try again.  maximum pending requests exceeded";

  enum Kind { HTTP_ERROR, RAW_RESPONSE, ERROR_LINE, STALL, CUT, END_WITHOUT_DONE }

  private final Kind kind;
  private final int status;
  private final String message;
  private final String contentType;
  private final int afterTokens;

  private Fault(Kind kind, int status, String message, String contentType, int afterTokens) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.contentType = contentType;
    this.afterTokens = afterTokens;
  }

  /**
   * An error before the first byte: the given status with body {@code {"error":"message"}}, as
   * Ollama answers a failed load (500), a full queue (503) or a rate limit in front of it (429).
   *
   * @param status an HTTP status from 400 to 599
   * @param message the error text
   */
  public static Fault httpError(int status, String message) {
    checkStatus(status);
    Objects.requireNonNull(message, "message");
    return new Fault(Kind.HTTP_ERROR, status, message, "application/json; charset=utf-8", 0);
  }

  /** HTTP 503 with Ollama's exact queue-full message ({@link #SERVER_BUSY_MESSAGE}). */
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
   */
  public static Fault errorLineAfterTokens(int tokens, String message) {
    checkTokens(tokens);
    Objects.requireNonNull(message, "message");
    return new Fault(Kind.ERROR_LINE, 200, message, null, tokens);
  }

  /**
   * Sends no byte at all (no status line) until {@link OllamaTestServer#releaseStalls()} (the
   * request then continues normally) or {@link OllamaTestServer#stop()} (the connection is
   * closed). Imitates a hung load or prompt evaluation.
   */
  public static Fault stall() {
    return new Fault(Kind.STALL, 200, "", null, 0);
  }

  /**
   * Streams {@code tokens} token lines and then sends nothing more until released or stopped
   * (see {@link #stall()}). Imitates a runner that stops producing tokens. A non-streaming request
   * simply never gets its response until released.
   */
  public static Fault stallAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.STALL, 200, "", null, tokens);
  }

  /**
   * Streams {@code tokens} token lines and then (after 20 ms, so the client can take them) drops
   * the TCP connection without ending the chunked body, as when the server process dies. With {@code 0}, or for a non-streaming request,
   * the connection is dropped before any response byte.
   */
  public static Fault cutAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.CUT, 200, "", null, tokens);
  }

  /**
   * Streams {@code tokens} token lines and then ends the body cleanly but without the final
   * {@code done:true} line. A non-streaming request gets a 200 object with {@code "done":false}.
   */
  public static Fault endWithoutDoneAfterTokens(int tokens) {
    checkTokens(tokens);
    return new Fault(Kind.END_WITHOUT_DONE, 200, "", null, tokens);
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

  String contentType() {
    return contentType;
  }

  int afterTokens() {
    return afterTokens;
  }

  /** Whether this fault acts before anything is generated (no tokens streamed first). */
  boolean beforeFirstByte() {
    return kind == Kind.HTTP_ERROR || kind == Kind.RAW_RESPONSE;
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
    switch (kind) {
      case HTTP_ERROR:
        return "Fault.httpError(" + status + ", \"" + message + "\")";
      case RAW_RESPONSE:
        return "Fault.rawResponse(" + status + ", " + contentType + ")";
      case ERROR_LINE:
        return "Fault.errorLineAfterTokens(" + afterTokens + ", \"" + message + "\")";
      case STALL:
        return "Fault.stallAfterTokens(" + afterTokens + ")";
      case CUT:
        return "Fault.cutAfterTokens(" + afterTokens + ")";
      default:
        return "Fault.endWithoutDoneAfterTokens(" + afterTokens + ")";
    }
  }
}
