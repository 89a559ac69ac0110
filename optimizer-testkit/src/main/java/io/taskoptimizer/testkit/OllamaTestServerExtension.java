package io.taskoptimizer.testkit;

import io.taskoptimizer.testserver.OllamaTestServer;
import io.taskoptimizer.testserver.ScriptedModel;
import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts and stops an {@link OllamaTestServer} around JUnit 5 tests. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OllamaTestServerExtension ollama = new OllamaTestServerExtension(
 *     OllamaTestServer.create().model(ScriptedModel.of("llama3.2", "Hi")));
 *
 * @Test
 * void answers() {
 *   var provider = OllamaProvider.builder().baseUrl(ollama.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe: JUnit calls its callbacks from one thread; the {@link OllamaTestServer} it
 * manages is thread-safe.
 *
 * <p>On a {@code static} field the server starts once before all tests of the class and stops after
 * them; recorded requests are cleared before each test, so {@link OllamaTestServer#takeRequest()}
 * sees only the current test's requests. On an instance field the server starts before and stops
 * after each test.
 */
public final class OllamaTestServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final OllamaTestServer server;
  private boolean perClass;

  /**
   * Manages this server.
   *
   * @param server the server to start and stop, configured but not started; not null
   */
  public OllamaTestServerExtension(OllamaTestServer server) {
    this.server = Objects.requireNonNull(server, "server");
  }

  /**
   * Manages a new server with these models.
   *
   * @param models the scripted models the server serves
   */
  public OllamaTestServerExtension(ScriptedModel... models) {
    this(OllamaTestServer.create().models(models));
  }

  /** {@return the managed server} */
  public OllamaTestServer server() {
    return server;
  }

  /** {@return the running server's base URL} */
  public URI baseUrl() {
    return server.baseUrl();
  }

  /** Starts the server once for the class (static field registration). */
  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    if (!server.isRunning()) {
      server.start();
    }
  }

  /** Stops the server after the class. */
  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }

  /** Starts the server (instance field) or clears recorded requests (static field). */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (perClass) {
      server.clearRequests();
    } else if (!server.isRunning()) {
      server.start();
    }
  }

  /** Stops the server after each test (instance field registration). */
  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      server.stop();
    }
  }
}
