package io.taskoptimizer.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} without a pool: every {@link #getConnection()} opens a connection through
 * {@link DriverManager}. Used when a store is opened by URL and the host gave no pool of its own;
 * the store opens one connection per flush or transaction, which is cheap next to the flush
 * interval. Hosts with many writers pass a pooled {@code DataSource} (e.g. HikariCP) instead.
 */
public final class UrlDataSource implements DataSource {

  private final String url;
  private final Properties defaults = new Properties();
  private volatile int loginTimeout;

  /** A data source of {@code url}; connect and socket timeouts default to 10 s and 5 min. */
  public UrlDataSource(String url) {
    this.url = url;
    defaults.setProperty("connectTimeout", "10");
    defaults.setProperty("socketTimeout", "300");
    defaults.setProperty("ApplicationName", "taskoptimizer");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, defaults);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties p = new Properties();
    p.putAll(defaults);
    p.setProperty("user", username);
    p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no logging through a print writer
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
