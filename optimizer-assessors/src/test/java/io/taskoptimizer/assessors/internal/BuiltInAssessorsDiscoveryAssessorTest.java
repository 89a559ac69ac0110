package io.taskoptimizer.assessors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuiltInAssessorsDiscoveryAssessorTest {

  private static List<QualityAssessor> discovered() {
    List<QualityAssessor> out = new ArrayList<>();
    ServiceLoader.load(QualityAssessor.class).forEach(out::add);
    return out;
  }

  @Test
  void discoversEveryBuiltInAssessorThroughServiceLoader() {
    assertThat(discovered())
        .extracting(QualityAssessor::id)
        .contains(
            "optimizer-general",
            "optimizer-self-assessment",
            "optimizer-skill-decomposition",
            "optimizer-domain-relationship",
            "optimizer-cover-letter",
            "optimizer-extraction")
        .doesNotHaveDuplicates();
  }

  @Test
  void coversEveryPredefinedTaskWithTheGeneralAndOneSpecificAssessor() {
    List<QualityAssessor> builtIn =
        discovered().stream().filter(a -> a.id().startsWith("optimizer-")).toList();
    for (TaskType task : TaskType.predefined()) {
      assertThat(builtIn.stream().filter(a -> a.supports(task)).map(QualityAssessor::id))
          .as(task.id())
          .hasSize(2)
          .contains("optimizer-general");
    }
  }
}
