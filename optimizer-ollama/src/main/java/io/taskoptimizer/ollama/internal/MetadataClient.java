package io.taskoptimizer.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ProviderTimeoutException.Phase;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.api.internal.Redaction;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The blocking metadata calls of {@code OllamaProvider} ({@code /api/tags}, {@code /api/show},
 * {@code /api/version}, {@code /api/ps}, {@code /}): one request, a body capped at {@code
 * maxListingBytes} (error bodies at {@link OllamaClient#MAX_ERROR_BODY}), all within the metadata
 * timeout.
 */
final class MetadataClient {

  private final OllamaClient client;
  private final OllamaClient.Settings s;

  MetadataClient(OllamaClient client) {
    this.client = client;
    this.s = client.settings();
  }

  /** GET a JSON object. */
  JsonNode getJson(String path) {
    return parseObject(path, send(HttpRequest.newBuilder(client.resolve(path)).GET(), path, null));
  }

  /** POST a JSON object and read a JSON object; {@code model} names the model for 404s. */
  JsonNode postJson(String path, ObjectNode body, String model) {
    byte[] bytes;
    try {
      bytes = s.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new InvalidRequestException("Cannot encode the request as JSON: " + e.getMessage(), e);
    }
    return parseObject(
        path,
        send(
            HttpRequest.newBuilder(client.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
            path,
            model));
  }

  /** GET a text body. */
  String getText(String path) {
    return new String(
        send(HttpRequest.newBuilder(client.resolve(path)).GET(), path, null).body(),
        StandardCharsets.UTF_8);
  }

  /**
   * Sends a metadata request and reads its answer, at most {@code maxListingBytes} of it, all
   * within {@code metadataTimeout} (the JDK's request timeout only covers the wait for the
   * headers).
   */
  private HttpResponse<byte[]> send(HttpRequest.Builder rb, String path, @Nullable String model) {
    client.ensureOpen();
    ExceptionMapper errors = client.errors();
    rb.version(HttpClient.Version.HTTP_1_1)
        .timeout(s.metadataTimeout())
        .header("Accept", "application/json");
    s.headers().forEach(rb::header);
    int maxListing = s.limits().maxListingBytes();
    List<CappedBody> bodies = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<byte[]>> f =
        s.httpClient()
            .sendAsync(
                rb.build(),
                info -> {
                  CappedBody b =
                      new CappedBody(
                          info.statusCode() == 200 ? maxListing : OllamaClient.MAX_ERROR_BODY,
                          info.statusCode() == 200
                              ? () -> errors.listingTooLarge(path, maxListing)
                              : null);
                  bodies.add(b);
                  return b;
                });
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(s.metadataTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      f.cancel(true);
      bodies.forEach(CappedBody::cancel);
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException(
          "Interrupted while calling Ollama at "
              + Redaction.redact(s.baseUrl())
              + path
              + "; the interrupt flag is set again",
          e);
    } catch (TimeoutException e) {
      f.cancel(true);
      bodies.forEach(CappedBody::cancel);
      throw errors.timeout(Phase.OVERALL, s.metadataTimeout(), path, model, null);
    } catch (ExecutionException e) {
      throw errors.fromTransport(
          Objects.requireNonNullElse(e.getCause(), e),
          path,
          model,
          s.connectTimeout(),
          s.metadataTimeout());
    }
    if (resp.statusCode() != 200) {
      throw errors.fromStatus(
          resp.statusCode(),
          resp.headers().firstValue("Content-Type").orElse(null),
          resp.headers().firstValue("Location").orElse(null),
          resp.body(),
          path,
          model);
    }
    return resp;
  }

  private JsonNode parseObject(String path, HttpResponse<byte[]> resp) {
    return client
        .decoder()
        .object(path, resp.headers().firstValue("Content-Type").orElse(null), resp.body());
  }

  /**
   * Reads a metadata body up to a cap. Over it: with {@code tooLarge} the read stops and fails with
   * it; without (error bodies) the body is cut at the cap, for the message.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final @Nullable Supplier<TaskOptimizerException> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;
    private byte[] bytes = new byte[4096];
    private int length;

    CappedBody(int cap, @Nullable Supplier<TaskOptimizerException> tooLarge) {
      this.cap = cap;
      this.tooLarge = tooLarge;
    }

    void cancel() {
      Flow.Subscription sub = subscription;
      if (sub != null) {
        sub.cancel();
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        if ((long) length + n > cap) {
          Objects.requireNonNull(subscription, "onSubscribe came first")
              .cancel(); // stop reading: the connection is closed, never pooled
          if (tooLarge != null) {
            result.completeExceptionally(tooLarge.get());
          } else {
            b.get(ensure(cap - length), length, cap - length);
            length = cap;
            result.complete(Arrays.copyOf(bytes, length));
          }
          return;
        }
        b.get(ensure(n), length, n);
        length += n;
      }
    }

    private byte[] ensure(int more) {
      if (length + more > bytes.length) {
        bytes =
            Arrays.copyOf(
                bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, (long) length + more)));
      }
      return bytes;
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
  }
}
