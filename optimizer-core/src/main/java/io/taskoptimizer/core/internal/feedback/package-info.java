/** Recording of execution feedback per model; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.feedback;

import org.jspecify.annotations.NullMarked;
