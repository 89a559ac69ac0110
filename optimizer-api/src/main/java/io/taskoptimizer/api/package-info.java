/**
 * The public API of Task Optimizer: value types (requests, results, model descriptors) and the
 * exception hierarchy rooted in {@link io.taskoptimizer.api.TaskOptimizerException}.
 */
@NullMarked
package io.taskoptimizer.api;

import org.jspecify.annotations.NullMarked;
