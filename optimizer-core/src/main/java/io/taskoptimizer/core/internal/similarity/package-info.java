/** The similarity metrics shared with the consensus module (qualified export); not API. */
@NullMarked
package io.taskoptimizer.core.internal.similarity;

import org.jspecify.annotations.NullMarked;
