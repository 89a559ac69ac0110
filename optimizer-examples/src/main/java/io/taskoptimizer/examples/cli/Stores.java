package io.taskoptimizer.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.jdbc.PostgresStore;
import io.taskoptimizer.jdbc.PostgresStoreFactory;
import io.taskoptimizer.spi.OptimizerStore;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the store of {@code --store URL} / {@code TASKOPT_STORE}: PostgreSQL through a small
 * HikariCP pool (closed with the store), any other URL through the discovered store factories.
 */
final class Stores {

  private static final Pattern PASSWORD = Pattern.compile("(?i)[?&;]password=([^&;]*)");

  private Stores() {}

  static OptimizerStore open(String url) {
    if (!new PostgresStoreFactory().supports(url)) {
      return OptimizerStores.open(url); // names the problem (no implementation for this URL)
    }
    String safe = OptimizerStores.redact(url);
    // the factory validates the URL and maps connection errors without a pool first
    new PostgresStoreFactory().open(url).close();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setPoolName("taskopt-store");
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      PostgresStore.Builder b = PostgresStore.builder(pool).location(safe).onClose(pool::close);
      Matcher m = PASSWORD.matcher(url);
      if (m.find()) {
        b.redact(m.group(1));
      }
      return b.build();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }
}
