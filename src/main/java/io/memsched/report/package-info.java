/**
 * Reports: Tablesaw tables of schedules, timelines, lifetimes and method comparisons (and, later, SVG charts).
 * {@link io.memsched.report.ArenaReport} draws arena layouts as a table and an SVG; {@link io.memsched.report.BenchmarkTable}
 * builds the tables of {@code memsched bench}. No Jupyter types here; the kernel package renders these values.
 */
package io.memsched.report;
