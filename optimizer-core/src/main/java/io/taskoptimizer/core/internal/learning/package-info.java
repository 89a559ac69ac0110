/** Adaptive model selection: per-task learners and their persisted state; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.learning;

import org.jspecify.annotations.NullMarked;
