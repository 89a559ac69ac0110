package io.taskoptimizer.testserver;

import java.util.Map;

/** Server-side metrics of a finished generation, in nanoseconds. */
final class Metrics {
  final long total;
  final long load;
  final int promptCount;
  final long promptEval;
  final int evalCount;
  final long eval;

  Metrics(long total, long load, int promptCount, long promptEval, int evalCount, long eval) {
    this.total = total;
    this.load = load;
    this.promptCount = promptCount;
    this.promptEval = promptEval;
    this.evalCount = evalCount;
    this.eval = eval;
  }

  void putInto(Map<String, Object> m) {
    putNonZero(m, "total_duration", total);
    putNonZero(m, "load_duration", load);
    putNonZero(m, "prompt_eval_count", promptCount);
    putNonZero(m, "prompt_eval_duration", promptEval);
    putNonZero(m, "eval_count", evalCount);
    putNonZero(m, "eval_duration", eval);
  }

  private static void putNonZero(Map<String, Object> m, String k, long v) {
    if (v != 0) {
      m.put(k, v);
    }
  }
}
