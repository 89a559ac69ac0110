package io.taskoptimizer.benchmarks;

import io.taskoptimizer.consensus.SequenceMatcher;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code new SequenceMatcher(a, b).ratio()} on the job-posting-like pairs of {@link PostingPairs}
 * (2 KB and 8 KB, agreeing and disagreeing), construction included exactly as {@code
 * difflib.SequenceMatcher(None, a, b).ratio()} is timed by {@code difflib_bench.py} on the same
 * files. Target: at least 40 times faster than CPython.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx1g"})
public class SequenceMatcherBenchmark {

  /** Which pair; see {@link PostingPairs#NAMES}. */
  @Param({"2k-agree", "2k-disagree", "8k-agree", "8k-disagree"})
  public String pair;

  private String a;
  private String b;

  /** Loads the committed pair. */
  @Setup(Level.Trial)
  public void setUp() {
    PostingPairs.Pair p = PostingPairs.load(pair);
    a = p.a();
    b = p.b();
  }

  /** One comparison, as the consensus does it. */
  @Benchmark
  public double ratio() {
    return new SequenceMatcher(a, b).ratio();
  }
}
