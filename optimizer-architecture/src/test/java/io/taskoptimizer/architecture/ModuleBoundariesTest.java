package io.taskoptimizer.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchRule;
import io.taskoptimizer.architecture.Reactor.Module;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house style's module rules, for every module of the build (found through the parent pom, so a
 * new module is checked without an edit here): the dependency direction api &lt;- core &lt;-
 * plugins &lt;- applications, internals never exported to everyone, no internal type in a public
 * signature, null marking on every package and {@code provides} in sync with {@code
 * META-INF/services}.
 */
class ModuleBoundariesTest {

  private static final String PREFIX = "io.taskoptimizer.";
  private static final String API = "io.taskoptimizer.api";
  private static final String CORE = "io.taskoptimizer.core";

  /**
   * Dependencies between plugin modules, beyond the api and core that every plugin may use. A new
   * edge is a design decision: add it here with the reason.
   */
  private static final Map<String, Set<String>> DECLARED_PLUGIN_DEPENDENCIES =
      Map.of(
          // the JUnit extension runs the test server and passes it on to its users
          "io.taskoptimizer.testkit", Set.of("io.taskoptimizer.testserver"));

  /**
   * Applications: programs built on the library, not part of it (the {@code taskopt} CLI and the
   * usage examples). An application may use the api, the core and every plugin; no module may use
   * an application, and no application another one.
   */
  static final Set<String> APPLICATIONS = Set.of("io.taskoptimizer.examples");

  /**
   * The optimizer modules a library module (not an application) may require, by the dependency
   * direction api <- core <- plugins.
   */
  private static Set<String> allowedDependencies(String module) {
    if (module.equals(API)) {
      return Set.of();
    }
    if (module.equals(CORE)) {
      return Set.of(API);
    }
    Set<String> allowed = new HashSet<>(Set.of(API, CORE));
    allowed.addAll(DECLARED_PLUGIN_DEPENDENCIES.getOrDefault(module, Set.of()));
    return allowed;
  }

  /**
   * Whether {@code module} may use {@code dependency} (two of our modules' names): an application
   * every named module of ours that is not an application, any other module what {@link
   * #allowedDependencies} lists.
   */
  static boolean mayDependOn(String module, String dependency) {
    if (APPLICATIONS.contains(module)) {
      return dependency.startsWith(PREFIX) && !APPLICATIONS.contains(dependency);
    }
    return allowedDependencies(module).contains(dependency);
  }

  /** What {@code module} may use, for messages. */
  private static String describeAllowed(String module) {
    return APPLICATIONS.contains(module)
        ? "api, core and plugins, no application"
        : allowedDependencies(module).toString();
  }

  @Test
  void theBuildHasTheApiAndTheCore() {
    assertThat(Reactor.namedModules()).extracting(Module::name).contains(API, CORE);
  }

  @Test
  void theApplicationsAreNamedModulesSoTheirDependenciesAreChecked() {
    assertThat(Reactor.namedModules())
        .extracting(Module::name)
        .containsAll(APPLICATIONS.stream().sorted().toList());
  }

  @Test
  void moduleDescriptorsRequireOnlyModulesInTheDependencyDirection() {
    assertThat(requiresViolations(descriptors()))
        .as("module-info requires against api <- core <- plugins")
        .isEmpty();
  }

  private static List<ModuleDescriptor> descriptors() {
    return Reactor.namedModules().stream().map(m -> m.descriptor().orElseThrow()).toList();
  }

  /** Each {@code requires} of one of our modules that the dependency direction does not allow. */
  static List<String> requiresViolations(Collection<ModuleDescriptor> descriptors) {
    List<String> violations = new ArrayList<>();
    for (ModuleDescriptor d : descriptors) {
      for (Requires r : d.requires()) {
        if (r.name().startsWith(PREFIX) && !mayDependOn(d.name(), r.name())) {
          violations.add(
              d.name() + " requires " + r.name() + " (allowed: " + describeAllowed(d.name()) + ")");
        }
      }
    }
    return violations;
  }

  @Test
  void classesDependOnlyOnModulesInTheDependencyDirection() {
    // the same rule at the class level: it also catches a dependency that module-info would allow
    // only because some other module passes it on with 'requires transitive'
    List<Module> all = Reactor.modules();
    for (Module module : Reactor.namedModules()) {
      Set<String> allowed = new TreeSet<>();
      Set<String> forbidden = new TreeSet<>();
      for (Module other : all) {
        if (other.name().equals(module.name())) {
          continue;
        }
        if (mayDependOn(module.name(), other.name())) {
          allowed.add(other.name());
        } else {
          forbidden.addAll(other.packages());
        }
      }
      if (forbidden.isEmpty()) {
        continue;
      }
      ArchRule rule = dependencyRule(module.name(), allowed, forbidden);
      rule.check(module.javaClasses());
    }
  }

  /** No class depends on a class in one of the {@code forbidden} packages. */
  static ArchRule dependencyRule(String module, Set<String> allowed, Set<String> forbidden) {
    return noClasses()
        .should()
        .dependOnClassesThat(resideInAnyPackage(forbidden.toArray(String[]::new)))
        .because(
            module
                + " may use only "
                + allowed
                + " of our modules (api <- core <- plugins <- applications)");
  }

  @Test
  void internalPackagesAreExportedAndOpenedOnlyToOurOwnModules() {
    assertThat(exportViolations(descriptors()))
        .as("qualified exports of internal packages")
        .isEmpty();
  }

