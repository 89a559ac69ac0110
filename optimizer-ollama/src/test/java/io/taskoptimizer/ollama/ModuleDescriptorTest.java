package io.taskoptimizer.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

  @Test
  void exportsOnlyThePublicPackageAndProvidesTheFactory() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }

    assertThat(d.name()).isEqualTo("io.taskoptimizer.ollama");
    assertThat(d.exports()).extracting(Exports::source).containsExactly("io.taskoptimizer.ollama");
    assertThat(
            Files.exists(
                Path.of("target/classes/io/taskoptimizer/ollama/internal/OllamaClient.class")))
        .isTrue();
    assertThat(d.provides())
        .extracting(Provides::service)
        .containsExactly("io.taskoptimizer.spi.ModelProviderFactory");
    assertThat(d.provides().iterator().next().providers())
        .containsExactly("io.taskoptimizer.ollama.OllamaProviderFactory");
    assertThat(d.requires())
        .filteredOn(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactlyInAnyOrder(
            "io.taskoptimizer.api", "java.net.http", "com.fasterxml.jackson.databind");
  }
}
