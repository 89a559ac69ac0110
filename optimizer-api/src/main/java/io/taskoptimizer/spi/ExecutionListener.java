package io.taskoptimizer.spi;

import io.taskoptimizer.api.ExecutionResult;
import io.taskoptimizer.api.GenerationRequest;

/**
 * Sees every execution the optimizer finished with an answer, after its feedback was recorded: for
 * example to grade the answer with a judge model in the background. Register one with {@code
 * TaskOptimizer.builder().addExecutionListener(...)} or {@code
 * TaskOptimizer.addExecutionListener(...)}.
 *
 * <p><b>Contract.</b> Listeners are called on the thread that finished the execution (the caller's
 * thread for {@code execute}, the provider's thread for {@code executeAsync}), before the result is
 * returned to the caller, so they must return quickly: hand real work to an executor of your own
 * and never block. An exception thrown by a listener is logged and ignored; it never fails the
 * execution and never stops other listeners. Calls that failed (no answer) are not reported.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ExecutionListener {

  /**
   * Called once per finished execution.
   *
   * @param request the request as it was sent, with {@link GenerationRequest#model()} set to the
   *     model that ran
   * @param result the result, as returned to the caller
   */
  void executionFinished(GenerationRequest request, ExecutionResult result);
}
