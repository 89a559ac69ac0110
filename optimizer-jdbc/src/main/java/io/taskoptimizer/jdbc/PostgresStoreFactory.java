package io.taskoptimizer.jdbc;

import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.jdbc.internal.SqlErrors;
import io.taskoptimizer.jdbc.internal.UrlDataSource;
import io.taskoptimizer.jdbc.internal.Urls;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.OptimizerStoreFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Opens a {@link PostgresStore} from a {@code
 * jdbc:postgresql://HOST:PORT/DATABASE?user=U&password=P} URL (any URL the PostgreSQL JDBC driver
 * accepts), without a pool: connections are opened through {@link DriverManager} and a few idle
 * ones are kept for reuse until the store is closed. Found by {@link java.util.ServiceLoader}, so
 * {@code TaskOptimizer.builder().store(url)} and the CLI's {@code --store} work with this module on
 * the class path. Hosts that have a pool pass it to {@link PostgresStore#builder} instead.
 *
 * <p>Stateless, so thread-safe.
 */
public final class PostgresStoreFactory implements OptimizerStoreFactory {

  /** The URL prefix this factory serves. */
  public static final String PREFIX = "jdbc:postgresql:";

  /** For {@link java.util.ServiceLoader}. */
  public PostgresStoreFactory() {}

  @Override
  public String id() {
    return "postgresql";
  }

  @Override
  public boolean supports(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Opens the store of {@code url}.
   *
   * @throws StoreException naming the problem: a malformed URL or missing driver ({@code
   *     INVALID_URL}), an unreachable server, refused credentials, a missing privilege or a newer
   *     schema; the message shows the URL without its password
   */
  @Override
  public OptimizerStore open(String url) {
    Objects.requireNonNull(url, "url");
    String safe = Redaction.redact(url);
    if (!supports(url)) {
      throw SqlErrors.storeException(
          StoreException.Problem.INVALID_URL,
          safe,
          "not a jdbc:postgresql: URL; use"
              + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
          null);
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw SqlErrors.storeException(
          StoreException.Problem.INVALID_URL,
          safe,
          "the PostgreSQL JDBC driver does not"
              + " accept this URL (or is not on the class path); use"
              + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
          null);
    }
    UrlDataSource dataSource = new UrlDataSource(url);
    PostgresStore.Builder b =
        PostgresStore.builder(dataSource).location(safe).onClose(dataSource::close);
    Urls.password(url).ifPresent(b::redact);
    try {
      return b.build();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }
}
