package io.taskoptimizer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelNamesTest {

  @ParameterizedTest
  @CsvSource({
    "llama3.2, llama3.2:latest",
    "llama3.2:latest, llama3.2:latest",
    "gemma3:1b, gemma3:1b",
    "'  phi3:3.8b ', phi3:3.8b",
    "library/mistral, library/mistral:latest",
    "registry.example.com:5000/team/model, registry.example.com:5000/team/model:latest",
    "registry.example.com:5000/team/model:q4, registry.example.com:5000/team/model:q4"
  })
  void normalizesTheWayOllamaNamesModels(String name, String normalized) {
    assertThat(ModelNames.normalize(name)).isEqualTo(normalized);
  }

  @Test
  void comparesNormalizedNames() {
    assertThat(ModelNames.sameModel("llama3.2", "llama3.2:latest")).isTrue();
    assertThat(ModelNames.sameModel("llama3.2:1b", "llama3.2:latest")).isFalse();
  }

  @Test
  void rejectsBlankNames() {
    assertThatThrownBy(() -> ModelNames.normalize("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> ModelNames.normalize(null)).isInstanceOf(NullPointerException.class);
  }
}
