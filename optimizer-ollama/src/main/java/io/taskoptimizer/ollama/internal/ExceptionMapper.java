package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.AuthenticationException;
import io.taskoptimizer.api.IncompleteResponseException;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ResponseTooLargeException;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.api.internal.Throwables;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where Ollama's HTTP statuses, error bodies and transport failures become Task
 * Optimizer exceptions. Every message names the server and says what to do. Error bodies are only
 * ever put into exception messages, never returned as model text.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>What happened</th><th>Exception</th></tr>
 *   <tr><td>404 with {@code {"error":...}}</td><td>ModelNotFoundException</td></tr>
 *   <tr><td>404 without a JSON error (not an Ollama API at that URL)</td><td>MalformedResponseException</td></tr>
 *   <tr><td>3xx (redirects are never followed)</td><td>MalformedResponseException</td></tr>
 *   <tr><td>400 and other 4xx</td><td>InvalidRequestException</td></tr>
 *   <tr><td>401, 403</td><td>AuthenticationException</td></tr>
 *   <tr><td>429, 503</td><td>ServerBusyException</td></tr>
 *   <tr><td>other 5xx</td><td>ProviderServerException(status)</td></tr>
 *   <tr><td>{@code {"error":...}} line in a 200 stream</td><td>ProviderServerException(0)</td></tr>
 *   <tr><td>stream ends or breaks without {@code done:true}</td><td>IncompleteResponseException</td></tr>
 *   <tr><td>body that is not JSON, or an answer that is not HTTP</td><td>MalformedResponseException</td></tr>
 *   <tr><td>answer text, stream line or listing over its limit</td><td>ResponseTooLargeException</td></tr>
 *   <tr><td>connection refused, unknown host, TLS failure, closed before answering</td><td>ProviderUnavailableException</td></tr>
 *   <tr><td>connect / first-byte / idle / overall budget exceeded</td><td>ProviderTimeoutException(phase)</td></tr>
 * </table>
 */
public final class ExceptionMapper {

  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final URI baseUrl;
  private final ObjectMapper mapper;

  /**
   * A mapper for one server.
   *
   * @param baseUrl the server, named (without credentials) in the messages; not null
   * @param mapper reads error bodies; not null
   */
  public ExceptionMapper(URI baseUrl, ObjectMapper mapper) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /**
   * Maps a non-200 response.
   *
   * @param status the HTTP status
   * @param contentType the response's Content-Type, or null
   * @param location the response's Location header, or null
   * @param body the response body, possibly empty
   * @param endpoint the request path, e.g. {@code /api/chat}
   * @param model the model the request was for, or null for metadata requests
   * @return the exception to fail the call with (not thrown)
   */
  public TaskOptimizerException fromStatus(
      int status,
      @Nullable String contentType,
      @Nullable String location,
      byte[] body,
      String endpoint,
      @Nullable String model) {
    if (status >= 300 && status < 400) {
      return redirect(status, location, endpoint);
    }
    String error = errorMessage(body);
    String where =
        "Ollama at "
            + shown()
            + " answered "
            + endpoint
            + " with HTTP "
            + status
            + (error == null && contentType != null ? " (" + oneLine(contentType) + ")" : "");
    String detail = error != null ? ": " + error : bodySnippet(body).map(b -> ": " + b).orElse("");
    if (status == 404) {
      if (error == null) {
        return new MalformedResponseException(
            "The server at "
                + shown()
                + " is reachable but is not an Ollama "
                + "API: it answered "
                + endpoint
                + " with HTTP 404"
                + (contentType != null ? " (" + oneLine(contentType) + ")" : "")
                + detail
                + ". There is no Ollama API at this URL; check the base URL / OLLAMA_HOST "
                + "(a wrong port or path prefix?)");
      }
      String m = model != null ? model : "(unknown)";
      return new ModelNotFoundException(
          m,
          "Model '"
              + m
              + "' is not available: "
              + where
              + detail
              + ". Pull it with 'ollama pull "
              + m
              + "' or choose a model that 'ollama list' shows");
    }
    if (status == 401 || status == 403) {
      return new AuthenticationException(
          where
              + detail
              + ". Check the credentials sent with "
              + "OllamaProvider.builder().header(\"Authorization\", ...) or OLLAMA_API_KEY; a 403 from a local "
              + "Ollama can also mean the Host header is not allowed (OLLAMA_ORIGINS, or connect through localhost)");
    }
    if (status == 429 || status == 503) {
      return new ServerBusyException(
          where
              + detail
              + ". The server is overloaded or rate-limited; "
              + "retry later, lower the number of concurrent requests, or raise OLLAMA_MAX_QUEUE on the server");
    }
    if (status >= 500) {
      return serverError(
          status,
          where
              + detail
              + ". The model may have failed to load "
              + "or crashed (check the Ollama server log); a wrongly typed option also gives 500",
          null);
    }
    return new InvalidRequestException(
        where
            + detail
            + (model != null ? " (model '" + model + "')" : "")
            + ". Fix the request; sending it again unchanged will fail the same way");
  }

