package io.taskoptimizer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.testserver.ScriptedModel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OllamaTestServerExtensionTest {

  @RegisterExtension
  static final OllamaTestServerExtension OLLAMA =
      new OllamaTestServerExtension(ScriptedModel.of("m", "hi"));

  private final HttpClient http = HttpClient.newHttpClient();

  private int tags() throws Exception {
    return http.send(
            HttpRequest.newBuilder(OLLAMA.baseUrl().resolve("/api/tags")).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  @Order(1)
  void startsTheServerBeforeTheTests() throws Exception {
    assertThat(OLLAMA.server().isRunning()).isTrue();
    assertThat(tags()).isEqualTo(200);
    assertThat(OLLAMA.server().requests()).hasSize(1);
  }

  @Test
  @Order(2)
  void clearsRecordedRequestsBetweenTestsOfAStaticServer() throws Exception {
    assertThat(OLLAMA.server().requests()).isEmpty();
    assertThat(tags()).isEqualTo(200);
    assertThat(OLLAMA.server().takeRequest().path()).isEqualTo("/api/tags");
  }
}
