/**
 * An in-JVM Ollama-protocol server for tests, demos and benchmarks: scripted models, latency and
 * fault injection, recorded requests. Has no JUnit dependency; the JUnit extension and contract
 * tests are in {@code io.taskoptimizer.testkit}.
 */
@NullMarked
package io.taskoptimizer.testserver;

import org.jspecify.annotations.NullMarked;
