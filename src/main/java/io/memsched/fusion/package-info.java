/**
 * Optimality-preserving graph fusion (the first half of arXiv 2308.13898): rules that merge two operators into one
 * super-operator when some optimal schedule is guaranteed to run them back to back, each a {@link io.memsched.pass.Pass},
 * iterated to a fixpoint by {@link io.memsched.fusion.Fusion#pipeline()}.
 *
 * <p>A merged operator is an ordinary {@link io.memsched.graph.Op}: its inputs are the external inputs of the group,
 * its outputs the tensors used outside it (or graph outputs), and its workspace the transient memory of the group
 * above those outputs. A merge happens only when this single operator costs exactly what the group costs in every
 * context (see {@code Merge}), so any scheduler (DP, ILP, heuristics) can schedule the fused graph as it is, and
 * its grouping {@link io.memsched.pass.Provenance#expand} turns its order back into an order of the original graph with the
 * same peak. The rules are adapted from the peak/impact algebra of P. Fradet, A. Girault, A. Honorat,
 * "Sequential Scheduling of Dataflow Graphs for Memory Peak Minimization", LCTES 2023.
 */
package io.memsched.fusion;
