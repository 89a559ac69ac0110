/**
 * A shared {@link io.taskoptimizer.spi.OptimizerStore} in PostgreSQL: {@link
 * io.taskoptimizer.jdbc.PostgresStore} over a {@link javax.sql.DataSource} the host provides, and
 * {@link io.taskoptimizer.jdbc.PostgresStoreFactory} for {@code jdbc:postgresql://...} URLs, found
 * by {@link java.util.ServiceLoader}.
 *
 * @provides io.taskoptimizer.spi.OptimizerStoreFactory
 */
module io.taskoptimizer.jdbc {
  requires transitive io.taskoptimizer.api;
  requires transitive java.sql;
  requires org.slf4j;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  exports io.taskoptimizer.jdbc;

  provides io.taskoptimizer.spi.OptimizerStoreFactory with
      io.taskoptimizer.jdbc.PostgresStoreFactory;
}
