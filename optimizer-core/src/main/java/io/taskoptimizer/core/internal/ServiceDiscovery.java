package io.taskoptimizer.core.internal;

import io.taskoptimizer.api.ConfigurationException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader}, robustly, the way SLF4J finds its providers.
 *
 * <ul>
 *   <li>Looks in the thread context class loader first, then in the library's own class loader
 *       (application servers and test runners often differ); a class found through both is one
 *       plugin.
 *   <li>A plugin that cannot be loaded or instantiated ({@link ServiceConfigurationError} or any
 *       exception from its constructor or {@code id()}) is logged at WARN and skipped; the others
 *       still load.
 *   <li>Two different classes with the same id are a {@link ConfigurationException}; so is an id
 *       starting with {@code optimizer-} on a class outside {@code io.taskoptimizer}, because that
 *       prefix is reserved for the plugins that ship with Task Optimizer.
 *   <li>Each plugin is logged at DEBUG with its id, class, version and jar; each SPI gets one INFO
 *       line naming its plugins, once per JVM for the same set of plugins.
 *   <li>On the module path, a class listed in {@code META-INF/services} of a named module without a
 *       {@code provides ... with ...} declaration is ignored by {@link ServiceLoader}; such a
 *       listing is logged at WARN with the missing declaration.
 * </ul>
 */
public final class ServiceDiscovery {

  /** The id prefix reserved for Task Optimizer's own plugins. */
  public static final String RESERVED_PREFIX = "optimizer-";

  private static final Logger log = LoggerFactory.getLogger(ServiceDiscovery.class);
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final int MAX_ERRORS = 100;

  private ServiceDiscovery() {}

  /**
   * A plugin found on the class path.
   *
   * @param instance the instance
   * @param id its id
   * @param version its version, if it says
   * @param location the jar or directory it was loaded from
   */
  public record Found<S>(S instance, String id, Optional<String> version, String location) {}

  /**
   * {@return the class loaders to search by default: the thread context class loader, then the
   * library's (each once, absent ones left out)}
   */
  public static List<ClassLoader> defaultLoaders() {
    List<ClassLoader> loaders = new ArrayList<>();
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    if (tccl != null) {
      loaders.add(tccl);
    }
    ClassLoader own = ServiceDiscovery.class.getClassLoader();
    if (own != null && !loaders.contains(own)) {
      loaders.add(own);
    }
    return loaders;
  }

  /**
   * Loads every implementation of {@code service} from {@code loaders}.
   *
   * @param <S> the service type
   * @param service the SPI
   * @param loaders where to look, in order
   * @param id the plugin's id
   * @param version the plugin's version
   * @return the plugins, in discovery order
   * @throws ConfigurationException on duplicate or reserved ids
   */
  public static <S> List<Found<S>> discover(
      Class<S> service,
      List<ClassLoader> loaders,
      Function<S, String> id,
      Function<S, Optional<String>> version) {
    Map<String, Found<S>> byId = new LinkedHashMap<>();
    Set<String> seenClasses = new HashSet<>();
    for (ClassLoader loader : loaders) {
      Iterator<S> it = ServiceLoader.load(service, loader).iterator();
      int errors = 0;
      while (errors < MAX_ERRORS) {
        S instance;
        try {
          if (!it.hasNext()) {
            break;
          }
          instance = it.next();
        } catch (ServiceConfigurationError | RuntimeException e) {
          errors++;
          log.warn(
              "Skipping a {} plugin that cannot be loaded: {}. Fix or remove the jar that"
                  + " registers it in META-INF/services/{}.",
              service.getSimpleName(),
              describe(e),
              service.getName(),
              e);
          continue;
        }
        Class<?> type = instance.getClass();
        if (!seenClasses.add(type.getName())) {
          continue; // the same plugin seen through a second class loader
        }
        String pluginId;
        Optional<String> pluginVersion;
        try {
          pluginId = Objects.requireNonNull(id.apply(instance), "id() returned null");
          pluginVersion = Objects.requireNonNullElse(version.apply(instance), Optional.empty());
        } catch (RuntimeException e) {
          log.warn(
              "Skipping {} plugin {}: its id() or version() failed: {}",
              service.getSimpleName(),
              type.getName(),
              describe(e),
              e);
          continue;
        }
        Found<S> found = new Found<>(instance, pluginId, pluginVersion, locationOf(type));
        checkReservedId(service, pluginId, type);
        Found<S> clash = byId.putIfAbsent(pluginId, found);
        if (clash != null) {
          throw new ConfigurationException(
              "Two "
                  + service.getSimpleName()
                  + " plugins use the id '"
                  + pluginId
                  + "': "
                  + clash.instance().getClass().getName()
                  + " ("
                  + clash.location()
                  + ") and "
                  + type.getName()
                  + " ("
                  + found.location()
                  + "). Remove one of them from"
                  + " the class path, or name the plugins to use explicitly on TaskOptimizer.builder().");
        }
        log.debug(
            "Found {} plugin '{}': {} version {} from {}",
            service.getSimpleName(),
            pluginId,
            type.getName(),
            pluginVersion.orElse("unknown"),
            found.location());
      }
    }
    if (!byId.isEmpty()) {
      List<String> names = new ArrayList<>();
      byId.values().forEach(f -> names.add(f.id() + f.version().map(v -> " " + v).orElse("")));
      if (LOGGED.add(service.getName() + "=" + names)) {
        log.info("{} plugins: {}", service.getSimpleName(), String.join(", ", names));
      }
    }
    warnAboutModulePathListings(service, loaders, seenClasses);
    return List.copyOf(byId.values());
  }

