package io.taskoptimizer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.ResponseFormat;
import io.taskoptimizer.api.TaskType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpiValueTypesTest {

  @Test
  void providerSettingsOfIgnoresBlankValuesAndStrips() {
    ProviderSettings s =
        ProviderSettings.of(Map.of("OLLAMA_HOST", " 10.0.0.5:11434 ", "EMPTY", "  "));

    assertThat(s.get("OLLAMA_HOST")).contains("10.0.0.5:11434");
    assertThat(s.get("EMPTY")).isEmpty();
    assertThat(s.get("MISSING")).isEmpty();
  }

  @Test
  void providerSettingsFromEnvironmentPreferSystemProperties() {
    String name = "TASKOPT_TEST_SETTING_" + System.nanoTime();
    System.setProperty(name, "from-property");
    try {
      assertThat(ProviderSettings.fromEnvironment().get(name)).contains("from-property");
    } finally {
      System.clearProperty(name);
    }
    assertThat(ProviderSettings.fromEnvironment().get(name)).isEmpty();
  }

  @Test
  void assessmentInputCarriesTheRequestsPromptInputsAndFormat() {
    GenerationRequest request =
        GenerationRequest.builder()
            .system("sys")
            .user("question")
            .format(ResponseFormat.JSON)
            .input(GenerationRequest.INPUT_SKILLS, "SQL, Python")
            .build();

    AssessmentInput in =
        AssessmentInput.of(TaskType.JOB_EXTRACTION, "{}", request, Optional.of("length"));

    assertThat(in.prompt()).isEqualTo("sys\nquestion\n");
    assertThat(in.input(GenerationRequest.INPUT_SKILLS)).contains("SQL, Python");
    assertThat(in.requestedFormat().expectsJson()).isTrue();
    assertThat(in.truncated()).isTrue();
    assertThat(AssessmentInput.of(TaskType.COVER_LETTER, "x").truncated()).isFalse();
  }
}
