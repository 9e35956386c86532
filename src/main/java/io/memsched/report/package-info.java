/**
 * Reports: Tablesaw tables of schedules, timelines, lifetimes and method comparisons (and, later, SVG charts).
 * {@link io.memsched.report.ArenaReport} draws arena layouts as a table and an SVG. No Jupyter types here; the kernel package renders these values.
 */
package io.memsched.report;
