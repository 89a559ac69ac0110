package io.taskoptimizer.testserver;

import static io.taskoptimizer.testserver.Responses.error;
import static io.taskoptimizer.testserver.Responses.json;
import static io.taskoptimizer.testserver.Responses.methodNotAllowed;
import static io.taskoptimizer.testserver.Responses.openAiError;
import static io.taskoptimizer.testserver.Responses.text;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves the Ollama REST API for {@link OllamaTestServer}; one instance per server start. It reads
 * and records the request and routes it: {@link MetadataEndpoints} describe the models, {@link
 * GenerationSimulator} runs a generation and a {@link Renderer} writes it in the protocol of the
 * path.
 */
final class OllamaHandler implements HttpHandler {

  private final OllamaTestServer server;
  private final MetadataEndpoints metadata;
  private final GenerationSimulator simulator;

  OllamaHandler(OllamaTestServer server) {
    this.server = server;
    this.metadata = new MetadataEndpoints(server);
    this.simulator = new GenerationSimulator(server);
  }

  /** The client went away while we wrote. */
  static final class ClientGone extends RuntimeException {
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
    @Nullable RecordedRequest rec = null;
    boolean drop = false;
    try {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, Object> json = Map.of();
      @Nullable String jsonError = null;
      if (body.length > 0) {
        try {
          json = Wire.parseObject(body);
        } catch (IOException e) {
          jsonError =
              e.getMessage() == null
                  ? "invalid JSON"
                  : e.getMessage().lines().findFirst().orElse("");
        }
      }
      rec =
          server.record(
              method, path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body, json);
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

  private static void finish(@Nullable RecordedRequest rec, Outcome o) {
    if (rec != null) {
      rec.finish(o);
    }
  }

  private Outcome route(
      HttpExchange ex,
      RecordedRequest rec,
      String method,
      String path,
      int bodyLength,
      @Nullable String jsonError)
      throws IOException, InterruptedException {
    boolean get = method.equals("GET") || method.equals("HEAD");
    boolean post = method.equals("POST");
    switch (path) {
      case "/" -> {
        return get ? text(ex, 200, "Ollama is running") : methodNotAllowed(ex);
      }
      case "/api/version" -> {
        return get ? json(ex, 200, metadata.version()) : methodNotAllowed(ex);
      }
      case "/api/tags" -> {
        return get ? json(ex, 200, metadata.tags()) : methodNotAllowed(ex);
      }
      case "/api/ps" -> {
        return method.equals("GET") ? json(ex, 200, metadata.ps()) : methodNotAllowed(ex);
      }
      case "/v1/models" -> {
        return method.equals("GET") ? json(ex, 200, metadata.openAiModels()) : methodNotAllowed(ex);
      }
      default -> {
        // not a fixed metadata path: the model-specific and generation paths follow
      }
    }
    boolean generation =
        path.equals("/api/chat")
            || path.equals("/api/generate")
            || path.equals("/v1/chat/completions");
    if (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
      return method.equals("GET")
          ? metadata.openAiModel(ex, path.substring("/v1/models/".length()))
          : methodNotAllowed(ex);
    }
    if (!generation && !path.equals("/api/show")) {
      return text(ex, 404, "404 page not found");
    }
    if (!post) {
      return methodNotAllowed(ex);
    }
    boolean openAi = path.startsWith("/v1/");
    if (bodyLength == 0) {
      return openAi
          ? openAiError(ex, 400, "missing request body")
          : error(ex, 400, "missing request body");
    }
    if (jsonError != null) {
      return openAi ? openAiError(ex, 400, jsonError) : error(ex, 400, jsonError);
    }
    if (path.equals("/api/show")) {
      return metadata.show(ex, rec);
    }
    Renderer r =
        openAi
            ? new OpenAiRenderer(server, ex, rec)
            : new NativeRenderer(server, ex, rec, path.equals("/api/chat"));
    return simulator.generate(ex, rec, r);
  }
}
