/** The {@code taskopt} command-line tool (not published). */
@NullMarked
package io.taskoptimizer.examples.cli;

import org.jspecify.annotations.NullMarked;
