package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.InvalidRequestException;
import io.taskoptimizer.api.ResponseFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

  private final ObjectMapper mapper = new ObjectMapper();

  private String keepAlive(Duration d) {
    ObjectNode n = mapper.createObjectNode();
    RequestEncoder.putKeepAlive(n, d);
    return n.get("keep_alive").toString();
  }

  @Test
  void encodesKeepAliveAsSecondsOrAGoDurationNeverAUnitlessString() {
    assertThat(keepAlive(Duration.ofMinutes(5))).isEqualTo("300");
    assertThat(keepAlive(Duration.ZERO)).isEqualTo("0");
    assertThat(keepAlive(Duration.ofMillis(1500))).isEqualTo("\"1500ms\"");
    assertThat(keepAlive(Duration.ofNanos(10))).isEqualTo("\"1ms\"");
    assertThat(keepAlive(Duration.ofSeconds(-1))).isEqualTo("-1");
  }

  @Test
  void anInvalidSchemaIsAnInvalidRequest() {
    GenerationRequest r =
        GenerationRequest.builder()
            .model("m")
            .user("x")
            .format(ResponseFormat.jsonSchema("{\"type\": }"))
            .build();

    assertThatThrownBy(() -> new RequestEncoder(mapper).encode(r, "m"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("schema");
  }

  @Test
  void typedOptionsWinOverExtraOptionsOfTheSameName() {
    GenerationRequest r =
        GenerationRequest.builder()
            .model("m")
            .user("x")
            .extraOption("temperature", 1.5)
            .extraOption("mirostat", 2)
            .temperature(0.1)
            .build();

    ObjectNode body = new RequestEncoder(mapper).encode(r, "m");

    assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.1);
    assertThat(body.path("options").path("mirostat").asInt()).isEqualTo(2);
  }
}