  /**
   * An {@code {"error":...}} line inside a 200 stream.
   *
   * @param error the error text Ollama sent
   * @param model the model that was generating
   * @param chunksSoFar text chunks received before the error
   * @return the exception (not thrown)
   */
  public ProviderServerException midStreamError(String error, String model, int chunksSoFar) {
    return serverError(
        0,
        "Ollama at "
            + shown()
            + " reported an error while model '"
            + model
            + "' was generating (after "
            + chunksSoFar
            + " chunks): "
            + error
            + ". The runner failed mid-generation; retry, or check the Ollama server log",
        null);
  }

  /**
   * A stream that ended or broke before {@code done:true}.
   *
   * @param model the model that was generating
   * @param chunksSoFar text chunks received before the end
   * @param cause why it broke, or null if it just ended
   * @return the exception (not thrown)
   */
  public IncompleteResponseException incomplete(
      String model, int chunksSoFar, @Nullable Throwable cause) {
    String how = cause == null ? "ended" : "broke (" + describe(cause) + ")";
    String message =
        "The answer of model '"
            + model
            + "' from Ollama at "
            + shown()
            + " "
            + how
            + " after "
            + chunksSoFar
            + " chunks without a final done:true line; the server "
            + "may have restarted or a proxy cut the connection. Retry the request";
    return cause == null
        ? new IncompleteResponseException(message)
        : new IncompleteResponseException(message, cause);
  }

  /**
   * A body (or stream line) that is not Ollama's JSON.
   *
   * @param endpoint the request path
   * @param body the body or line, of which a snippet is shown
   * @param cause the parse failure, or null
   * @return the exception (not thrown)
   */
  public MalformedResponseException malformed(
      String endpoint, byte[] body, @Nullable Throwable cause) {
    return malformed(endpoint, null, body, cause);
  }

  /**
   * A body that is not Ollama's JSON, with the Content-Type it was labelled with.
   *
   * @param endpoint the request path
   * @param contentType the response's Content-Type, or null
   * @param body the body, of which a snippet is shown
   * @param cause the parse failure, or null
   * @return the exception (not thrown)
   */
  public MalformedResponseException malformed(
      String endpoint, @Nullable String contentType, byte[] body, @Nullable Throwable cause) {
    String message =
        "The server at "
            + shown()
            + " is reachable but did not answer like "
            + "Ollama: it answered "
            + endpoint
            + " with something that is not Ollama JSON"
            + (contentType != null ? " (Content-Type " + oneLine(contentType) + ")" : "")
            + bodySnippet(body).map(b -> ": " + b).orElse("")
            + ". Check that the base URL points at Ollama and not at a proxy or another service";
    return cause == null
        ? new MalformedResponseException(message)
        : new MalformedResponseException(message, cause);
  }

  /**
   * A 3xx answer. Redirects are never followed, because the HTTP client would resend the
   * Authorization header, custom headers and the prompt to wherever the Location points.
   *
   * @param status the HTTP status, 3xx
   * @param location the Location header, or null
   * @param endpoint the request path
   * @return the exception (not thrown), naming only the origin of the target
   */
  public MalformedResponseException redirect(
      int status, @Nullable String location, String endpoint) {
    String target = "an unnamed address";
    if (location != null && !location.isBlank()) {
      try {
        URI resolved = URI.create(baseUrl.toString() + endpoint).resolve(location.strip());
        target = resolved.getHost() != null ? OllamaHost.origin(resolved) : "an unusable address";
      } catch (IllegalArgumentException e) {
        target = "an unusable address";
      }
    }
    return new MalformedResponseException(
        "The server at "
            + shown()
            + " answered "
            + endpoint
            + " with HTTP "
            + status
            + ", a redirect to "
            + target
            + "; Task Optimizer does not follow redirects (they could send "
            + "your API key and prompt elsewhere): set the base URL / OLLAMA_HOST to the final address");
  }

