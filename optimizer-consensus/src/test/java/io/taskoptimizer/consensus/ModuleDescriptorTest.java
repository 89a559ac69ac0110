package io.taskoptimizer.consensus;

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
  void exportsOnlyThePublicPackageAndProvidesTheMetricAlsoForServiceLoader() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }

    assertThat(d.name()).isEqualTo("io.taskoptimizer.consensus");
    assertThat(d.exports())
        .extracting(Exports::source)
        .containsExactly("io.taskoptimizer.consensus");
    assertThat(Path.of("target/classes/io/taskoptimizer/consensus/internal/IntIdMap.class"))
        .exists();
    assertThat(d.provides())
        .extracting(Provides::service)
        .containsExactly("io.taskoptimizer.spi.SimilarityMetric");
    assertThat(d.provides().iterator().next().providers())
        .containsExactly("io.taskoptimizer.consensus.SequenceMatcherSimilarity");
    assertThat(d.requires())
        .filteredOn(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactly("io.taskoptimizer.core");
    assertThat(
            Files.readString(
                    Path.of(
                        "target/classes/META-INF/services/io.taskoptimizer.spi.SimilarityMetric"))
                .strip())
        .isEqualTo("io.taskoptimizer.consensus.SequenceMatcherSimilarity");
  }
}
