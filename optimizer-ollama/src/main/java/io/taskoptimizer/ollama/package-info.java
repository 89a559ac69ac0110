/** The Ollama model provider and its cluster of hosts. */
@NullMarked
package io.taskoptimizer.ollama;

import org.jspecify.annotations.NullMarked;
