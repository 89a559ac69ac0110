package io.taskoptimizer.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shared helpers are exported to our modules only, never to everyone. */
class InternalExportsTest {

  @Test
  void theInternalPackageIsExportedOnlyToTaskOptimizerModules() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }

    Exports internal =
        d.exports().stream()
            .filter(e -> e.source().equals("io.taskoptimizer.api.internal"))
            .findFirst()
            .orElseThrow();
    assertThat(internal.isQualified()).isTrue();
    assertThat(internal.targets()).isNotEmpty().allMatch(m -> m.startsWith("io.taskoptimizer."));
    assertThat(d.exports())
        .filteredOn(e -> !e.isQualified())
        .extracting(Exports::source)
        .containsExactlyInAnyOrder("io.taskoptimizer.api", "io.taskoptimizer.spi");
  }
}
