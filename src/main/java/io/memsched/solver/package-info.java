/**
 * Solver runtimes: loading the OR-Tools native libraries ({@link io.memsched.solver.OrToolsNatives}, started in the
 * background and awaited within a time limit) and running a CP-SAT search under the caller's interrupt
 * ({@link io.memsched.solver.CpSat}, with the one {@link io.memsched.solver.InterruptWatcher}). OR-Tools classes
 * are loaded only when a run solves with them.
 */
package io.memsched.solver;
