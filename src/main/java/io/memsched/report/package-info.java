/**
 * Reports: Tablesaw tables of schedules, timelines, lifetimes and method comparisons (and, later, SVG charts).
 * No Jupyter types here; the kernel package renders these values.
 */
package io.memsched.report;
