/** JMH benchmarks of the optimizer, the Ollama client and consensus extraction (not published). */
@NullMarked
package io.taskoptimizer.benchmarks;

import org.jspecify.annotations.NullMarked;
