/**
 * Reports: Tablesaw tables ({@link io.memsched.report.Tables}: compact and wide comparisons with units in the
 * headers, reductions against baselines, typed statistics per method) and SVG pictures sized for a screen: graph
 * drawings ({@link io.memsched.report.GraphView}, collapsed by name scope, cuts or fusion, laid out by ELK's layered
 * algorithm), memory timelines, faceted method comparisons, arena layouts ({@link io.memsched.report.ArenaReport}),
 * one colour per operator type and method everywhere ({@link io.memsched.report.Palette}), and the standalone HTML
 * {@link io.memsched.report.Report}. {@link io.memsched.report.BenchmarkTable} builds the tables of
 * {@code memsched bench}. Renders, never runs a scheduler; no Jupyter types here (the kernel package renders these
 * values).
 */
package io.memsched.report;