  /** Each internal package exported or opened to everyone or to a module that is not ours. */
  static List<String> exportViolations(Collection<ModuleDescriptor> descriptors) {
    List<String> violations = new ArrayList<>();
    for (ModuleDescriptor d : descriptors) {
      for (Exports e : d.exports()) {
        check(d.name(), "exports", e.source(), e.isQualified(), e.targets(), violations);
      }
      for (Opens o : d.opens()) {
        check(d.name(), "opens", o.source(), o.isQualified(), o.targets(), violations);
      }
      if (d.isOpen()) {
        violations.add(d.name() + " is an open module");
      }
    }
    return violations;
  }

  private static void check(
      String module,
      String what,
      String pkg,
      boolean qualified,
      Set<String> targets,
      List<String> violations) {
    if (!isInternal(pkg)) {
      return;
    }
    if (!qualified) {
      violations.add(module + " " + what + " " + pkg + " to everyone; add 'to <our module>'");
      return;
    }
    for (String target : targets) {
      if (!target.startsWith(PREFIX)) {
        violations.add(
            module + " " + what + " " + pkg + " to " + target + ", not one of our modules");
      }
    }
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  @Test
  void publicSignaturesOfExportedPackagesUseNoUnexportedTypes() {
    Set<String> exported = new TreeSet<>();
    Set<String> ours = new TreeSet<>();
    for (Module module : Reactor.namedModules()) {
      ours.addAll(module.packages());
      module.descriptor().orElseThrow().exports().stream()
          .filter(e -> !e.isQualified())
          .map(Exports::source)
          .forEach(exported::add);
    }
    assertThat(exported).as("no module exports an internal package").noneMatch(p -> isInternal(p));
    Set<String> hidden = new TreeSet<>(ours);
    hidden.removeAll(exported);

    List<String> violations = new ArrayList<>();
    for (Module module : Reactor.namedModules()) {
      violations.addAll(exposureViolations(module.javaClasses(), exported, hidden));
    }
    assertThat(violations).as("types of unexported packages in the public API").isEmpty();
  }

  /**
   * Each public or protected signature of a public type in an {@code exported} package that names a
   * type of a {@code hidden} package.
   */
  static List<String> exposureViolations(
      Iterable<JavaClass> classes, Set<String> exported, Set<String> hidden) {
    List<String> violations = new ArrayList<>();
    for (JavaClass type : classes) {
      if (!exported.contains(type.getPackageName()) || !isVisible(type)) {
        continue;
      }
      type.getRawSuperclass()
          .ifPresent(s -> report(type.getName() + " extends", s, hidden, violations));
      type.getRawInterfaces()
          .forEach(i -> report(type.getName() + " implements", i, hidden, violations));
      for (JavaField field : type.getFields()) {
        if (isVisible(field.getModifiers())) {
          reportAll(field.getFullName(), field.getType(), hidden, violations);
        }
      }
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        if (!isVisible(unit.getModifiers())
            || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          continue;
        }
        reportAll(unit.getFullName() + " returns", unit.getReturnType(), hidden, violations);
        for (JavaType parameter : unit.getParameterTypes()) {
          reportAll(unit.getFullName() + " takes", parameter, hidden, violations);
        }
        unit.getThrowsClause()
            .getTypes()
            .forEach(t -> report(unit.getFullName() + " throws", t, hidden, violations));
      }
    }
    return violations;
  }

  static boolean isVisible(JavaClass type) {
    for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isLocalClass();
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void reportAll(String where, JavaType type, Set<String> hidden, List<String> out) {
    type.getAllInvolvedRawTypes().forEach(t -> report(where, t, hidden, out));
  }

  private static void report(String where, JavaClass type, Set<String> hidden, List<String> out) {
    JavaClass base = type.getBaseComponentType();
    if (hidden.contains(base.getPackageName())) {
      out.add(
          where
              + " "
              + base.getName()
              + " (package "
              + base.getPackageName()
              + " is not exported)");
    }
  }

  @Test
  void everyPackageIsNullMarked() {
    List<String> unmarked = new ArrayList<>();
    for (Module module : Reactor.modules()) {
      Path sources = Reactor.root().resolve(module.directory()).resolve("src/main/java");
      for (String pkg : new TreeSet<>(module.packages())) {
        // packages with sources of ours, not generated ones such as JMH's jmh_generated
        if (pkg.startsWith(PREFIX)
            && Files.isDirectory(sources.resolve(pkg.replace('.', '/')))
            && !module
                .javaClasses()
                .getPackage(pkg)
                .isAnnotatedWith("org.jspecify.annotations.NullMarked")) {
          unmarked.add(module.directory() + ": " + pkg);
        }
      }
    }
    assertThat(unmarked)
        .as("packages without a package-info.java annotated @NullMarked (org.jspecify.annotations)")
        .isEmpty();
  }

  @Test
  void providesAndMetaInfServicesNameTheSameImplementations() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Module module : Reactor.namedModules()) {
      ModuleDescriptor d = module.descriptor().orElseThrow();
      Set<String> services = new TreeSet<>();
      for (Provides p : d.provides()) {
        services.add(p.service());
        Set<String> listed = servicesFile(module.classes(), p.service());
        if (!listed.equals(new TreeSet<>(p.providers()))) {
          violations.add(
              d.name()
                  + ": provides "
                  + p.service()
                  + " with "
                  + new TreeSet<>(p.providers())
                  + " but META-INF/services lists "
                  + listed);
        }
      }
      Path dir = module.classes().resolve("META-INF/services");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files
              .map(f -> f.getFileName().toString())
              .filter(s -> !services.contains(s))
              .forEach(
                  s ->
                      violations.add(d.name() + ": META-INF/services/" + s + " has no 'provides'"));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static Set<String> servicesFile(Path classes, String service) throws IOException {
    Path file = classes.resolve("META-INF/services").resolve(service);
    Set<String> names = new TreeSet<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        String name = line.replaceFirst("#.*", "").trim();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
