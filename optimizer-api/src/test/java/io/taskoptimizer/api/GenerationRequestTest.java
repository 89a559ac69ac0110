package io.taskoptimizer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {

  @Test
  void buildsChatRequestsWithOptionsAndInputs() {
    GenerationRequest r =
        GenerationRequest.builder()
            .system("be brief")
            .user("hello")
            .addMessage(ChatMessage.assistant("hi"))
            .temperature(0.2)
            .seed(42)
            .contextSize(4096)
            .maxTokens(256)
            .topP(0.9)
            .topK(40)
            .stop(List.of("END"))
            .extraOption("repeat_penalty", 1.1)
            .format(ResponseFormat.JSON)
            .keepAlive(Duration.ofMinutes(5))
            .timeout(Duration.ofSeconds(30))
            .think(false)
            .stream(false)
            .input(GenerationRequest.INPUT_ROLE, "Data Engineer")
            .build();

    assertThat(r.model()).isEmpty();
    assertThat(r.messages())
        .extracting(ChatMessage::role)
        .containsExactly(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT);
    assertThat(r.temperature()).hasValue(0.2);
    assertThat(r.seed()).hasValue(42);
    assertThat(r.contextSize()).hasValue(4096);
    assertThat(r.maxTokens()).hasValue(256);
    assertThat(r.extraOptions()).containsEntry("repeat_penalty", 1.1);
    assertThat(r.inputs()).containsEntry("role", "Data Engineer");
    assertThat(r.promptText()).isEqualTo("be brief\nhello\nhi\n");
    assertThat(r.stream()).isFalse();
    assertThat(r.toString()).doesNotContain("hello");
    assertThat(ChatMessage.Role.SYSTEM.wireName()).isEqualTo("system");
  }

  @Test
  void withModelCopiesEverythingElse() {
    GenerationRequest r =
        GenerationRequest.builder().prompt("p").temperature(0.1).input("skills", "SQL").build();

    GenerationRequest m = r.withModel("gemma3:1b");

    assertThat(m.model()).contains("gemma3:1b");
    assertThat(m).isNotEqualTo(r);
    assertThat(m.toBuilder().clearModel().build()).isEqualTo(r).hasSameHashCodeAs(r);
  }

  @Test
  void rejectsBadOptionsAtOnceNamingTheValue() {
    GenerationRequest.Builder b = GenerationRequest.builder();
    assertThatThrownBy(() -> b.temperature(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> b.contextSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> b.maxTokens(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> b.topP(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> b.topK(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.keepAlive(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.model(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.user(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void needsMessagesOrAPromptButNotBoth() {
    assertThatThrownBy(() -> GenerationRequest.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs chat messages");
    assertThatThrownBy(() -> GenerationRequest.builder().user("a").prompt("b").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not both");
    assertThat(GenerationRequest.of("hi").messages()).containsExactly(ChatMessage.user("hi"));
  }
}
