/** Benchmark runs of models over sample inputs, their results and the reports written from them. */
@NullMarked
package io.taskoptimizer.core.benchmark;

import org.jspecify.annotations.NullMarked;
