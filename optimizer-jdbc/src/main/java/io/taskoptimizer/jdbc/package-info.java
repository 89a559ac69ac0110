/** A shared optimizer store in PostgreSQL. */
@NullMarked
package io.taskoptimizer.jdbc;

import org.jspecify.annotations.NullMarked;
