package io.taskoptimizer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.taskoptimizer.architecture.Reactor.Module;
import java.io.IOException;
import java.lang.module.ModuleDescriptor.Exports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The house rule "every public type says in its Javadoc whether it is immutable, thread-safe or not
 * thread-safe" (CONTRIBUTING.md, Thread-safety), for every public type, nested ones included, of
 * every package a module exports to everyone. Read from the sources, since Javadoc is not in the
 * class files; the types come from the compiled classes, so none is missed.
 */
class ThreadSafetyDocumentedTest {

  @Test
  void everyPublicTypeOfAnExportedPackageStatesItsThreadSafety() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Module module : Reactor.namedModules()) {
      Set<String> exported =
          module.descriptor().orElseThrow().exports().stream()
              .filter(e -> !e.isQualified())
              .map(Exports::source)
              .collect(Collectors.toSet());
      Path sources = Reactor.root().resolve(module.directory()).resolve("src/main/java");
      for (JavaClass type : module.javaClasses()) {
        if (!exported.contains(type.getPackageName()) || !ModuleBoundariesTest.isVisible(type)) {
          continue;
        }
        JavaClass top = type;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        Path file =
            sources
                .resolve(type.getPackageName().replace('.', '/'))
                .resolve(top.getSimpleName() + ".java");
        if (!Files.isRegularFile(file)) {
          continue; // generated, not written by us
        }
        if (!statesThreadSafety(Files.readString(file), type.getSimpleName())) {
          missing.add(module.directory() + ": " + type.getName());
        }
      }
    }
    assertThat(new TreeSet<>(missing))
        .as(
            "public types of exported packages whose Javadoc does not say whether they are"
                + " immutable, thread-safe or not thread-safe (CONTRIBUTING.md, Thread-safety)")
        .isEmpty();
  }

  @Test
  void aTypeWithoutAThreadSafetySentenceIsReported() {
    String source =
        """
        package p;

        /** Adds numbers. */
        public final class Adder {}
        """;

    assertThat(statesThreadSafety(source, "Adder")).isFalse();
  }

  @Test
  void aTypeWithoutJavadocIsReported() {
    assertThat(statesThreadSafety("package p;\n\npublic interface Sink {}\n", "Sink")).isFalse();
  }

  @Test
  void aThreadSafetyOrImmutabilitySentenceSatisfiesTheRule() {
    String source =
        """
        package p;

        /**
         * A value.
         *
         * <p>Immutable, so thread-safe.
         */
        public record Value(int x) {

          /** Builds values. Not thread-safe: confine it to one thread. */
          public static final class Builder {}

          /** The kinds. Immutable (an enum). */
          public enum Kind { A }
        }
        """;

    assertThat(statesThreadSafety(source, "Value")).isTrue();
    assertThat(statesThreadSafety(source, "Builder")).isTrue();
    assertThat(statesThreadSafety(source, "Kind")).isTrue();
  }

  @Test
  void aNestedTypeIsJudgedByItsOwnJavadocNotItsOuterTypes() {
    String source =
        """
        package p;

        /** A service. Thread-safe. */
        public final class Service {

          /** Options of the service. */
          public static final class Options {}
        }
        """;

    assertThat(statesThreadSafety(source, "Service")).isTrue();
    assertThat(statesThreadSafety(source, "Options")).isFalse();
  }

  @Test
  void annotationsBetweenJavadocAndDeclarationAreSkipped() {
    String source =
        """
        package p;

        /** A listener. Implementations must be thread-safe. */
        @FunctionalInterface
        @SuppressWarnings("unused")
        public interface Listener {
          void on(String s);
        }
        """;

    assertThat(statesThreadSafety(source, "Listener")).isTrue();
  }

  /**
   * Whether the Javadoc right above the declaration of the public type {@code simpleName} in {@code
   * source} (annotations in between skipped) says "thread" or "immutable".
   */
  static boolean statesThreadSafety(String source, String simpleName) {
    Matcher declaration =
        Pattern.compile(
                "(?m)^[ \\t]*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+"
                    + Pattern.quote(simpleName)
                    + "\\b")
            .matcher(source);
    if (!declaration.find()) {
      return false;
    }
    List<String> above =
        new ArrayList<>(List.of(source.substring(0, declaration.start()).split("\n", -1)));
    // drop blank lines and annotations (one per line, as the formatter writes them) above the type
    while (!above.isEmpty()
        && (above.get(above.size() - 1).isBlank()
            || above.get(above.size() - 1).strip().startsWith("@"))) {
      above.remove(above.size() - 1);
    }
    String text = String.join("\n", above);
    if (!text.endsWith("*/")) {
      return false;
    }
    String javadoc = text.substring(Math.max(0, text.lastIndexOf("/**"))).toLowerCase(Locale.ROOT);
    return javadoc.contains("thread") || javadoc.contains("immutable");
  }
}