  /**
   * On the module path, {@link ServiceLoader} reads no {@code META-INF/services} file of a named
   * module: a plugin registered only that way is silently missing. Cheap to detect (a few small
   * resources, read only when this library itself runs as a named module): warn once per class.
   */
  private static void warnAboutModulePathListings(
      Class<?> service, List<ClassLoader> loaders, Set<String> found) {
    if (!ServiceDiscovery.class.getModule().isNamed()) {
      return;
    }
    String resource = "META-INF/services/" + service.getName();
    for (ClassLoader loader : loaders) {
      try {
        for (URL url : java.util.Collections.list(loader.getResources(resource))) {
          for (String name : listedClasses(url)) {
            if (found.contains(name)) {
              continue;
            }
            Class<?> type;
            try {
              type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
              continue; // not loadable at all: ServiceLoader reports that itself
            }
            if (type.getModule().isNamed()
                && LOGGED.add("module-hint/" + service.getName() + "/" + name)) {
              log.warn(
                  "{} is listed in {} but module {} does not provide it, so it is ignored on the"
                      + " module path; add 'provides {} with {};' to that module's module-info.java",
                  name,
                  url,
                  type.getModule().getName(),
                  service.getName(),
                  name);
            }
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        log.debug(
            "Could not check {} listings for the module path: {}",
            service.getSimpleName(),
            e.toString());
      }
    }
  }

  /**
   * The class names of a services file: one per line, {@code #} comments and blanks ignored.
   *
   * @param url the {@code META-INF/services} file
   * @return the class names in file order, from the first 64 KiB of the file
   * @throws java.io.IOException if the file cannot be read
   */
  public static List<String> listedClasses(URL url) throws java.io.IOException {
    List<String> names = new ArrayList<>();
    try (java.io.InputStream in = url.openStream()) {
      for (String line :
          new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8)
              .split("\\R", -1)) {
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * Rejects the reserved {@code optimizer-} id prefix on classes outside {@code io.taskoptimizer}.
   *
   * @param service the SPI, for the message
   * @param id the plugin's id
   * @param type the plugin's class
   * @throws ConfigurationException if {@code id} is reserved and {@code type} is not ours
   */
  public static void checkReservedId(Class<?> service, String id, Class<?> type) {
    if (id.startsWith(RESERVED_PREFIX) && !type.getName().startsWith("io.taskoptimizer.")) {
      throw new ConfigurationException(
          "The "
              + service.getSimpleName()
              + " "
              + type.getName()
              + " uses the id '"
              + id
              + "', but ids starting with '"
              + RESERVED_PREFIX
              + "' are reserved"
              + " for the plugins that ship with Task Optimizer; give it an id of its own (for example"
              + " with your organisation's name as prefix).");
    }
  }

  /**
   * Where a class was loaded from, for logs and messages.
   *
   * @param type the class
   * @return the URL of its jar or directory, or {@code "unknown location"}
   */
  public static String locationOf(Class<?> type) {
    try {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      return url == null ? "unknown location" : url.toString();
    } catch (SecurityException e) {
      return "unknown location";
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return root == e ? msg : msg + " (cause: " + root + ")";
  }
}
