/** Implementation details of the judge; not exported. */
@NullMarked
package io.taskoptimizer.judge.internal;

import org.jspecify.annotations.NullMarked;
