/**
 * A model judges outputs against a rubric and compares two models' answers; Bradley-Terry ratings
 * from the comparisons.
 */
@NullMarked
package io.taskoptimizer.judge;

import org.jspecify.annotations.NullMarked;
