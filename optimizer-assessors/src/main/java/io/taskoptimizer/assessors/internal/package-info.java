/** The built-in quality assessors, found through {@link java.util.ServiceLoader}; not exported. */
@NullMarked
package io.taskoptimizer.assessors.internal;

import org.jspecify.annotations.NullMarked;
