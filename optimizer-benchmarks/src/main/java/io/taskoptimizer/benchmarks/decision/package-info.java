/**
 * The decision-quality simulator: scenarios of simulated models replayed against selection policies
 * (not published).
 */
@NullMarked
package io.taskoptimizer.benchmarks.decision;

import org.jspecify.annotations.NullMarked;