  /**
   * Generated text over {@code maxResponseChars}.
   *
   * @param model the model that was generating
   * @param limit the limit, in characters
   * @return the exception (not thrown)
   */
  public ResponseTooLargeException answerTooLarge(String model, int limit) {
    return new ResponseTooLargeException(
        limit,
        "The answer of model '"
            + model
            + "' from Ollama at "
            + shown()
            + " exceeded "
            + limit
            + " characters, so it was cut off and the stream closed. Raise "
            + "OllamaProvider.builder().maxResponseChars(...) if such answers are expected, or lower num_predict");
  }

  /**
   * A stream line over {@code maxLineBytes}.
   *
   * @param endpoint the request path
   * @param limit the limit, in bytes
   * @return the exception (not thrown)
   */
  public ResponseTooLargeException lineTooLong(String endpoint, int limit) {
    return new ResponseTooLargeException(
        limit,
        "Ollama at "
            + shown()
            + " sent a line longer than "
            + limit
            + " bytes in its answer to "
            + endpoint
            + ", so reading stopped. Raise "
            + "OllamaProvider.builder().maxLineBytes(...) if the server legitimately sends such lines");
  }

  /**
   * A metadata body over {@code maxListingBytes}.
   *
   * @param endpoint the request path
   * @param limit the limit, in bytes
   * @return the exception (not thrown)
   */
  public ResponseTooLargeException listingTooLarge(String endpoint, int limit) {
    return new ResponseTooLargeException(
        limit,
        "Ollama at "
            + shown()
            + " answered "
            + endpoint
            + " with more than "
            + limit
            + " bytes, so reading stopped. Raise "
            + "OllamaProvider.builder().maxListingBytes(...) if the server really lists that much");
  }

  /**
   * A time budget that ran out.
   *
   * @param phase which budget
   * @param limit its length
   * @param endpoint the request path
   * @param model the model the request was for, or null for metadata requests
   * @param cause the JDK's timeout exception, or null
   * @return the exception (not thrown), with advice for the phase
   */
  public ProviderTimeoutException timeout(
      ProviderTimeoutException.Phase phase,
      Duration limit,
      String endpoint,
      @Nullable String model,
      @Nullable Throwable cause) {
    String what =
        model != null ? "model '" + model + "' at " + shown() + endpoint : shown() + endpoint;
    String advice =
        switch (phase) {
          case CONNECT ->
              "no connection could be opened; check that Ollama is running and reachable (OLLAMA_HOST)";
          case FIRST_BYTE ->
              "Ollama sends nothing until the model is loaded and the first token is ready, so a cold load "
                  + "of a large model can take minutes. Warm the model up first (warmUp) or raise firstByteTimeout. "
                  + "This call was not retried: a retry would restart the load";
          case IDLE ->
              "the stream stopped producing lines; the runner may be stuck. Raise idleTimeout if the model "
                  + "is just very slow";
          default -> "raise the overall timeout, or stream so that only the idle timeout applies";
        };
    return timeoutError(
        phase,
        limit,
        "Timed out (" + phase + " after " + limit + ") waiting for " + what + ": " + advice,
        cause);
  }

