/** Model rankings per task and their state file; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.ranking;

import org.jspecify.annotations.NullMarked;
