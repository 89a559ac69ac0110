/** Compiled library usage examples (not published). */
@NullMarked
package io.taskoptimizer.examples;

import org.jspecify.annotations.NullMarked;
