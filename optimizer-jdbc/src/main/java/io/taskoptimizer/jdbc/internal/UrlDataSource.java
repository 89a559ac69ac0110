package io.taskoptimizer.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} of a URL that keeps a few idle connections for reuse, used when a store is
 * opened by URL and the host gave no pool of its own. Opening a PostgreSQL connection costs a TCP
 * handshake and a SCRAM authentication (tens of milliseconds), more than a flush itself, so a
 * connection closed by the store goes back to a small idle list (at most {@value #MAX_IDLE})
 * instead of being closed; {@link #close()} closes them. Not a pool: no limit on connections in
 * use, no timeouts, no eviction beyond checking a reused connection is still open. Hosts that want
 * those pass their own pooled {@code DataSource} (e.g. HikariCP) to {@code PostgresStore.builder}.
 */
public final class UrlDataSource implements DataSource, AutoCloseable {

  private static final int MAX_IDLE = 4;

  private final String url;
  private final Properties defaults = new Properties();
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;
  private volatile int loginTimeout;

  /**
   * A data source of {@code url}; connect and socket timeouts default to 10 s and 5 min.
   *
   * @param url a {@code jdbc:postgresql:} URL, with the credentials as the driver accepts them
   */
  public UrlDataSource(String url) {
    this.url = url;
    defaults.setProperty("connectTimeout", "10");
    defaults.setProperty("socketTimeout", "300");
    defaults.setProperty("ApplicationName", "taskoptimizer");
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      idleCount.decrementAndGet();
      if (!c.isClosed()) {
        return wrap(c);
      }
    }
    return wrap(DriverManager.getConnection(url, defaults));
  }

  /** A connection whose {@code close()} returns it to the idle list (when healthy and not full). */
  private Connection wrap(Connection real) {
    AtomicBoolean released = new AtomicBoolean();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (released.compareAndSet(false, true)) {
              release(real);
            }
            return null;
          }
          if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
            return released.get() || real.isClosed();
          }
          if (released.get()) {
            throw new SQLException("connection already closed", "08003");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private void release(Connection real) throws SQLException {
    boolean keep = false;
    try {
      if (!closed && !real.isClosed() && !real.getAutoCommit()) {
        real.rollback(); // nothing uncommitted survives a return (the store always commits or rolls
        // back)
      }
      if (!closed && !real.isClosed()) {
        real.setAutoCommit(true);
        keep = idleCount.incrementAndGet() <= MAX_IDLE;
        if (keep) {
          idle.offerFirst(real);
        } else {
          idleCount.decrementAndGet();
        }
      }
    } catch (SQLException e) {
      keep = false;
    } finally {
      if (!keep) {
        real.close();
      }
    }
  }

  /** Closes the idle connections; connections in use are closed when they are returned. */
  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      idleCount.decrementAndGet();
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
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
  public @Nullable PrintWriter getLogWriter() {
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
