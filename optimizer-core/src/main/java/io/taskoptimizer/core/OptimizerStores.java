package io.taskoptimizer.core;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.core.internal.ServiceDiscovery;
import io.taskoptimizer.core.internal.store.FileStore;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.OptimizerStoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stores an optimizer can keep its rankings, feedback and learned state in: the files of a
 * config directory ({@link #files}, the default), or a store opened by URL ({@link #open}), e.g.
 * {@code jdbc:postgresql://host:5432/db?user=u&password=p} with {@code optimizer-jdbc} on the class
 * path.
 *
 * <p>Static and stateless, so thread-safe (each call discovers the factories anew).
 */
public final class OptimizerStores {

  private OptimizerStores() {}

  /**
   * The file store of a config directory (created if missing): {@code model_rankings.json}, {@code
   * model_performance_feedback.json} and the state files, shared between processes through file
   * locks.
   *
   * @param directory the config directory; must not be null
   * @return a new file store of the directory (its real path)
   * @throws NullPointerException if {@code directory} is null
   * @throws ConfigurationException if the directory cannot be created
   */
  public static OptimizerStore files(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
      return new FileStore(directory.toRealPath());
    } catch (IOException e) {
      throw new ConfigurationException(
          "Cannot create or open the config directory "
              + directory.toAbsolutePath()
              + ": "
              + e
              + ". Choose a writable directory.",
          e);
    }
  }

  /**
   * Opens the store of a URL with the first {@link OptimizerStoreFactory} (found by {@link
   * java.util.ServiceLoader}) that supports it. The caller owns the store and closes it.
   *
   * @param url the store's URL, e.g. {@code jdbc:postgresql://host:5432/db?user=u&password=p}; must
   *     not be null
   * @return the opened store, which the caller closes
   * @throws NullPointerException if {@code url} is null
   * @throws StoreException with {@link StoreException.Problem#INVALID_URL} if no factory supports
   *     the URL, or the factory's error (wrong host, password, privileges, schema)
   */
  public static OptimizerStore open(String url) {
    Objects.requireNonNull(url, "url");
    String safe = redact(url);
    List<String> ids = new ArrayList<>();
    for (ServiceDiscovery.Found<OptimizerStoreFactory> f :
        ServiceDiscovery.discover(
            OptimizerStoreFactory.class,
            ServiceDiscovery.defaultLoaders(),
            OptimizerStoreFactory::id,
            OptimizerStoreFactory::version)) {
      ids.add(f.id());
      if (f.instance().supports(url)) {
        return f.instance().open(url);
      }
    }
    String hint =
        url.startsWith("jdbc:postgresql:")
            ? "add io.taskoptimizer:optimizer-jdbc (and the PostgreSQL driver) to the class path"
            : "use jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD with optimizer-jdbc on the"
                + " class path, or a config directory";
    throw invalidUrl(
        safe,
        "no store implementation supports this URL"
            + (ids.isEmpty()
                ? " (none is on the class path)"
                : " (found: " + String.join(", ", ids) + ")")
            + "; "
            + hint);
  }

  private static StoreException invalidUrl(String location, String message) {
    return new StoreException(StoreException.Problem.INVALID_URL, location, message, null);
  }

  /**
   * The URL (or any text quoting URLs) as it may be shown in messages and logs: every {@code
   * password=...} value and the whole {@code user:password@} of a URL are replaced by {@code ***},
   * e.g. {@code jdbc:postgresql://***@host/db?user=u&password=***}. Every module of Task Optimizer
   * redacts with these rules.
   *
   * @param url a URL or text, or {@code null}
   * @return the text without credentials; {@code "null"} for {@code null}
   */
  public static String redact(String url) {
    return Redaction.redact(url);
  }
}
