/** Selection tables over the available models; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.selection;

import org.jspecify.annotations.NullMarked;
