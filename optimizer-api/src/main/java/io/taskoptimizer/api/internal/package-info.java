/**
 * Implementation helpers shared between the Task Optimizer modules: exported only to them
 * ({@code exports ... to ...} in {@code module-info.java}), not API; may change in any release.
 */
package io.taskoptimizer.api.internal;
