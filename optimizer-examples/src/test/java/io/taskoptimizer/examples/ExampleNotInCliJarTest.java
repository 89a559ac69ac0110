package io.taskoptimizer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example plugin must not be active in {@code taskopt.jar}: the shaded jar is built from the
 * module's main output (target/classes), so no services file there may name an example class.
 */
class ExampleNotInCliJarTest {

  @Test
  void theMainOutputRegistersNoExamplePlugin() throws IOException, URISyntaxException {
    Path mainOutput =
        Path.of(BuzzwordAssessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path services = mainOutput.resolve("META-INF/services");

    assertThat(mainOutput.resolve("io/taskoptimizer/examples/BuzzwordAssessor.class")).exists();
    if (Files.isDirectory(services)) {
      try (var files = Files.list(services)) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f))
              .as(f.toString())
              .doesNotContain("io.taskoptimizer.examples.");
        }
      }
    }
  }
}
