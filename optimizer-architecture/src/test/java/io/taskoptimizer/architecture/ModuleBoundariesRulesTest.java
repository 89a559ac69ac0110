package io.taskoptimizer.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.taskoptimizer.architecture.fixture.exported.Clean;
import io.taskoptimizer.architecture.fixture.exported.Leaky;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ModuleBoundariesTest} report violations (so that passing means something).
 */
class ModuleBoundariesRulesTest {

  private static final String FIXTURE = "io.taskoptimizer.architecture.fixture";

  @Test
  void theApiRequiringAnyOtherOfOurModulesIsReported() {
    ModuleDescriptor api =
        ModuleDescriptor.newModule("io.taskoptimizer.api")
            .requires("io.taskoptimizer.core")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(api)))
        .containsExactly("io.taskoptimizer.api requires io.taskoptimizer.core (allowed: [])");
  }

  @Test
  void theCoreRequiringAPluginIsReported() {
    ModuleDescriptor core =
        ModuleDescriptor.newModule("io.taskoptimizer.core")
            .requires("io.taskoptimizer.api")
            .requires("io.taskoptimizer.ollama")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(core)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("io.taskoptimizer.core requires io.taskoptimizer.ollama");
  }

  @Test
  void aPluginRequiringAnUndeclaredPluginIsReportedAndApiAndCoreAreAllowed() {
    ModuleDescriptor judge =
        ModuleDescriptor.newModule("io.taskoptimizer.judge")
            .requires("io.taskoptimizer.api")
            .requires("io.taskoptimizer.core")
            .requires("io.taskoptimizer.ollama")
            .requires("com.fasterxml.jackson.databind")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(judge)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("io.taskoptimizer.judge requires io.taskoptimizer.ollama");
  }

  @Test
  void aDeclaredPluginDependencyIsAllowed() {
    ModuleDescriptor testkit =
        ModuleDescriptor.newModule("io.taskoptimizer.testkit")
            .requires("io.taskoptimizer.api")
            .requires("io.taskoptimizer.testserver")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(testkit))).isEmpty();
  }

  @Test
  void anApplicationMayRequireTheCoreAndEveryPlugin() {
    ModuleDescriptor examples =
        ModuleDescriptor.newModule("io.taskoptimizer.examples")
            .requires("io.taskoptimizer.core")
            .requires("io.taskoptimizer.ollama")
            .requires("io.taskoptimizer.judge")
            .requires("io.taskoptimizer.testserver")
            .requires("info.picocli")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(examples))).isEmpty();
  }

  @Test
  void aPluginRequiringAnApplicationIsReported() {
    ModuleDescriptor ollama =
        ModuleDescriptor.newModule("io.taskoptimizer.ollama")
            .requires("io.taskoptimizer.api")
            .requires("io.taskoptimizer.examples")
            .build();

    assertThat(ModuleBoundariesTest.requiresViolations(List.of(ollama)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("io.taskoptimizer.ollama requires io.taskoptimizer.examples");
  }

  @Test
  void anApplicationMayUseNoApplicationNorAModuleWithoutDescriptor() {
    assertThat(
            ModuleBoundariesTest.mayDependOn(
                "io.taskoptimizer.examples", "io.taskoptimizer.examples"))
        .isFalse();
    assertThat(
            ModuleBoundariesTest.mayDependOn("io.taskoptimizer.examples", "optimizer-benchmarks"))
        .as("a module without module-info is known by its directory")
        .isFalse();
    assertThat(
            ModuleBoundariesTest.mayDependOn("io.taskoptimizer.examples", "io.taskoptimizer.jdbc"))
        .isTrue();
  }

  @Test
  void internalPackagesExportedToEveryoneOrToForeignModulesAreReported() {
    ModuleDescriptor core =
        ModuleDescriptor.newModule("io.taskoptimizer.core")
            .exports("io.taskoptimizer.core")
            .exports("io.taskoptimizer.core.internal")
            .exports("io.taskoptimizer.core.internal.store", Set.of("io.taskoptimizer.judge"))
            .exports("io.taskoptimizer.core.internal.json", Set.of("com.example.app"))
            .opens("io.taskoptimizer.core.internal.learning")
            .build();

    assertThat(ModuleBoundariesTest.exportViolations(List.of(core)))
        .containsExactlyInAnyOrder(
            "io.taskoptimizer.core exports io.taskoptimizer.core.internal to everyone; add 'to <our module>'",
            "io.taskoptimizer.core exports io.taskoptimizer.core.internal.json to com.example.app, not one of our modules",
            "io.taskoptimizer.core opens io.taskoptimizer.core.internal.learning to everyone; add 'to <our module>'");
  }

  @Test
  void aHiddenTypeInAPublicSignatureIsReportedButNotOneUsedOnlyInABody() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);

    List<String> violations =
        ModuleBoundariesTest.exposureViolations(
            classes, Set.of(FIXTURE + ".exported"), Set.of(FIXTURE + ".hidden"));

    assertThat(violations)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(Leaky.class.getName() + ".hidden()")
        .contains("returns " + FIXTURE + ".hidden.Hidden");
    assertThat(violations).noneMatch(v -> v.contains(Clean.class.getName()));
  }

  @Test
  void aClassDependingOnAForbiddenPackageFailsTheDependencyRule() {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE + ".exported");

    assertThatThrownBy(
            () ->
                ModuleBoundariesTest.dependencyRule(
                        "io.taskoptimizer.fixture", Set.of(), Set.of(FIXTURE + ".hidden"))
                    .check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(Leaky.class.getName());
  }
}
