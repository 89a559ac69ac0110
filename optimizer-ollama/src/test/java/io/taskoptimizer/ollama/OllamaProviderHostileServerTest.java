package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderTimeoutException.Phase;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ResponseTooLargeException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.RecordedRequest;
import io.taskoptimizer.testserver.RecordedRequest.Outcome;
import io.taskoptimizer.testserver.ScriptedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a hostile or broken server can do to the provider (issue 11): redirects that would carry the
 * credentials and the prompt elsewhere, bodies that never end, answers too large for memory,
 * credentials in the URL, and answers that are not Ollama. Limits are small; no assertion is on
 * elapsed time. Where a fault could hang the call, a generous overall {@code timeout} is the
 * backstop: without the fix under test the call ends by that backstop, with the wrong phase or
 * type, so the test fails instead of hanging.
 */
class OllamaProviderHostileServerTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String SECRET = "s3cret-Pa55";

  private final OllamaTestServer server = OllamaTestServer.create();
  private final OllamaTestServer elsewhere = OllamaTestServer.create();
  private OllamaProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
    elsewhere.stop();
  }

  private OllamaProvider.Builder builder() {
    return OllamaProvider.builder().baseUrl(server.baseUrl()).timeout(GENEROUS);
  }

  private static GenerationRequest ask(String model) {
    return GenerationRequest.builder().model(model).user("the secret prompt").build();
  }

  private static URI withCredentials(URI url) {
    return URI.create(
        url.getScheme() + "://alice:" + SECRET + "@" + url.getHost() + ":" + url.getPort());
  }

  // ---------------------------------------------------------------- (2) redirects

  @Test
  void aRedirectToAnotherOriginIsRefusedAndTheOtherServerReceivesNothing() {
    elsewhere.model(ScriptedModel.of("m", "answer from elsewhere")).start();
    server.model(ScriptedModel.of("m", "x")).start();
    server.enqueueFault("m", Fault.redirect(307, elsewhere.baseUrl() + "/api/chat?token=t0ken"));
    provider = builder().header("Authorization", "Bearer " + SECRET).build();

    MalformedResponseException e =
        catchThrowableOfType(MalformedResponseException.class, () -> provider.generate(ask("m")));

    assertThat(e).isNotNull();
    assertThat(e.isRetriable()).isFalse();
    assertThat(e.getMessage())
        .contains("HTTP 307")
        .contains("redirect to " + elsewhere.baseUrl())
        .contains("does not follow redirects")
        .contains("set the base URL")
        .doesNotContain("t0ken")
        .doesNotContain("/api/chat?")
        .doesNotContain(SECRET);
    assertThat(elsewhere.requestCount()).as("requests that reached the redirect target").isZero();
  }

  @Test
  void aRelativeRedirectOfANonStreamingCallIsRefusedToo() {
    server.model(ScriptedModel.of("m", "x")).start();
    server.enqueueFault("m", Fault.redirect(301, "/elsewhere/api/generate"));
    provider = builder().build();

    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").prompt("p").stream(false).build()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("HTTP 301")
        .hasMessageContaining("redirect to " + server.baseUrl());
    assertThat(server.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/api/generate");
  }

  @Test
  void anHttpClientThatFollowsRedirectsIsRejected() {
    HttpClient following =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> OllamaProvider.builder().httpClient(following))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redirect.NEVER");
  }

  // ---------------------------------------------------------------- (3) hangs

  @Test
  void aBodyThatTricklesWithoutEverFinishingALineEndsWithTheIdleTimeout() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.trickle(Duration.ofMillis(10))).build())
        .start();
    provider = builder().idleTimeout(Duration.ofMillis(300)).build();

    ProviderTimeoutException e =
        catchThrowableOfType(ProviderTimeoutException.class, () -> provider.generate(ask("m")));

    assertThat(e.phase()).isEqualTo(Phase.IDLE);
    assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void blankLinesForeverEndWithTheIdleTimeout() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.blankLines(Duration.ofMillis(10))).build())
        .start();
    provider = builder().idleTimeout(Duration.ofMillis(300)).build();

    ProviderTimeoutException e =
        catchThrowableOfType(ProviderTimeoutException.class, () -> provider.generate(ask("m")));

    assertThat(e.phase()).isEqualTo(Phase.IDLE);
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void aNonStreamedBodyThatTricklesEndsWithTheIdleTimeout() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.trickle(Duration.ofMillis(10))).build())
        .start();
    provider = builder().idleTimeout(Duration.ofMillis(300)).build();

    ProviderTimeoutException e =
        catchThrowableOfType(
            ProviderTimeoutException.class,
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("q").stream(false).build()));

    assertThat(e.phase()).isEqualTo(Phase.IDLE);
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void endlessValidTokensEndWithTheOverallTimeoutNamingTheLimit() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.endlessTokens(Duration.ofMillis(1))).build())
        .start();
    provider = builder().timeout(Duration.ofMillis(400)).build();
    StringBuilder streamed = new StringBuilder();

    ProviderTimeoutException e =
        catchThrowableOfType(
            ProviderTimeoutException.class, () -> provider.generate(ask("m"), streamed::append));

    assertThat(e.phase()).isEqualTo(Phase.OVERALL);
    assertThat(e.limit()).isEqualTo(Duration.ofMillis(400));
    assertThat(e.getMessage()).contains("OVERALL after PT0.4S");
    assertThat(streamed).as("tokens did flow until the limit").contains("tok");
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void theRequestsOwnTimeoutEndsEndlessTokensToo() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.endlessTokens(Duration.ofMillis(1))).build())
        .start();
    provider = builder().build();

    // 3 s, not less: the overall budget is real time and must not run out before the request has
    // even
    // reached the server on a loaded machine (300 ms once did, at load 21)
    ProviderTimeoutException e =
        catchThrowableOfType(
            ProviderTimeoutException.class,
            () ->
                provider.generate(
                    GenerationRequest.builder()
                        .model("m")
                        .user("q")
                        .timeout(Duration.ofSeconds(3))
                        .build()));

    assertThat(e.phase()).isEqualTo(Phase.OVERALL);
    assertThat(e.limit()).isEqualTo(Duration.ofSeconds(3));
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void aStreamThatOutlastsTheFirstByteTimeoutIsNotCutByIt() throws Exception {
    server
        .models(
            ScriptedModel.builder("m").reply("a b c").fault(Fault.stallAfterTokens(1)).build(),
            ScriptedModel.builder("probe").fault(Fault.stall()).build())
        .start();
    provider = builder().firstByteTimeout(Duration.ofSeconds(1)).idleTimeout(GENEROUS).build();
    java.util.concurrent.CountDownLatch firstToken = new java.util.concurrent.CountDownLatch(1);

    CompletableFuture<io.taskoptimizer.api.GenerationResult> call =
        provider.generateAsync(ask("m"), t -> firstToken.countDown());
    assertThat(firstToken.await(GENEROUS.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
        .isTrue();
    // an event, not a sleep: a call started now with twice the budget timing out proves that the
    // stream's first-byte budget has long passed while the stream was still going (a guard: the
    // first-byte budget must stop at the headers, never cover the stream)
    try (OllamaProvider probe = builder().firstByteTimeout(Duration.ofSeconds(2)).build()) {
      assertThat(
              catchThrowableOfType(
                      ProviderTimeoutException.class, () -> probe.generate(ask("probe")))
                  .phase())
          .isEqualTo(Phase.FIRST_BYTE);
    }
    server.releaseStalls();

    assertThat(call.get(GENEROUS.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).text())
        .isEqualTo("a b c");
  }

  // ---------------------------------------------------------------- (4) memory caps

  @Test
  void endlessTokensWithoutAnyTimeoutEndAtTheAnswerSizeLimit() {
    server
        .model(ScriptedModel.builder("m").fault(Fault.endlessTokens(Duration.ZERO)).build())
        .start();
    provider = builder().maxResponseChars(20_000).build();

    ResponseTooLargeException e =
        catchThrowableOfType(ResponseTooLargeException.class, () -> provider.generate(ask("m")));

    assertThat(e.isRetriable()).isFalse();
    assertThat(e.limit()).isEqualTo(20_000);
    assertThat(e.getMessage()).contains("20000 characters").contains("maxResponseChars");
    assertThat(server.takeRequest().awaitOutcome(GENEROUS)).isEqualTo(Outcome.CLIENT_DISCONNECTED);
  }

  @Test
  void anAnswerOverTheLimitFailsStreamedOrNot() {
    String big = "word ".repeat(1_000);
    server.model(ScriptedModel.of("m", big)).start();
    provider = builder().maxResponseChars(4_000).build();

    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(ResponseTooLargeException.class)
        .hasMessageContaining("4000 characters")
        .hasMessageContaining("maxResponseChars");
    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("q").stream(false).build()))
        .isInstanceOf(ResponseTooLargeException.class)
        .hasMessageContaining("maxResponseChars");
  }

  @Test
  void anAnswerJustUnderTheLimitIsReturnedWhole() {
    String text = "word ".repeat(1_000);
    server.model(ScriptedModel.of("m", text)).start();
    provider = builder().maxResponseChars(text.length()).build();

    assertThat(provider.generate(ask("m")).text()).isEqualTo(text);
    assertThat(
            provider
                .generate(GenerationRequest.builder().model("m").user("q").stream(false).build())
                .text())
        .isEqualTo(text);
  }

  @Test
  void aStreamLineOverTheLimitFailsBeforeItIsBufferedWhole() {
    server.model(ScriptedModel.of("m", "x".repeat(10_000))).start(); // one token, one 10 kB line
    provider = builder().maxLineBytes(4_096).build();

    ResponseTooLargeException e =
        catchThrowableOfType(ResponseTooLargeException.class, () -> provider.generate(ask("m")));

    assertThat(e.limit()).isEqualTo(4_096);
    assertThat(e.getMessage()).contains("longer than 4096 bytes").contains("maxLineBytes");
  }

  @Test
  void aModelListingOverTheLimitFailsAndNamesTheSetting() {
    for (int i = 0; i < 40; i++) {
      server.model(ScriptedModel.of("model-" + i, "x"));
    }
    server.start();
    provider = builder().maxListingBytes(4_096).build();

    ResponseTooLargeException e =
        catchThrowableOfType(ResponseTooLargeException.class, () -> provider.listModels());

    assertThat(e.limit()).isEqualTo(4_096);
    assertThat(e.getMessage())
        .contains("/api/tags")
        .contains("4096 bytes")
        .contains("maxListingBytes");
    assertThat(OllamaProvider.builder().baseUrl(server.baseUrl()).build().listModels())
        .as("the default limit is generous")
        .hasSize(40);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> OllamaProvider.builder().maxResponseChars(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseChars");
    assertThatThrownBy(() -> OllamaProvider.builder().maxLineBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OllamaProvider.builder().maxListingBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- (7) credentials in the URL

  @Test
  void credentialsInTheBaseUrlAreSentAsBasicAuthAndNeverShown() {
    server.model(ScriptedModel.of("m", "hi")).start();
    provider = OllamaProvider.builder().baseUrl(withCredentials(server.baseUrl())).build();

    assertThat(provider.listModels()).hasSize(1);
    assertThat(provider.generate(ask("m")).text()).isEqualTo("hi");

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(server.requests())
        .allSatisfy(r -> assertThat(r.header("Authorization")).hasValue(basic));
    assertThat(provider.baseUrl()).isEqualTo(server.baseUrl());
    assertThat(provider.toString()).doesNotContain(SECRET).doesNotContain("alice");
  }

  @Test
  void errorMessagesNeverContainThePasswordOfTheUrl() {
    server.model(ScriptedModel.of("m", "hi")).start();
    provider = OllamaProvider.builder().baseUrl(withCredentials(server.baseUrl())).build();
    Throwable notFound =
        catchThrowableOfType(TaskOptimizerException.class, () -> provider.generate(ask("ghost")));
    server.stop();

    Throwable refused =
        catchThrowableOfType(ProviderUnavailableException.class, () -> provider.listModels());
    Throwable refusedGeneration =
        catchThrowableOfType(ProviderUnavailableException.class, () -> provider.generate(ask("m")));

    assertThat(refused.getMessage())
        .contains("Cannot connect")
        .contains(server.baseUrl().toString());
    for (Throwable t : new Throwable[] {notFound, refused, refusedGeneration}) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void anInvalidBaseUrlWithCredentialsIsRejectedWithoutShowingThem() {
    assertThatThrownBy(
            () -> OllamaProvider.builder().baseUrl(URI.create("ftp://alice:" + SECRET + "@host/")))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(SECRET)
        .contains("ftp://***@host");
  }

  @Test
  void credentialsInTheUrlAndAnAuthorizationHeaderConflict() {
    server.start();

    assertThatThrownBy(
            () ->
                OllamaProvider.builder()
                    .baseUrl(withCredentials(server.baseUrl()))
                    .header("Authorization", "Bearer k")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("use one of them")
        .message()
        .doesNotContain(SECRET);
  }

  // ---------------------------------------------------------------- (15) reachable, but not Ollama

  @Test
  void anHtmlPageIsReachableButNotOllamaWithItsContentType() {
    server
        .model(
            ScriptedModel.builder("m")
                .fault(
                    Fault.rawResponse(
                        200, "text/html; charset=utf-8", "<html>Welcome to nginx</html>"))
                .build())
        .start();
    provider = builder().build();

    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("q").stream(false).build()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("reachable")
        .hasMessageContaining("text/html")
        .hasMessageContaining("Welcome to nginx");
  }

  @Test
  void anHtmlModelListingIsReachableButNotOllamaRatherThanUnavailable() throws Exception {
    CompletableFuture<Void> serving;
    try (ServerSocket html = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String page = "<html><title>Router login</title></html>";
      serving =
          CompletableFuture.runAsync(
              () ->
                  answer(
                      html,
                      "HTTP/1.1 200 OK\r\n"
                          + "Content-Type: text/html\r\nContent-Length: "
                          + page.length()
                          + "\r\n\r\n"
                          + page));
      provider =
          OllamaProvider.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + html.getLocalPort()))
              .build();

      assertThatThrownBy(() -> provider.listModels())
          .isInstanceOf(MalformedResponseException.class)
          .isNotInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("is reachable")
          .hasMessageContaining("Content-Type text/html")
          .hasMessageContaining("Router login");
    }
    // closing the socket (end of the try) ends the server thread if it still waits in accept()
    serving.exceptionally(e -> null).join();
  }

  @Test
  void aServerThatDoesNotSpeakHttpIsReachableButNotOllamaRatherThanUnavailable() throws Exception {
    CompletableFuture<Void> serving;
    try (ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      serving = CompletableFuture.runAsync(() -> answerGarbage(garbage));
      provider =
          OllamaProvider.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + garbage.getLocalPort()))
              .build();

      assertThatThrownBy(() -> provider.listModels())
          .isInstanceOf(MalformedResponseException.class)
          .isNotInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("reachable")
          .hasMessageContaining("did not answer /api/tags with HTTP");
    }
    // closing the socket (end of the try) ends the server thread if it still waits in accept()
    serving.exceptionally(e -> null).join();
  }

  @Test
  void aRedirectOfTheModelListingIsRefusedAndNotReportedAsUnreachable() throws Exception {
    CompletableFuture<Void> serving;
    try (ServerSocket redirecting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      serving =
          CompletableFuture.runAsync(
              () ->
                  answer(
                      redirecting,
                      "HTTP/1.1 302 Found\r\nLocation: https://login.example:8443/sso?session=abc\r\nContent-Length: 0\r\n\r\n"));
      provider =
          OllamaProvider.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + redirecting.getLocalPort()))
              .build();

      assertThatThrownBy(() -> provider.listModels())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("HTTP 302")
          .hasMessageContaining("redirect to https://login.example:8443;")
          .hasMessageContaining("does not follow redirects")
          .message()
          .doesNotContain("session=abc");
    }
    // closing the socket (end of the try) ends the server thread if it still waits in accept()
    serving.exceptionally(e -> null).join();
  }

  @Test
  @Timeout(60) // backstop, so that a regression fails instead of hanging
  void aModelListingThatTricklesEndsWithinTheMetadataTimeout() throws Exception {
    try (ServerSocket trickling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> trickle(trickling));
      provider =
          OllamaProvider.builder()
              .baseUrl(URI.create("http://127.0.0.1:" + trickling.getLocalPort()))
              .metadataTimeout(Duration.ofMillis(300))
              .build();

      ProviderTimeoutException e =
          catchThrowableOfType(ProviderTimeoutException.class, () -> provider.listModels());

      assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
      assertThat(e.getMessage()).contains("/api/tags");
      assertThat(serving.handle((v, err) -> err))
          .as("the trickling server saw the connection closed")
          .succeedsWithin(GENEROUS);
    }
  }

  /** Answers headers at once, then one body byte every 10 ms until the client goes away. */
  private static void trickle(ServerSocket ss) {
    try (Socket s = ss.accept();
        OutputStream out = s.getOutputStream()) {
      s.getInputStream().read(new byte[4096]);
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"
              .getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write(' ');
        out.flush();
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the client closed the connection
    }
  }

  private static void answer(ServerSocket ss, String response) {
    try (Socket s = ss.accept();
        OutputStream out = s.getOutputStream()) {
      s.getInputStream().read(new byte[4096]);
      out.write(response.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answerGarbage(ServerSocket ss) {
    try (Socket s = ss.accept();
        OutputStream out = s.getOutputStream()) {
      s.getInputStream().read(new byte[4096]);
      out.write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
