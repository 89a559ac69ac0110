package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSupportTest {

  @Test
  void masksCredentialHeadersAndKeepsTheRest() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer abc");
    h.put("X-Api-Key", "k");
    h.put("X-Auth-Token", "t");
    h.put("Client-Secret", "s");
    h.put("X-Team", "blue");

    assertThat(LogSupport.maskHeaders(h))
        .isEqualTo(
            "{Authorization=****, X-Api-Key=****, X-Auth-Token=****, Client-Secret=****, X-Team=blue}");
  }
}
