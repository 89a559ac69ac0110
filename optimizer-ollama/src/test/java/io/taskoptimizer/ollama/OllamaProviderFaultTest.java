package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskoptimizer.api.AuthenticationException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.IncompleteResponseException;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.MalformedResponseException;
import io.taskoptimizer.api.ModelNotFoundException;
import io.taskoptimizer.api.ProviderServerException;
import io.taskoptimizer.api.ProviderTimeoutException;
import io.taskoptimizer.api.ProviderTimeoutException.Phase;
import io.taskoptimizer.api.ProviderUnavailableException;
import io.taskoptimizer.api.ServerBusyException;
import io.taskoptimizer.api.TaskOptimizerException;
import io.taskoptimizer.testserver.Fault;
import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ollama faults against the test server: each surfaces the right typed exception within its
 * timeout. Timeouts are small (hundreds of ms); bounds on elapsed time are generous upper bounds.
 */
class OllamaProviderFaultTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private final OllamaTestServer server = OllamaTestServer.create();
  private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
  private OllamaProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
    server.stop();
  }

  private OllamaProvider.Builder builder() {
    return OllamaProvider.builder()
        .baseUrl(server.baseUrl())
        .backoff(
            attempt -> {
              Duration d = Duration.ofMillis(500L << (attempt - 1));
              backoffs.add(d);
              return Duration.ZERO; // recorded, not waited
            });
  }

  private OllamaProvider start(ScriptedModel... models) {
    server.models(models).start();
    provider = builder().build();
    return provider;
  }

  private static GenerationRequest ask(String model) {
    return GenerationRequest.builder().model(model).user("question").build();
  }

  private static Duration timed(Runnable r) {
    long t0 = System.nanoTime();
    try {
      r.run();
    } catch (RuntimeException e) {
      // timing only
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  @Test
  void missingModelIsModelNotFoundNamingTheModelAndHowToPullIt() {
    start();

    ModelNotFoundException e =
        catchThrowableOfType(
            ModelNotFoundException.class, () -> provider.generate(ask("ghost:7b")));

    assertThat(e.model()).isEqualTo("ghost:7b");
    assertThat(e.getMessage())
        .contains("ollama pull ghost:7b")
        .contains(server.baseUrl().toString())
        .contains("404");
    assertThat(e.isRetriable()).isFalse();
  }

  @Test
  void badRequestIsInvalidRequestWithOllamasMessage() {
    start(ScriptedModel.of("m", "x"));

    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("x").think(true).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("does not support thinking");
  }

  @Test
  void wronglyTypedOptionIsAServerErrorWithStatus500() {
    start(ScriptedModel.of("m", "x"));

    ProviderServerException e =
        catchThrowableOfType(
            ProviderServerException.class,
            () ->
                provider.generate(
                    GenerationRequest.builder()
                        .model("m")
                        .user("x")
                        .extraOption("num_ctx", "4096")
                        .build()));

    assertThat(e.statusCode()).hasValue(500);
    assertThat(e.getMessage()).contains("option \"num_ctx\" must be of type integer");
  }

  @Test
  void unauthorisedAndForbiddenAreAuthenticationErrors() {
    start(ScriptedModel.of("m", "x"));
    server.enqueueFault("m", Fault.httpError(401, "unauthorized"));
    server.enqueueFault("m", Fault.rawResponse(403, "text/plain", "Forbidden"));

    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("unauthorized");
    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("403");
  }

  @Test
  void busyServerIsRetriedWithBackoffAndThenSucceeds() {
    start(ScriptedModel.of("m", "finally"));
    server.enqueueFaults("m", 2, Fault.serverBusy());

    GenerationResult r = provider.generate(ask("m"));

    assertThat(r.text()).isEqualTo("finally");
    assertThat(server.requests("/api/chat")).hasSize(3);
    assertThat(backoffs).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void a503StormBeyondMaxRetriesIsServerBusy() {
    server.models(ScriptedModel.of("m", "x")).start();
    provider = builder().maxRetries(3).build();
    server.enqueueFaults("m", 10, Fault.serverBusy());

    ServerBusyException e =
        catchThrowableOfType(ServerBusyException.class, () -> provider.generate(ask("m")));

    assertThat(e.getMessage()).contains(Fault.SERVER_BUSY_MESSAGE);
    assertThat(e.isRetriable()).isTrue();
    assertThat(server.requests("/api/chat")).hasSize(4);
  }

  @Test
  void rateLimitIsRetriedLikeBusy() {
    start(ScriptedModel.of("m", "ok"));
    server.enqueueFault("m", Fault.httpError(429, "rate limit exceeded"));

    assertThat(provider.generate(ask("m")).text()).isEqualTo("ok");
    assertThat(backoffs).hasSize(1);
  }

  @Test
  void otherServerErrorsAreNotRetried() {
    start(ScriptedModel.of("m", "x"));
    server.enqueueFault(
        "m", Fault.httpError(500, "llama-server process has terminated: exit status 2"));

    ProviderServerException e =
        catchThrowableOfType(ProviderServerException.class, () -> provider.generate(ask("m")));

    assertThat(e.statusCode()).hasValue(500);
    assertThat(e.getMessage()).contains("llama-server process has terminated");
    assertThat(server.requests("/api/chat")).hasSize(1);
  }

  @Test
  void errorLineInTheMiddleOfAStreamIsAServerErrorWithoutStatus() {
    start(
        ScriptedModel.builder("m")
            .reply("a b c d e")
            .fault(
                Fault.errorLineAfterTokens(2, "an error was encountered while running the model"))
            .build());
    List<String> chunks = new CopyOnWriteArrayList<>();

    ProviderServerException e =
        catchThrowableOfType(
            ProviderServerException.class, () -> provider.generate(ask("m"), chunks::add));

    assertThat(e.statusCode()).isEmpty();
    assertThat(e.getMessage())
        .contains("an error was encountered while running the model")
        .contains("2 chunks");
    assertThat(chunks).containsExactly("a", " b");
    assertThat(server.requests("/api/chat")).hasSize(1);
  }

  @Test
  void streamCutWithoutDoneIsIncompleteResponse() {
    start(ScriptedModel.builder("m").reply("a b c d e").fault(Fault.cutAfterTokens(3)).build());

    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(IncompleteResponseException.class)
        .hasMessageContaining("without a final done:true");
  }

  @Test
  void streamEndingCleanlyWithoutDoneIsIncompleteResponse() {
    start(
        ScriptedModel.builder("m")
            .reply("a b c")
            .fault(Fault.endWithoutDoneAfterTokens(2))
            .build());

    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(IncompleteResponseException.class)
        .hasMessageContaining("without a final done:true");
  }

  @Test
  void nonStreamingAnswerWithDoneFalseIsIncompleteResponse() {
    start(
        ScriptedModel.builder("m")
            .reply("a b c")
            .fault(Fault.endWithoutDoneAfterTokens(2))
            .build());

    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("x").stream(false).build()))
        .isInstanceOf(IncompleteResponseException.class);
  }

  @Test
  void htmlInsteadOfJsonIsMalformedAndNeverReturnedAsText() {
    start(
        ScriptedModel.builder("m")
            .fault(Fault.rawResponse(200, "text/html", "<html><body>Proxy login</body></html>"))
            .build());

    assertThatThrownBy(() -> provider.generate(ask("m")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("Proxy login");
    assertThatThrownBy(
            () ->
                provider.generate(
                    GenerationRequest.builder().model("m").user("x").stream(false).build()))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void anErrorPageFromAProxyIsMappedByStatusWithTheBodyInTheMessage() {
    start(
        ScriptedModel.builder("m")
            .fault(Fault.rawResponse(502, "text/html", "<h1>Bad Gateway</h1>"))
            .build());

    ProviderServerException e =
        catchThrowableOfType(ProviderServerException.class, () -> provider.generate(ask("m")));

    assertThat(e.statusCode()).hasValue(502);
    assertThat(e.getMessage()).contains("Bad Gateway");
  }

  @Test
  void stallBeforeTheFirstByteIsAFirstByteTimeoutAndIsNotRetried() {
    server.models(ScriptedModel.builder("m").fault(Fault.stall()).build()).start();
    provider = builder().firstByteTimeout(Duration.ofMillis(300)).build();
    provider
        .listModels(); // opens the pooled connection, so the budget below is all first-byte wait

    long t0 = System.nanoTime();
    ProviderTimeoutException e =
        catchThrowableOfType(ProviderTimeoutException.class, () -> provider.generate(ask("m")));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(e.phase()).isEqualTo(Phase.FIRST_BYTE);
    assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(e.getMessage()).contains("warm").contains("not retried");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(GENEROUS);
    assertThat(server.requests("/api/chat")).hasSize(1);
  }

  @Test
  void slowColdLoadBeyondTheFirstByteTimeoutTimesOutOnceThenWarmsUpFine() {
    server.models(ScriptedModel.builder("big").coldLoad(Duration.ofMillis(600)).build()).start();
    provider = builder().firstByteTimeout(Duration.ofMillis(200)).build();

    ProviderTimeoutException e =
        catchThrowableOfType(ProviderTimeoutException.class, () -> provider.generate(ask("big")));
    OllamaProvider patient = builder().firstByteTimeout(Duration.ofSeconds(10)).build();
    GenerationResult r;
    try {
      r = patient.generate(ask("big"));
    } finally {
      patient.close();
    }

    assertThat(e.phase()).isEqualTo(Phase.FIRST_BYTE);
    assertThat(r.doneReason()).hasValue("stop");
  }

  @Test
  void stallInTheMiddleOfAStreamIsAnIdleTimeout() {
    server
        .models(
            ScriptedModel.builder("m").reply("a b c d").fault(Fault.stallAfterTokens(2)).build())
        .start();
    provider = builder().idleTimeout(Duration.ofMillis(250)).build();
    List<String> chunks = new CopyOnWriteArrayList<>();

    long t0 = System.nanoTime();
    ProviderTimeoutException e =
        catchThrowableOfType(
            ProviderTimeoutException.class, () -> provider.generate(ask("m"), chunks::add));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(e.phase()).isEqualTo(Phase.IDLE);
    assertThat(chunks).containsExactly("a", " b");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(GENEROUS);
    assertThat(provider.requestsInFlight()).isZero();
  }

  @Test
  void aLongStreamIsBoundedByTheIdleTimeoutNotTheFirstByteTimeout() {
    server
        .models(
            ScriptedModel.builder("m").reply("t ".repeat(40).strip()).tokensPerSecond(40).build())
        .start();
    provider =
        builder()
            .firstByteTimeout(Duration.ofMillis(600))
            .idleTimeout(Duration.ofSeconds(5))
            .build();

    GenerationResult r = provider.generate(ask("m"));

    assertThat(r.totalTime()).isGreaterThan(Duration.ofMillis(900));
    assertThat(r.completionTokens()).hasValue(40);
  }

  @Test
  void overallTimeoutBoundsTheWholeCall() {
    server
        .models(
            ScriptedModel.builder("m").reply("t ".repeat(40).strip()).tokensPerSecond(20).build())
        .start();
    provider = builder().timeout(Duration.ofMillis(300)).build();

    ProviderTimeoutException e =
        catchThrowableOfType(ProviderTimeoutException.class, () -> provider.generate(ask("m")));
    ProviderTimeoutException perRequest =
        catchThrowableOfType(
            ProviderTimeoutException.class,
            () ->
                provider.generate(
                    GenerationRequest.builder()
                        .model("m")
                        .user("x")
                        .timeout(Duration.ofMillis(150))
                        .build()));

    assertThat(e.phase()).isEqualTo(Phase.OVERALL);
    assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(perRequest.limit()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void connectionRefusedIsUnavailableNamingTheUrlAndTheFix() {
    provider = OllamaProvider.builder().baseUrl(URI.create("http://127.0.0.1:9")).build();

    ProviderUnavailableException e =
        catchThrowableOfType(ProviderUnavailableException.class, () -> provider.generate(ask("m")));
    ProviderUnavailableException listing =
        catchThrowableOfType(ProviderUnavailableException.class, () -> provider.listModels());

    assertThat(e.getMessage())
        .contains("http://127.0.0.1:9")
        .contains("ollama serve")
        .contains("OLLAMA_HOST");
    assertThat(e.isRetriable()).isTrue();
    assertThat(listing.getMessage()).contains("http://127.0.0.1:9");
  }

  @Test
  void aServerThatDisappearsIsUnavailableAndTheProviderRecoversWhenItReturns() {
    start(ScriptedModel.of("m", "back"));
    assertThat(provider.generate(ask("m")).text()).isEqualTo("back");

    server.stop();
    Throwable whileDown =
        catchThrowableOfType(TaskOptimizerException.class, () -> provider.generate(ask("m")));
    Throwable listWhileDown =
        catchThrowableOfType(TaskOptimizerException.class, () -> provider.listModels());
    boolean pingWhileDown = provider.ping();
    server.start();

    assertThat(whileDown).isInstanceOf(ProviderUnavailableException.class);
    assertThat(listWhileDown).isInstanceOf(ProviderUnavailableException.class);
    assertThat(pingWhileDown).isFalse();
    assertThat(provider.ping()).isTrue();
    assertThat(provider.generate(ask("m")).text()).isEqualTo("back");
    assertThat(provider.listModels()).hasSize(1);
  }

  @Test
  void aServerStoppingMidStreamIsIncompleteResponse() throws Exception {
    start(ScriptedModel.builder("m").reply("a b c d").fault(Fault.stallAfterTokens(1)).build());
    java.util.concurrent.CountDownLatch firstToken = new java.util.concurrent.CountDownLatch(1);

    var call = provider.generateAsync(ask("m"), chunk -> firstToken.countDown());
    assertThat(firstToken.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    server.stop();

    assertThatThrownBy(call::join).hasCauseInstanceOf(IncompleteResponseException.class);
  }

  @Test
  void wrongBaseUrlPathIsReachableButNotOllamaNeitherUnavailableNorModelNotFound() {
    server.models(ScriptedModel.of("m", "x")).start();
    provider = builder().baseUrl(server.baseUrl().resolve("/not-ollama")).build();

    assertThatThrownBy(() -> provider.listModels())
        .isInstanceOf(MalformedResponseException.class)
        .isNotInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("reachable but is not an Ollama API")
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("text/plain")
        .hasMessageContaining("no Ollama API at this URL");
  }

  @Test
  void everyFaultIsReportedQuickly() {
    start(ScriptedModel.of("m", "x"));
    server.enqueueFault("m", Fault.cutAfterTokens(0));

    Duration took = timed(() -> provider.generate(ask("m")));
    Throwable e =
        catchThrowableOfType(
            TaskOptimizerException.class,
            () -> {
              server.enqueueFault("m", Fault.cutAfterTokens(0));
              provider.generate(ask("m"));
            });

    assertThat(took).isLessThan(GENEROUS);
    assertThat(e)
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("closed the connection");
  }
}
