/** A small JSON reader and a Python-compatible JSON writer for the state files; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.json;

import org.jspecify.annotations.NullMarked;
