/**
 * The parts behind the TaskOptimizer facade: plugin set, model selector, execution engine,
 * background jobs and their runtime; not exported.
 */
@NullMarked
package io.taskoptimizer.core.internal.engine;

import org.jspecify.annotations.NullMarked;
