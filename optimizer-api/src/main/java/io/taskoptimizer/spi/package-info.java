/**
 * Service provider interfaces: model providers, stores, quality assessors, similarity metrics and
 * execution listeners, found by {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.taskoptimizer.spi;

import org.jspecify.annotations.NullMarked;
