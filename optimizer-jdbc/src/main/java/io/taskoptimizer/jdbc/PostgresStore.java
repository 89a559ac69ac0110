package io.taskoptimizer.jdbc;

import io.taskoptimizer.api.ModelNames;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.jdbc.internal.Migrations;
import io.taskoptimizer.jdbc.internal.SqlErrors;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import io.taskoptimizer.spi.StoredRankings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * An {@link OptimizerStore} in PostgreSQL, shared by every worker that uses the same database.
 *
 * <pre>{@code
 * DataSource pool = ...; // the host's pool, e.g. HikariCP
 * try (OptimizerStore store = PostgresStore.builder(pool).build();
 *     TaskOptimizer optimizer = TaskOptimizer.builder().store(store).build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Feedback</b> is added as increments in one transaction per flush: one batched {@code INSERT
 * ... ON CONFLICT DO UPDATE SET executions = t.executions + excluded.executions ...} for the
 * counters, one batch inserting the new quality ratings (a row each) and one batch pruning each
 * touched model to its newest {@code maxRatings}; no worker ever reads and rewrites another's
 * totals, so none is lost. <b>Rankings</b> and <b>state documents</b> are written in transactions;
 * {@link #inRankingTransaction} takes {@code pg_advisory_xact_lock}, so ranking updaters of all
 * workers run one after the other and each sees the previous one's result.
 *
 * <p><b>Schema.</b> {@link Builder#build()} creates or migrates the {@code taskopt_*} tables with a
 * small versioned-SQL runner under an advisory lock, and refuses a database written by a newer
 * version. Failures are {@link StoreException}s naming the problem (unreachable, credentials,
 * privileges, schema version); messages never contain the password.
 *
 * <p>The store does not pool connections: it takes one from the {@code DataSource} per operation
 * and closes it. Instances are thread-safe. {@link #close()} does not close the data source.
 */
public final class PostgresStore implements OptimizerStore {

  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final SqlErrors errors;

  // per store, not static: a thread inside this store's ranking transaction joins this store's
  // connection only, never one of another store (perhaps another database); cleared in a finally
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

  private final Runnable onClose;

  private PostgresStore(DataSource dataSource, SqlErrors errors, Runnable onClose) {
    this.dataSource = dataSource;
    this.errors = errors;
    this.onClose = onClose;
  }

  /**
   * Starts a builder for a store in the database of {@code dataSource}.
   *
   * @param dataSource where the store takes its connections; not null, and not closed by the store
   * @return a builder with the default location {@code postgresql}
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** {@return the schema version this library writes and reads} */
  public static int schemaVersion() {
    return Migrations.LATEST;
  }

  @Override
  public String location() {
    return errors.location();
  }

  // ------------------------------------------------------------------ rankings

  @Override
  public StoredRankings loadRankings() {
    return inTransaction("reading the rankings", this::readRankings);
  }

  @Override
  public StoredRankings replaceRankings(Map<TaskType, List<RankedModel>> replacement) {
    Objects.requireNonNull(replacement, "replacement");
    return inTransaction(
        "writing the rankings",
        c -> {
          try (PreparedStatement task =
                  c.prepareStatement(
                      "INSERT INTO taskopt_ranked_tasks (task) VALUES (?) ON CONFLICT (task) DO NOTHING");
              PreparedStatement clear =
                  c.prepareStatement("DELETE FROM taskopt_rankings WHERE task = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO taskopt_rankings"
                          + " (task, position, model, quality_score, speed_score) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<TaskType, List<RankedModel>> e : replacement.entrySet()) {
              String id = e.getKey().id();
              task.setString(1, id);
              task.addBatch();
              clear.setString(1, id);
              clear.addBatch();
              int position = 0;
              for (RankedModel m : e.getValue()) {
                insert.setString(1, id);
                insert.setInt(2, position++);
                insert.setString(3, m.model());
                insert.setDouble(4, m.quality());
                insert.setDouble(5, m.speed());
                insert.addBatch();
              }
            }
            task.executeBatch();
            clear.executeBatch();
            insert.executeBatch();
          }
          try (PreparedStatement bump =
              c.prepareStatement(
                  "UPDATE taskopt_rankings_version SET version = version + 1 WHERE id = 1")) {
            bump.executeUpdate();
          }
          return readRankings(c);
        });
  }

  @Override
  public Optional<String> rankingsVersion() {
    return inTransaction("reading the rankings version", PostgresStore::version);
  }

  private static Optional<String> version(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("SELECT version FROM taskopt_rankings_version WHERE id = 1");
        ResultSet r = p.executeQuery()) {
      long v = r.next() ? r.getLong(1) : 0;
      return v == 0 ? Optional.empty() : Optional.of(Long.toString(v));
    }
  }

  private StoredRankings readRankings(Connection c) throws SQLException {
    Map<TaskType, List<RankedModel>> rankings = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT t.task, r.model, r.quality_score, r.speed_score"
                    + " FROM taskopt_ranked_tasks t LEFT JOIN taskopt_rankings r ON r.task = t.task"
                    + " ORDER BY t.ordinal, r.position");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        TaskType task;
        try {
          task = TaskType.of(id);
        } catch (IllegalArgumentException e) {
          if (!ignored.contains(id)) {
            ignored.add(id);
          }
          continue;
        }
        List<RankedModel> list = rankings.computeIfAbsent(task, k -> new ArrayList<>());
        String model = r.getString(2);
        if (model != null) {
          list.add(rankedModel(model, r.getDouble(3), r.getDouble(4)));
        }
      }
    }
    return new StoredRankings(rankings, ignored, version(c));
  }

  private RankedModel rankedModel(String model, double quality, double speed) {
    try {
      return new RankedModel(model, quality, speed);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          StoreException.Problem.CORRUPT_DATA,
          location(),
          "taskopt_rankings has an invalid" + " entry for '" + model + "': " + e.getMessage(),
          e);
    }
  }

  // ------------------------------------------------------------------ feedback

  @Override
  public Map<String, Map<String, StoredFeedback>> loadFeedback() {
    return inTransaction("reading the feedback", this::readFeedback);
  }

  @Override
  public Map<String, Map<String, StoredFeedback>> addFeedback(
      Map<String, Map<String, FeedbackDelta>> deltas, int maxRatings) {
    Objects.requireNonNull(deltas, "deltas");
    if (maxRatings < 0) {
      throw new IllegalArgumentException("maxRatings must not be negative, got " + maxRatings);
    }
    // a fixed order of rows, so that concurrent flushes lock them in the same order (no deadlock)
    SortedMap<Key, Entry<FeedbackDelta>> rows = sorted(deltas);
    return inTransaction(
        "adding feedback",
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO taskopt_feedback AS t"
                      + " (task, model_key, model, executions, successes, failures, total_time, average_time)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (task, model_key) DO UPDATE SET"
                      + " executions = t.executions + excluded.executions,"
                      + " successes = t.successes + excluded.successes,"
                      + " failures = t.failures + excluded.failures,"
                      + " total_time = t.total_time + excluded.total_time,"
                      + " average_time = CASE WHEN t.executions + excluded.executions = 0 THEN 0"
                      + " ELSE (t.total_time + excluded.total_time) / (t.executions + excluded.executions) END")) {
            for (Map.Entry<Key, Entry<FeedbackDelta>> e : rows.entrySet()) {
              FeedbackDelta d = e.getValue().value();
              double seconds = d.nanos() / 1e9;
              upsert.setString(1, e.getKey().task());
              upsert.setString(2, e.getKey().model());
              upsert.setString(3, e.getValue().name());
              upsert.setLong(4, d.executions());
              upsert.setLong(5, d.successes());
              upsert.setLong(6, d.failures());
              upsert.setDouble(7, seconds);
              upsert.setDouble(8, d.executions() == 0 ? 0.0 : seconds / d.executions());
              upsert.addBatch();
            }
            upsert.executeBatch();
          }
          insertRatings(c, rows, maxRatings);
          return readFeedback(c);
        });
  }

  @Override
  public void replaceFeedback(Map<String, Map<String, StoredFeedback>> feedback) {
    Objects.requireNonNull(feedback, "feedback");
    SortedMap<Key, Entry<StoredFeedback>> rows = sorted(feedback);
    inTransactionVoid(
        "importing feedback",
        c -> {
          try (PreparedStatement upsert =
                  c.prepareStatement(
                      "INSERT INTO taskopt_feedback AS t"
                          + " (task, model_key, model, executions, successes, failures, total_time, average_time)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT (task, model_key) DO UPDATE SET executions = excluded.executions,"
                          + " successes = excluded.successes, failures = excluded.failures,"
                          + " total_time = excluded.total_time, average_time = excluded.average_time");
              PreparedStatement clear =
                  c.prepareStatement(
                      "DELETE FROM taskopt_quality_ratings WHERE task = ? AND model_key = ?");
              PreparedStatement rating =
                  c.prepareStatement(
                      "INSERT INTO taskopt_quality_ratings (task, model_key, rating) VALUES (?, ?, ?)")) {
            for (Map.Entry<Key, Entry<StoredFeedback>> e : rows.entrySet()) {
              StoredFeedback f = e.getValue().value();
              upsert.setString(1, e.getKey().task());
              upsert.setString(2, e.getKey().model());
              upsert.setString(3, e.getValue().name());
              upsert.setLong(4, f.executions());
              upsert.setLong(5, f.successes());
              upsert.setLong(6, f.failures());
              upsert.setDouble(7, f.totalTimeSeconds());
              upsert.setDouble(8, f.averageTimeSeconds());
              upsert.addBatch();
              clear.setString(1, e.getKey().task());
              clear.setString(2, e.getKey().model());
              clear.addBatch();
              for (double q : f.qualityRatings()) {
                rating.setString(1, e.getKey().task());
                rating.setString(2, e.getKey().model());
                rating.setDouble(3, q);
                rating.addBatch();
              }
            }
            upsert.executeBatch();
            clear.executeBatch();
            rating.executeBatch();
          }
        });
  }

  private static void insertRatings(
      Connection c, SortedMap<Key, Entry<FeedbackDelta>> rows, int maxRatings) throws SQLException {
    boolean any = false;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO taskopt_quality_ratings (task, model_key, rating) VALUES (?, ?, ?)")) {
      for (Map.Entry<Key, Entry<FeedbackDelta>> e : rows.entrySet()) {
        List<Double> ratings = e.getValue().value().newRatings();
        // only the newest maxRatings can survive the pruning below
        for (double q : ratings.subList(Math.max(0, ratings.size() - maxRatings), ratings.size())) {
          insert.setString(1, e.getKey().task());
          insert.setString(2, e.getKey().model());
          insert.setDouble(3, q);
          insert.addBatch();
          any = true;
        }
      }
      if (any) {
        insert.executeBatch();
      }
    }
    try (PreparedStatement prune =
        c.prepareStatement(
            "DELETE FROM taskopt_quality_ratings"
                + " WHERE task = ? AND model_key = ? AND id NOT IN (SELECT id FROM taskopt_quality_ratings"
                + " WHERE task = ? AND model_key = ? ORDER BY id DESC LIMIT ?)")) {
      boolean prunes = false;
      for (Map.Entry<Key, Entry<FeedbackDelta>> e : rows.entrySet()) {
        if (e.getValue().value().newRatings().isEmpty()) {
          continue;
        }
        prune.setString(1, e.getKey().task());
        prune.setString(2, e.getKey().model());
        prune.setString(3, e.getKey().task());
        prune.setString(4, e.getKey().model());
        prune.setInt(5, maxRatings);
        prune.addBatch();
        prunes = true;
      }
      if (prunes) {
        prune.executeBatch();
      }
    }
  }

  private Map<String, Map<String, StoredFeedback>> readFeedback(Connection c) throws SQLException {
    Map<Key, List<Double>> ratings = new LinkedHashMap<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT task, model_key, rating FROM taskopt_quality_ratings ORDER BY task, model_key, id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        ratings
            .computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new ArrayList<>())
            .add(r.getDouble(3));
      }
    }
    Map<String, Map<String, StoredFeedback>> out = new LinkedHashMap<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT task, model_key, model, executions, successes,"
                    + " failures, total_time, average_time FROM taskopt_feedback"
                    + " ORDER BY min(ordinal) OVER (PARTITION BY task), ordinal");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        String task = r.getString(1);
        Key key = new Key(task, r.getString(2));
        String model = r.getString(3);
        StoredFeedback f;
        try {
          f =
              new StoredFeedback(
                  r.getLong(4),
                  r.getLong(5),
                  r.getLong(6),
                  r.getDouble(7),
                  r.getDouble(8),
                  ratings.getOrDefault(key, List.of()));
        } catch (IllegalArgumentException e) {
          throw new StoreException(
              StoreException.Problem.CORRUPT_DATA,
              location(),
              "taskopt_feedback has an"
                  + " invalid entry for "
                  + task
                  + "/"
                  + model
                  + ": "
                  + e.getMessage(),
              e);
        }
        out.computeIfAbsent(task, k -> new LinkedHashMap<>()).put(model, f);
      }
    }
    Map<String, Map<String, StoredFeedback>> frozen = new LinkedHashMap<>();
    out.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return Collections.unmodifiableMap(frozen);
  }

  // ------------------------------------------------------------------ documents

  @Override
  public Optional<String> readDocument(String name) {
    Objects.requireNonNull(name, "name");
    return inTransaction(
        "reading " + name,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT content FROM taskopt_documents WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
              return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public void writeDocument(String name, String content) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    inTransactionVoid(
        "writing " + name,
        c -> {
          upsertDocument(c, name, content);
        });
  }

  @Override
  public String updateDocument(String name, Function<Optional<String>, String> merge) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(merge, "merge");
    return inTransaction(
        "updating " + name,
        c -> {
          try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, Migrations.LOCK_NAMESPACE);
            lock.setInt(2, Migrations.DOCUMENT_LOCK ^ (name.hashCode() << 2));
            lock.execute();
          }
          Optional<String> current;
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT content FROM taskopt_documents WHERE name = ? FOR UPDATE")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
              current = r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
          }
          String merged = Objects.requireNonNull(merge.apply(current), "merge result");
          upsertDocument(c, name, merged);
          return merged;
        });
  }

  private static void upsertDocument(Connection c, String name, String content)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO taskopt_documents (name, content) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = now()")) {
      p.setString(1, name);
      p.setString(2, content);
      p.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ transactions

  @Override
  public <T> T inRankingTransaction(Supplier<T> action) {
    Objects.requireNonNull(action, "action");
    if (transaction.get() != null) {
      return action.get(); // re-entrant: already inside
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
          lock.setInt(1, Migrations.LOCK_NAMESPACE);
          lock.setInt(2, Migrations.RANKING_LOCK);
          lock.execute();
        }
        transaction.set(c);
        T result;
        try {
          result = action.get();
        } finally {
          transaction.remove();
        }
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw errors.map("updating the rankings", e);
    }
  }

  /** A unit of work on a connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** A unit of work on a connection that produces no value. */
  @FunctionalInterface
  private interface VoidWork {
    void run(Connection c) throws SQLException;
  }

  private void inTransactionVoid(String what, VoidWork work) {
    inTransaction(
        what,
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  private <T> T inTransaction(String what, Work<T> work) {
    Connection joined = transaction.get();
    if (joined != null) {
      try {
        return work.run(joined);
      } catch (SQLException e) {
        throw errors.map(what, e);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (SqlErrors.retriable(e) && attempt < MAX_ATTEMPTS) {
          continue; // deadlock or serialization failure: rolled back, nothing written; try again
        }
        throw errors.map(what, e);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; closing it discards the transaction
    }
  }

  @Override
  public void close() {
    onClose.run();
  }

  // ------------------------------------------------------------------ keys

  private record Key(String task, String model) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int t = task.compareTo(o.task);
      return t != 0 ? t : model.compareTo(o.model);
    }
  }

  private record Entry<V>(String name, V value) {}

  private static <V> SortedMap<Key, Entry<V>> sorted(Map<String, Map<String, V>> byTask) {
    TreeMap<Key, Entry<V>> rows = new TreeMap<>();
    byTask.forEach(
        (task, models) -> {
          TaskType.of(task); // a valid task id, or IllegalArgumentException
          models.forEach(
              (model, value) -> {
                if (model == null || model.isBlank()) {
                  throw new IllegalArgumentException(
                      "model names must not be blank (task " + task + ")");
                }
                Objects.requireNonNull(value, "value of " + task + "/" + model);
                rows.putIfAbsent(
                    new Key(task, ModelNames.normalize(model)), new Entry<>(model, value));
              });
        });
    return rows;
  }

  /**
   * Builds {@link PostgresStore}s. {@link #build()} connects, checks the schema and creates or
   * migrates it.
   *
   * <p>Not thread-safe: confine a builder to one thread (what it builds is safe to share).
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String location = "postgresql";
    private Optional<String> secret = Optional.empty();
    private Runnable onClose = () -> {};

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * How messages and logs name this store, e.g. {@code postgresql://db-host:5432/optimizer};
     * default {@code postgresql}. Must not contain a password.
     *
     * @param location the name; not null or blank
     * @return this builder
     * @throws IllegalArgumentException if {@code location} is blank
     */
    public Builder location(String location) {
      Objects.requireNonNull(location, "location");
      if (location.isBlank()) {
        throw new IllegalArgumentException("location must not be blank");
      }
      this.location = location;
      return this;
    }

    /**
     * A password to scrub from every message should a driver repeat it (the store never prints it
     * itself).
     *
     * @param password the password; not null
     * @return this builder
     */
    public Builder redact(String password) {
      this.secret = Optional.of(Objects.requireNonNull(password, "password"));
      return this;
    }

    /**
     * Something to run when the store is closed (e.g. closing a pool the caller made for it).
     *
     * @param action run by every {@link PostgresStore#close()}; not null
     * @return this builder
     */
    public Builder onClose(Runnable action) {
      this.onClose = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * Connects, creates or migrates the schema, and returns the store.
     *
     * @return the store, ready to use
     * @throws StoreException if the server cannot be reached, refuses the credentials, the user
     *     lacks a privilege, or the database was written by a newer version; nothing was changed
     */
    public PostgresStore build() {
      SqlErrors errors = new SqlErrors(location, secret);
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Migrations.migrate(c, errors);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        throw errors.map("opening the store", e);
      }
      return new PostgresStore(dataSource, errors, onClose);
    }
  }
}
