package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core works without the built-in assessors (optimizer-assessors) on the class path. */
class NoAssessorsTest {

  @TempDir Path dir;

  @Test
  void withoutAnyAssessorItSaysWhatToAddAndRecordsExecutionsWithoutARating() throws Exception {
    String full = System.getProperty("java.class.path");
    String withoutAssessors =
        Arrays.stream(full.split(File.pathSeparator))
            .filter(entry -> !entry.contains("optimizer-assessors"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(withoutAssessors)
        .as("the test class path holds optimizer-assessors")
        .isNotEqualTo(full);
    Path stderr = dir.resolve("child-stderr.log");
    Files.createDirectories(dir.resolve("config"));

    Process child =
        ChildJvm.start(
            stderr, withoutAssessors, NoAssessorsChild.class, dir.resolve("config").toString());
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(stderr);

    assertThat(child.exitValue()).as("exit code; stderr:%n%s", log).isZero();
    assertThat(out).contains("quality=false executions=1 ratings=0");
    assertThat(log.split("No QualityAssessor was found", -1)).as(log).hasSize(2);
    assertThat(log)
        .contains("io.taskoptimizer:optimizer-assessors")
        .contains("builder().addAssessor(");
  }
}
