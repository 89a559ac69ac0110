package io.taskoptimizer.jdbc.internal;

import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.StoreException.Problem;
import io.taskoptimizer.api.internal.Redaction;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps JDBC failures to {@link StoreException}s that name the problem and what to do, by SQLSTATE
 * (so no driver class is needed). Messages are stripped of the password; a cause whose message
 * contains it is dropped rather than attached.
 */
public final class SqlErrors {

  private final String location;
  private final Optional<String> secret;

  /**
   * @param location the store, safe to print
   * @param secret the password, if known, so that it can be removed from driver messages
   */
  public SqlErrors(String location, Optional<String> secret) {
    this.location = location;
    this.secret = secret.filter(s -> !s.isEmpty());
  }

  /** {@return the store's location, safe to print} */
  public String location() {
    return location;
  }

  /**
   * Maps a failure of {@code what} (e.g. "adding feedback").
   *
   * @param what the operation that failed, for the message
   * @param e the failure
   * @return an exception naming the problem, without the password; its cause is {@code e} unless
   *     {@code e} or one of its causes shows the password
   */
  public StoreException map(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String detail = clean(e.getMessage());
    @Nullable Throwable cause = leaks(e) ? null : e;
    if (state.equals("28P01") || state.equals("28000")) {
      return storeException(
          Problem.AUTHENTICATION,
          location,
          "the server refused the credentials while "
              + what
              + " ("
              + detail
              + "); check the user and password",
          cause);
    }
    if (state.equals("42501")) {
      return storeException(
          Problem.PERMISSION,
          location,
          "missing privilege while "
              + what
              + " ("
              + detail
              + "); grant the user CONNECT on the database, USAGE and CREATE on the schema (for the first start"
              + " and upgrades) and SELECT, INSERT, UPDATE, DELETE on the taskopt_* tables",
          cause);
    }
    if (state.equals("3D000")) {
      return storeException(
          Problem.INVALID_URL,
          location,
          "the database does not exist ("
              + detail
              + "); create it or fix the database name in the URL",
          cause);
    }
    if (state.startsWith("08")
        || hasCause(e, ConnectException.class)
        || hasCause(e, UnknownHostException.class)
        || hasCause(e, NoRouteToHostException.class)
        || hasCause(e, SocketTimeoutException.class)) {
      return storeException(
          Problem.UNREACHABLE,
          location,
          "cannot reach the database server while "
              + what
              + " ("
              + detail
              + "); check the host and port in the URL and that the server is running",
          cause);
    }
    return storeException(
        Problem.FAILED,
        location,
        what
            + " failed and was rolled back ("
            + detail
            + (state.isEmpty() ? "" : ", SQLSTATE " + state)
            + ")",
        cause);
  }

  /**
   * A {@link StoreException} with an optional cause.
   *
   * @param problem what kind of problem
   * @param location the store, safe to print
   * @param message what is wrong and what to do
   * @param cause the underlying error, or {@code null}
   * @return the exception
   */
  public static StoreException storeException(
      Problem problem, String location, String message, @Nullable Throwable cause) {
    return new StoreException(problem, location, message, cause);
  }

  /**
   * Whether a transaction may simply be retried (deadlock, serialization failure).
   *
   * @param e the failure of the transaction
   * @return true for SQLSTATE {@code 40P01} (deadlock) or {@code 40001} (serialization failure)
   */
  public static boolean retriable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state);
  }

  /**
   * Removes the password from a message, and the credentials of any URL it quotes.
   *
   * @param text a driver's message; may be null
   * @return {@code text} without the password, or {@code no detail} when it is null
   */
  public String clean(@Nullable String text) {
    if (text == null) {
      return "no detail";
    }
    String out = text;
    if (secret.isPresent()) {
      out = out.replace(secret.get(), "***");
    }
    return Redaction.redact(out);
  }

  private boolean leaks(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null
          && ((secret.isPresent() && m.contains(secret.get())) || !Redaction.redact(m).equals(m))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
