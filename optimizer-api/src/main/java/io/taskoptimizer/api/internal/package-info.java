/**
 * Helpers shared by our own modules through a qualified export (one implementation each: argument
 * checks, exception unwrapping, credential redaction, the assessment bound); not API.
 */
@NullMarked
package io.taskoptimizer.api.internal;

import org.jspecify.annotations.NullMarked;
