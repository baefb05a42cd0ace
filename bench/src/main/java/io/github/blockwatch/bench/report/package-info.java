/**
 * Turns one {@code bench/run}'s raw figures (JMH JSON, pipeline bench {@code key=value} files) into the
 * Markdown report and the growth-curve PNG.
 */
package io.github.blockwatch.bench.report;
