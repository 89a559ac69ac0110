package io.taskoptimizer.architecture;

import static java.util.stream.Collectors.toUnmodifiableSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The modules of this build, read from the parent pom's {@code <modules>} and from each module's
 * {@code target/classes}, so that a module added to the build is checked without editing the tests.
 */
final class Reactor {

  /**
   * One module of the build: its directory, its compiled main classes and its descriptor, if any.
   */
  record Module(
      String directory,
      Path classes,
      Optional<ModuleDescriptor> descriptor,
      JavaClasses javaClasses) {

    /** The JPMS name, or the directory name for a module without {@code module-info}. */
    String name() {
      return descriptor.map(ModuleDescriptor::name).orElse(directory);
    }

    /** The packages of the module's classes. */
    Set<String> packages() {
      return javaClasses.stream().map(JavaClass::getPackageName).collect(toUnmodifiableSet());
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private static final Path ROOT = findRoot();
  private static List<Module> modules;

  private Reactor() {}

  /** Every module of the parent pom that has main Java sources, built. */
  static synchronized List<Module> modules() {
    if (modules == null) {
      modules = List.copyOf(load());
    }
    return modules;
  }

  /** The modules with a {@code module-info.class}. */
  static List<Module> namedModules() {
    return modules().stream().filter(m -> m.descriptor().isPresent()).toList();
  }

  static Path root() {
    return ROOT;
  }

  private static List<Module> load() {
    List<Module> result = new ArrayList<>();
    for (String dir : moduleDirectories()) {
      Path base = ROOT.resolve(dir);
      if (!Files.isDirectory(base.resolve("src/main/java"))) {
        continue; // the BOM, and modules with tests only (this one)
      }
      Path classes = base.resolve("target/classes");
      if (!Files.isDirectory(classes)) {
        throw new IllegalStateException(
            dir
                + " has main sources but no target/classes: run the architecture tests from the"
                + " reactor root (mvn verify), so that every module is built first");
      }
      Optional<ModuleDescriptor> descriptor = readDescriptor(classes.resolve("module-info.class"));
      JavaClasses javaClasses = new ClassFileImporter().importPath(classes);
      result.add(new Module(dir, classes, descriptor, javaClasses));
    }
    if (result.isEmpty()) {
      throw new IllegalStateException("no modules found under " + ROOT);
    }
    return result;
  }

  /** The {@code <module>} entries of the parent pom (comments are not entries). */
  static List<String> moduleDirectories() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project =
          factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
      NodeList entries = project.getElementsByTagName("module");
      List<String> dirs = new ArrayList<>();
      for (int i = 0; i < entries.getLength(); i++) {
        Element entry = (Element) entries.item(i);
        // only the parent's own <modules>, not those of a profile
        if (entry.getParentNode().getParentNode() == project) {
          dirs.add(entry.getTextContent().trim());
        }
      }
      return dirs;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the modules of " + ROOT.resolve("pom.xml"), e);
    }
  }

  private static Optional<ModuleDescriptor> readDescriptor(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(ModuleDescriptor.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    // surefire runs in this module's directory; the parent pom is one level up
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("optimizer-api"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("cannot find the build's root directory from " + Path.of(""));
  }
}
