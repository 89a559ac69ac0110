/** Implementation details of the consensus module; not exported. */
@NullMarked
package io.taskoptimizer.consensus.internal;

import org.jspecify.annotations.NullMarked;
