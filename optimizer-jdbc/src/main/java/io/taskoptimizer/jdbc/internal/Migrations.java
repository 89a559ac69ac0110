package io.taskoptimizer.jdbc.internal;

import io.taskoptimizer.api.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small versioned-SQL runner: the migrations are classpath resources {@code
 * migrations/V<n>__<description>.sql} applied in order, each recorded in {@code
 * taskopt_schema_version}, all in one transaction under a PostgreSQL advisory lock so that workers
 * starting together migrate once. A database at a newer version than this library knows is refused
 * ({@link StoreException.Problem#SCHEMA_TOO_NEW}) without touching it.
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** The migrations, in order; version {@code i + 1} is element {@code i}. */
  static final List<String> SCRIPTS = List.of("V1__create_tables.sql");

  /** The schema version this library writes and reads. */
  public static final int LATEST = SCRIPTS.size();

  /** Advisory lock namespace ('task' in ASCII) and keys. */
  public static final int LOCK_NAMESPACE = 0x7461736b;

  /** Advisory lock key of migrations. */
  public static final int MIGRATION_LOCK = 1;

  /** Advisory lock key of ranking updates. */
  public static final int RANKING_LOCK = 2;

  /** Advisory lock key space of state documents (hashed names are xor-ed in). */
  public static final int DOCUMENT_LOCK = 3;

  private Migrations() {}

  /**
   * Brings the schema to {@link #LATEST}; does nothing (and needs no CREATE privilege) when it is
   * there already.
   *
   * @param c a connection with auto-commit off; the caller commits, or rolls back on a failure
   * @param errors names the store in the exceptions
   * @return the version found before migrating (0: empty database)
   * @throws StoreException if the database is newer than this library
   * @throws SQLException on any other failure (the transaction is rolled back by the caller)
   */
  public static int migrate(Connection c, SqlErrors errors) throws SQLException {
    int found = currentVersion(c);
    if (found == LATEST) {
      return found;
    }
    check(found, errors);
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, LOCK_NAMESPACE);
      lock.setInt(2, MIGRATION_LOCK);
      lock.execute();
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS taskopt_schema_version (version integer PRIMARY KEY,"
              + " description text NOT NULL, installed_at timestamptz NOT NULL DEFAULT now())");
    }
    int now = currentVersion(c); // another worker may have migrated while this one waited
    check(now, errors);
    for (int v = now + 1; v <= LATEST; v++) {
      String script = SCRIPTS.get(v - 1);
      try (Statement s = c.createStatement()) {
        for (String statement : statements(read(script))) {
          s.execute(statement);
        }
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO taskopt_schema_version (version, description) VALUES (?, ?)")) {
        p.setInt(1, v);
        p.setString(
            2, script.substring(script.indexOf("__") + 2, script.length() - ".sql".length()));
        p.executeUpdate();
      }
    }
    if (now < LATEST) {
      log.info("Store {}: schema migrated from version {} to {}", errors.location(), now, LATEST);
    }
    return found;
  }

  private static void check(int version, SqlErrors errors) {
    if (version > LATEST) {
      throw SqlErrors.storeException(
          StoreException.Problem.SCHEMA_TOO_NEW,
          errors.location(),
          "the database has schema"
              + " version "
              + version
              + " but this version of optimizer-jdbc knows only up to "
              + LATEST
              + "; upgrade io.taskoptimizer:optimizer-jdbc on this worker (nothing was changed)",
          null);
    }
  }

  /** The recorded version, 0 when the version table does not exist or is empty. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT to_regclass('taskopt_schema_version') IS NOT NULL")) {
      r.next();
      if (!r.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT coalesce(max(version), 0) FROM taskopt_schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
      if (in == null) {
        throw new IllegalStateException(
            "migration " + script + " is missing from the optimizer-jdbc jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Splits a script into statements: at semicolons ending a line; {@code --} comment lines dropped.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    // limit -1 keeps trailing empty lines, which are skipped below like every blank line
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String st = current.toString().strip();
        out.add(st.substring(0, st.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
