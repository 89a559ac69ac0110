package io.taskoptimizer.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.taskoptimizer.core.OptimizerStores;
import io.taskoptimizer.spi.FeedbackDelta;
import io.taskoptimizer.spi.OptimizerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store URL}, {@code TASKOPT_STORE} and {@code store export|import} against a real
 * PostgreSQL ({@code TASKOPT_TEST_PG_URL}, see scripts/with-postgres.sh; required when CI is set).
 */
class StoreCommandTest {

  @TempDir Path dir;
  private String server;
  private String database;
  private String url;

  @BeforeEach
  void createDatabase() {
    server = System.getenv("TASKOPT_TEST_PG_URL");
    if (server == null || server.isBlank()) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
        fail(
            "TASKOPT_TEST_PG_URL is not set but CI is: run the build under scripts/with-postgres.sh");
      }
      Assumptions.abort("TASKOPT_TEST_PG_URL is not set");
    }
    database = "taskopt_cli_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    sql(server, "CREATE DATABASE " + database);
    int hosts = server.indexOf("//") + 2;
    int slash = server.indexOf('/', hosts);
    int query = server.indexOf('?', slash);
    url = server.substring(0, slash + 1) + database + (query < 0 ? "" : server.substring(query));
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      sql(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void importTwiceThenExportRoundTripsTheOriginalFiles() throws Exception {
    Path original = Fixtures.exampleConfig(dir.resolve("original"));
    OptimizerStores.files(original)
        .addFeedback(
            Map.of(
                "self_assessment",
                Map.of("gemma3:1b", new FeedbackDelta(3, 2, 1, 4_123_456_789L, List.of(0.7, 0.9)))),
            100);
    Cli.Result first = Cli.run("--store", url, "store", "import", original.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Cli.Result second =
        Cli.run(Map.of("TASKOPT_STORE", url), "store", "import", original.toString());
    assertThat(second.exitCode()).as(second.toString()).isZero();

    Path exported = dir.resolve("exported");
    Cli.Result export = Cli.run("--store", url, "store", "export", exported.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(export.out()).doesNotContain(password(url));

    OptimizerStore a = OptimizerStores.files(original);
    OptimizerStore b = OptimizerStores.files(exported);
    assertThat(b.loadRankings().rankings()).isEqualTo(a.loadRankings().rankings());
    assertThat(b.loadFeedback()).isEqualTo(a.loadFeedback());
    // exporting again gives the same bytes: import is idempotent and export deterministic
    byte[] rankings = Files.readAllBytes(exported.resolve("model_rankings.json"));
    byte[] feedback = Files.readAllBytes(exported.resolve("model_performance_feedback.json"));
    Path again = dir.resolve("again");
    assertThat(Cli.run("--store", url, "store", "export", again.toString()).exitCode()).isZero();
    assertThat(Files.readAllBytes(again.resolve("model_rankings.json"))).isEqualTo(rankings);
    assertThat(Files.readAllBytes(again.resolve("model_performance_feedback.json")))
        .isEqualTo(feedback);

    // every command works with the store: rankings come from the database
    Cli.Result shown =
        Cli.run("--store", url, "--ollama", Fixtures.closedPortUrl(), "rankings", "--json");
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains("self_assessment").doesNotContain(password(url));
  }

  @Test
  void aWrongPasswordIsAConfigurationErrorThatHidesThePassword() {
    String secret = "Wr0ng-Pa55word";
    String bad = url.replaceAll("([?&])password=[^&]*", "$1password=" + secret);
    Cli.Result r = Cli.run("--store", bad, "--ollama", Fixtures.closedPortUrl(), "rankings");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("password=***").contains("credentials").doesNotContain(secret);
    assertThat(r.out()).doesNotContain(secret);
  }

  private static String password(String url) {
    return url.replaceAll(".*[?&]password=([^&]*).*", "$1");
  }

  private static void sql(String url, String statement) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }
}
