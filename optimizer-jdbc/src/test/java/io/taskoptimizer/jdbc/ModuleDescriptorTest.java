package io.taskoptimizer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.spi.OptimizerStoreFactory;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The module exports only its public package and registers the factory both ways. */
class ModuleDescriptorTest {

  @Test
  void exportsOnlyThePublicPackageAndProvidesTheStoreFactory() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }

    assertThat(d.name()).isEqualTo("io.taskoptimizer.jdbc");
    assertThat(d.exports()).extracting(Exports::source).containsExactly("io.taskoptimizer.jdbc");
    assertThat(d.provides())
        .extracting(Provides::service)
        .containsExactly("io.taskoptimizer.spi.OptimizerStoreFactory");
    assertThat(d.provides().iterator().next().providers())
        .containsExactly("io.taskoptimizer.jdbc.PostgresStoreFactory");
    assertThat(d.requires())
        .filteredOn(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactlyInAnyOrder("io.taskoptimizer.api", "java.sql");
    assertThat(
            Files.exists(
                Path.of(
                    "target/classes/io/taskoptimizer/jdbc/internal/migrations/V1__create_tables.sql")))
        .isTrue();
  }

  @Test
  void theFactoryIsFoundOnTheClassPathAndClaimsOnlyPostgresqlUrls() {
    OptimizerStoreFactory f =
        ServiceLoader.load(OptimizerStoreFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.id().equals("postgresql"))
            .findFirst()
            .orElseThrow();
    assertThat(f.supports("jdbc:postgresql://h:5432/db?user=u&password=p")).isTrue();
    assertThat(f.supports("JDBC:POSTGRESQL://h/db")).isTrue();
    assertThat(f.supports("jdbc:mysql://h/db")).isFalse();
    assertThat(f.supports("config")).isFalse();
  }
}
