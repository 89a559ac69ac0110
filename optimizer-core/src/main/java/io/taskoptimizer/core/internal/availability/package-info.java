/** Which models each provider currently lists and serves; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.availability;

import org.jspecify.annotations.NullMarked;
