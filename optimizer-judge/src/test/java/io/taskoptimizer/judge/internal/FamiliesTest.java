package io.taskoptimizer.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FamiliesTest {

  @ParameterizedTest
  @CsvSource({
    "llama3.2:3b, llama",
    "llama3.1:70b, llama",
    "LLaMA3, llama",
    "qwen2.5:7b, qwen",
    "qwen3:0.6b, qwen",
    "gemma3:1b, gemma",
    "phi4-mini-reasoning:latest, phi4-mini-reasoning",
    "phi3:3.8b, phi",
    "mistral, mistral",
    "hf.co/bartowski/phi-3:mini, phi",
    "deepseek-r1:8b, deepseek-r",
    "olmo2:latest, olmo",
  })
  void theFamilyIsTheNameWithoutTagAndTrailingVersion(String model, String family) {
    assertThat(Families.ofName(model)).isEqualTo(family);
  }

  @Test
  void aReportedFamilyIsNormalisedAndAdded() {
    assertThat(Families.of("qwen2.5:7b", Optional.of("qwen2"))).containsExactly("qwen");
    assertThat(Families.of("my-finetune:1b", Optional.of("llama")))
        .containsExactly("llama", "my-finetune");
  }
}
