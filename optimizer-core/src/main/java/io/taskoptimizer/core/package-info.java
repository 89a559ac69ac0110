/** The {@link io.taskoptimizer.core.TaskOptimizer} facade and its supporting public types. */
@NullMarked
package io.taskoptimizer.core;

import org.jspecify.annotations.NullMarked;
