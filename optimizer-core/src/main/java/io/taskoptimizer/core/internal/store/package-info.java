/**
 * The file-based optimizer store, atomic file writes and file locks; exported only to our own
 * modules.
 */
@NullMarked
package io.taskoptimizer.core.internal.store;

import org.jspecify.annotations.NullMarked;
