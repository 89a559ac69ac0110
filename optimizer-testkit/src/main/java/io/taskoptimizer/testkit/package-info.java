/**
 * Test support for Task Optimizer users and plugin authors: an in-JVM Ollama-protocol server, a
 * JUnit 5 extension and contract tests.
 */
@NullMarked
package io.taskoptimizer.testkit;

import org.jspecify.annotations.NullMarked;
