/** Benchmark statistics and built-in samples; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.benchmark;

import org.jspecify.annotations.NullMarked;
