package io.taskoptimizer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ModelFeedback;
import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.StoreException;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.core.TaskOptimizer;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import io.taskoptimizer.spi.StoredFeedback;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store against a real server: increments, rankings, documents, schema and errors.
 */
class PostgresStoreTest {

  private static final String SECRET_SAMPLE = "s3cr3t-Not-The-Real-One";

  @TempDir Path dir;
  private TestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = TestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) { // null when the test was skipped for want of a server
      db.close();
    }
  }

  @Test
  void feedbackIsAddedAsIncrementsAndKeepsTheNewestRatings() {
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      store.addFeedback(
          Map.of(
              "self_assessment",
              Map.of("gemma3", new FeedbackDelta(3, 2, 1, 3_000_000_000L, List.of(0.1, 0.2, 0.3)))),
          4);
      Map<String, Map<String, StoredFeedback>> after =
          store.addFeedback(
              Map.of(
                  "self_assessment",
                  Map.of(
                      "gemma3:latest",
                      new FeedbackDelta(2, 2, 0, 1_500_000_000L, List.of(0.4, 0.5)))),
              4);

      // the same model by its normalised name: one row, named as first written
      StoredFeedback f = after.get("self_assessment").get("gemma3");
      assertThat(f.executions()).isEqualTo(5);
      assertThat(f.successes()).isEqualTo(4);
      assertThat(f.failures()).isEqualTo(1);
      assertThat(f.totalTimeSeconds()).isEqualTo(3.0 + 1.5);
      assertThat(f.averageTimeSeconds()).isEqualTo(4.5 / 5);
      assertThat(f.qualityRatings()).containsExactly(0.2, 0.3, 0.4, 0.5);
      assertThat(store.loadFeedback()).isEqualTo(after);
      assertThat(db.queryLong("SELECT count(*) FROM taskopt_quality_ratings")).isEqualTo(4);
    }
  }

  @Test
  void importSetsExactValuesAndIsIdempotent() {
    StoredFeedback original =
        new StoredFeedback(7, 6, 1, 12.345678901234567, 1.7636684144620811, List.of(0.9, 0.8));
    Map<String, Map<String, StoredFeedback>> data =
        Map.of("cover_letter", Map.of("qwen3:8b", original));
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      store.replaceFeedback(data);
      store.replaceFeedback(data);
      assertThat(store.loadFeedback()).isEqualTo(data);
    }
  }

  @Test
  void importKeepsDigitsBelowANanosecondWhichTheOptimizerReportsRounded() {
    StoredFeedback original =
        new StoredFeedback(1, 1, 0, 0.1234567891234, 1.0000000000000002e-10, List.of());
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      store.replaceFeedback(Map.of("self_assessment", Map.of("phi3:3.8b", original)));
      assertThat(store.loadFeedback().get("self_assessment").get("phi3:3.8b")).isEqualTo(original);
    }
    try (TaskOptimizer optimizer = db.optimizer(dir.resolve("a")).build()) {
      assertThat(optimizer.feedback(TaskType.SELF_ASSESSMENT, "phi3:3.8b"))
          .contains(
              new ModelFeedback(1, 1, 0, Duration.ofNanos(123_456_789), Duration.ZERO, List.of()));
    }
  }

  @Test
  void rankingsAreReplacedPerTaskAndTheVersionChanges() {
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      assertThat(store.rankingsVersion()).isEmpty();
      store.replaceRankings(
          Map.of(
              TaskType.SELF_ASSESSMENT,
              List.of(new RankedModel("a:1b", 0.9, 0.5), new RankedModel("b:1b", 0.8, 0.7))));
      Optional<String> v1 = store.rankingsVersion();
      store.replaceRankings(
          Map.of(TaskType.COVER_LETTER, List.of(new RankedModel("c:1b", 0.7, 0.6))));

      assertThat(store.rankingsVersion()).isPresent().isNotEqualTo(v1);
      assertThat(store.loadRankings().rankings())
          .containsExactly(
              Map.entry(
                  TaskType.SELF_ASSESSMENT,
                  List.of(new RankedModel("a:1b", 0.9, 0.5), new RankedModel("b:1b", 0.8, 0.7))),
              Map.entry(TaskType.COVER_LETTER, List.of(new RankedModel("c:1b", 0.7, 0.6))));
    }
  }

  @Test
  void aFailedDocumentMergeWritesNothing() {
    try (OptimizerStore store = OptimizerStores.open(db.url())) {
      store.updateDocument("state.json", old -> "{\"n\": 1}");
      assertThatThrownBy(
              () ->
                  store.updateDocument(
                      "state.json",
                      old -> {
                        throw new IllegalStateException("merge failed");
                      }))
          .hasMessage("merge failed");
      assertThat(store.readDocument("state.json")).contains("{\"n\": 1}");
    }
  }

  @Test
  void theOptimizerSharesFeedbackThroughTheStoreUrl() {
    try (TaskOptimizer a = db.optimizer(dir.resolve("a")).build()) {
      a.recordFeedback(TaskType.SELF_ASSESSMENT, "gemma3:1b", Duration.ofMillis(1500), true, 0.75);
    }
    try (TaskOptimizer b = db.optimizer(dir.resolve("b")).build()) {
      ModelFeedback f = b.feedback(TaskType.SELF_ASSESSMENT, "gemma3:1b").orElseThrow();
      assertThat(f.executions()).isEqualTo(1);
      assertThat(f.qualityRatings()).containsExactly(0.75);
      assertThat(b.store().location()).contains("password=***");
      // the learned selection state lives in the database too, not in the config directory
      assertThat(b.store().readDocument("model_selection_state.json")).isPresent();
      assertThat(dir.resolve("a").resolve("model_selection_state.json")).doesNotExist();
    }
  }

  @Test
  void aDatabaseFromANewerVersionIsRefusedAndLeftUntouched() {
    OptimizerStores.open(db.url()).close();
    db.sql(
        "INSERT INTO taskopt_schema_version (version, description) VALUES (99, 'from the future')");

    assertThatThrownBy(() -> OptimizerStores.open(db.url()))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.SCHEMA_TOO_NEW);
              assertThat(e.getMessage())
                  .contains("schema version 99")
                  .contains("knows only up to " + PostgresStore.schemaVersion())
                  .contains("upgrade");
            });
    assertThat(db.queryLong("SELECT max(version) FROM taskopt_schema_version")).isEqualTo(99);
  }

  @Test
  void aWrongPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
    String url = TestDatabase.withPassword(db.url(), SECRET_SAMPLE);
    assertThatThrownBy(() -> OptimizerStores.open(url))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.AUTHENTICATION);
              assertThat(e.getMessage()).contains("password=***").doesNotContain(SECRET_SAMPLE);
              assertThat(stackText(e)).doesNotContain(SECRET_SAMPLE);
            });
  }

  @Test
  void aPortWithoutServerIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/x?user=u&password=" + SECRET_SAMPLE;
    assertThatThrownBy(() -> OptimizerStores.open(url))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.UNREACHABLE);
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.getMessage())
                  .contains("127.0.0.1:" + port)
                  .doesNotContain(SECRET_SAMPLE);
            });
  }

  @Test
  void anUnknownDatabaseIsNamedAsSuch() {
    String url = TestDatabase.withDatabase(db.url(), "taskopt_no_such_db");
    assertThatThrownBy(() -> OptimizerStores.open(url))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.INVALID_URL);
              assertThat(e.getMessage())
                  .contains("taskopt_no_such_db")
                  .contains("does not exist")
                  .contains("password=***");
            });
  }

  @Test
  void aMalformedUrlIsRejectedWithTheExpectedForm() {
    assertThatThrownBy(
            () -> OptimizerStores.open("jdbc:postgresql://[broken?password=" + SECRET_SAMPLE))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.INVALID_URL);
              assertThat(e.getMessage())
                  .contains("jdbc:postgresql://HOST:PORT/DATABASE")
                  .doesNotContain(SECRET_SAMPLE);
            });
    assertThatThrownBy(() -> OptimizerStores.open("mysql://h/db"))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.problem()).isEqualTo(StoreException.Problem.INVALID_URL));
  }

  @Test
  void aUserWithoutTheCreatePrivilegeGetsAPermissionErrorAndNothingIsCreated() {
    String role = "taskopt_ro_" + ProcessHandle.current().pid();
    db.sql(
        "DROP ROLE IF EXISTS " + role,
        "CREATE ROLE " + role + " LOGIN PASSWORD '" + SECRET_SAMPLE + "'");
    try {
      String url = TestDatabase.withUser(db.url(), role, SECRET_SAMPLE);
      assertThatThrownBy(() -> OptimizerStores.open(url))
          .isInstanceOfSatisfying(
              StoreException.class,
              e -> {
                assertThat(e.problem()).isEqualTo(StoreException.Problem.PERMISSION);
                assertThat(e.getMessage()).contains("privilege").doesNotContain(SECRET_SAMPLE);
              });
      assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'taskopt%'"))
          .isZero();
    } finally {
      db.close();
      db = TestDatabase.create();
      db.sql("DROP ROLE IF EXISTS " + role);
    }
  }

  private static String stackText(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
