/** Renders benchmark results as JSON, Markdown and XHTML with SVG charts; not exported. */
@NullMarked
package io.taskoptimizer.core.internal.benchmark.report;

import org.jspecify.annotations.NullMarked;
