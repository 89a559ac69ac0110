package io.taskoptimizer.benchmarks;

import io.taskoptimizer.consensus.ConsensusResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consensus extraction end to end over loopback HTTP (see {@link ConsensusFixture}).
 *
 * <ul>
 *   <li>{@code agree}: the first two models agree. Overhead = wall time minus the slower model's
 *       {@value ConsensusFixture#LATENCY_2_MS} ms. Target: under 5 ms.
 *   <li>{@code disagree}: the first two disagree and the third settles it (run after them, as the
 *       consensus is not speculative by default). Overhead = wall time minus {@value
 *       ConsensusFixture#LATENCY_2_MS} + {@value ConsensusFixture#LATENCY_3_MS} ms.
 * </ul>
 *
 * {@link ConsensusBaselineBenchmark} splits the overhead into transport, optimizer and consensus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ConsensusBenchmark {

  /** {@code agree} or {@code disagree}. */
  @Param({"agree", "disagree"})
  public String scenario;

  /** How the models deliver their answers; see {@link ConsensusFixture}. */
  @Param({"burst", "streamed"})
  public String delivery;

  private ConsensusFixture fixture;

  /** Starts the server and checks that the scenario decides as intended. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = new ConsensusFixture(scenario.equals("agree"), delivery);
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** One consensus extraction of the posting. */
  @Benchmark
  public ConsensusResult extract() {
    return fixture.extractor.extract(fixture.posting);
  }
}
