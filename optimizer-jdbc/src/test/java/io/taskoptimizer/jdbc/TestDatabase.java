package io.taskoptimizer.jdbc;

import static org.assertj.core.api.Assertions.fail;

import io.taskoptimizer.core.TaskOptimizer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the PostgreSQL server of {@code TASKOPT_TEST_PG_URL} (set by {@code
 * scripts/with-postgres.sh}), dropped on {@link #close()}. Without the variable the tests are
 * skipped on a developer machine but FAIL when {@code CI} is set, so CI cannot pass without a real
 * server.
 */
final class TestDatabase implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String adminUrl;
  private final String name;
  private final String url;

  private TestDatabase(String adminUrl, String name) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.url = withDatabase(adminUrl, name);
  }

  /** The server's URL, or skip (developer machine) / fail (CI) when it is not configured. */
  static String serverUrl() {
    String url = System.getenv("TASKOPT_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
        fail(
            "TASKOPT_TEST_PG_URL is not set but CI is: run the build under scripts/with-postgres.sh");
      }
      Assumptions.abort(
          "TASKOPT_TEST_PG_URL is not set; run under scripts/with-postgres.sh to test against PostgreSQL");
    }
    return url;
  }

  /** Creates a new, empty database. */
  static TestDatabase create() {
    String server = serverUrl();
    String name = "taskopt_t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    return new TestDatabase(server, name);
  }

  /** The JDBC URL of this database, with the test user's credentials. */
  String url() {
    return url;
  }

  /** Runs SQL statements in this database as the test user. */
  void sql(String... statements) {
    for (String s : statements) {
      execute(url, s);
    }
  }

  /** A query's single long value. */
  long queryLong(String query) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        var r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  /** An optimizer on this database's store, without providers, assessors or background flushes. */
  TaskOptimizer.Builder optimizer(Path configDirectory) {
    return TaskOptimizer.builder()
        .configDirectory(configDirectory)
        .store(url)
        .autoDetectProviders(false)
        .autoDetectAssessors(false)
        .feedbackFlushInterval(Duration.ZERO)
        .availabilityRefreshInterval(Duration.ofHours(1));
  }

  /** The URL with another database name. */
  static String withDatabase(String url, String database) {
    int hosts = url.indexOf("//") + 2;
    int slash = url.indexOf('/', hosts);
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  /** The URL with the password parameter replaced. */
  static String withPassword(String url, String password) {
    return url.replaceAll("([?&])password=[^&]*", "$1password=" + password);
  }

  /** The URL with the user and password parameters replaced. */
  static String withUser(String url, String user, String password) {
    return withPassword(url.replaceAll("([?&])user=[^&]*", "$1user=" + user), password);
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