  /**
   * Maps an exception from sending the request or reading the response.
   *
   * @param t the exception, possibly wrapped (a {@code CompletionException} is unwrapped)
   * @param endpoint the request path
   * @param model the model the request was for, or null for metadata requests
   * @param connectTimeout the connect timeout, named if it ran out
   * @param firstByteTimeout the first-byte timeout, named if it ran out
   * @return a {@link TaskOptimizerException} found inside {@code t} as is, else a mapped one (not
   *     thrown)
   */
  public TaskOptimizerException fromTransport(
      Throwable t,
      String endpoint,
      @Nullable String model,
      Duration connectTimeout,
      Duration firstByteTimeout) {
    Throwable e = Throwables.unwrap(t);
    if (e instanceof TaskOptimizerException known) {
      return known;
    }
    if (e instanceof HttpConnectTimeoutException) {
      // the JDK also reports the request timeout this way when it runs out while still connecting
      Duration limit =
          firstByteTimeout.compareTo(connectTimeout) < 0 ? firstByteTimeout : connectTimeout;
      return timeout(ProviderTimeoutException.Phase.CONNECT, limit, endpoint, model, e);
    }
    if (e instanceof HttpTimeoutException) {
      return timeout(
          ProviderTimeoutException.Phase.FIRST_BYTE, firstByteTimeout, endpoint, model, e);
    }
    if (e instanceof ProtocolException || hasCause(e, ProtocolException.class)) {
      return new MalformedResponseException(
          "The server at "
              + shown()
              + " is reachable but did not answer "
              + endpoint
              + " with HTTP ("
              + describe(e)
              + "). Check that the base URL points at Ollama (host and "
              + "port), and http:// versus https://",
          e);
    }
    if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
      return new ProviderUnavailableException(
          "Cannot connect to Ollama at "
              + shown()
              + " ("
              + describe(e)
              + "). Start it with 'ollama serve', or set OLLAMA_HOST (or the provider's baseUrl) to where it runs",
          e);
    }
    if (e instanceof UnknownHostException
        || e instanceof UnresolvedAddressException
        || hasCause(e, UnresolvedAddressException.class)) {
      return new ProviderUnavailableException(
          "Cannot resolve the Ollama host of "
              + shown()
              + ". Check OLLAMA_HOST (or the provider's baseUrl)",
          e);
    }
    if (e instanceof SSLException) {
      return new ProviderUnavailableException(
          "TLS handshake with "
              + shown()
              + " failed ("
              + describe(e)
              + "). Use http:// for a plain local Ollama, or fix the proxy's certificate",
          e);
    }
    if (e instanceof IOException) {
      return new ProviderUnavailableException(
          "Ollama at "
              + shown()
              + " closed the connection before answering "
              + endpoint
              + " ("
              + describe(e)
              + "). The server may be restarting or crashing; check it and retry",
          e);
    }
    return new ProviderUnavailableException(
        "Calling Ollama at " + shown() + endpoint + " failed: " + describe(e), e);
  }

  /**
   * The text of an {@code {"error":"..."}} or {@code {"error":{"message":"..."}}} body.
   *
   * @param body the body, or null
   * @return the error text, or null if the body is not of that form
   */
  public @Nullable String errorMessage(byte @Nullable [] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode n = mapper.readTree(body);
      if (n == null) {
        return null;
      }
      JsonNode err = n.get("error");
      if (err == null) {
        return null;
      }
      if (err.isTextual()) {
        return err.asText();
      }
      if (err.isObject() && err.path("message").isTextual()) {
        return err.path("message").asText();
      }
      return err.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static java.util.Optional<String> bodySnippet(byte[] body) {
    if (body == null || body.length == 0) {
      return java.util.Optional.empty();
    }
    String s =
        new String(body, 0, Math.min(body.length, MAX_BODY_IN_MESSAGE * 4), StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ")
            .strip();
    if (s.length() > MAX_BODY_IN_MESSAGE) {
      s = s.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("'" + s + "'");
  }

  private String shown() {
    return Redaction.redact(baseUrl);
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\p{Cntrl}", " ").strip();
    return t.length() > 100 ? t.substring(0, 100) + "..." : t;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A {@link ProviderServerException}, with or without a cause (a null cause is {@link Throwable}'s
   * "no cause").
   *
   * @param status the HTTP status, or 0 for an error inside a 200 stream
   * @param message the message
   * @param cause the cause, or null
   * @return the exception (not thrown)
   */
  public static ProviderServerException serverError(
      int status, String message, @Nullable Throwable cause) {
    return new ProviderServerException(status, message, cause);
  }

  /**
   * A {@link ProviderTimeoutException}, with or without a cause (a null cause is {@link
   * Throwable}'s "no cause").
   *
   * @param phase which budget ran out
   * @param limit its length
   * @param message the message
   * @param cause the cause, or null
   * @return the exception (not thrown)
   */
  public static ProviderTimeoutException timeoutError(
      ProviderTimeoutException.Phase phase,
      Duration limit,
      String message,
      @Nullable Throwable cause) {
    return new ProviderTimeoutException(phase, limit, message, cause);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
