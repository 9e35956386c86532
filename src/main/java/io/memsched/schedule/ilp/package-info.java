/**
 * Time-indexed integer programming for peak-memory scheduling (the second half of arXiv 2308.13898):
 * {@link io.memsched.schedule.ilp.TimeIndexedModel} builds the pruned program over a (fused) graph, an
 * {@link io.memsched.schedule.ilp.IlpBackend} solves it ({@link io.memsched.schedule.ilp.CpSatBackend}, the
 * default, or the pure-Java {@link io.memsched.schedule.ilp.OjAlgoBackend}), and
 * {@link io.memsched.schedule.ilp.IlpScheduler} turns the solution into a verified schedule.
 */
package io.memsched.schedule.ilp;
