/**
 * Consensus verification: a difflib-exact sequence matcher, the multi-model consensus extractor and
 * job posting loading.
 */
@NullMarked
package io.taskoptimizer.consensus;

import org.jspecify.annotations.NullMarked;
