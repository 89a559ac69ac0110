/** The Ollama HTTP client and its resilience machinery; not exported. */
@NullMarked
package io.taskoptimizer.ollama.internal;

import org.jspecify.annotations.NullMarked;
