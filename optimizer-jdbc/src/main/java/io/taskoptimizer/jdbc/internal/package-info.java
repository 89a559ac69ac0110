/** Implementation details of the PostgreSQL store; not exported. */
@NullMarked
package io.taskoptimizer.jdbc.internal;

import org.jspecify.annotations.NullMarked;
