/** Implementation details of the optimizer core; not exported. */
@NullMarked
package io.taskoptimizer.core.internal;

import org.jspecify.annotations.NullMarked;
