/**
 * Arena planning: an {@link io.memsched.arena.ArenaPlanner} gives every buffer of an
 * {@link io.memsched.arena.ArenaProblem} (the tensors of an order, or a MiniMalloc CSV file read by
 * {@link io.memsched.arena.MiniMallocCsv}) an offset in one arena, so that buffers alive together never overlap;
 * every {@link io.memsched.arena.ArenaPlan} is checked on the way out ({@link io.memsched.arena.ArenaPlan#verified}).
 * Planners: greedy by size and best fit (one pass), an exact canonical-placement search of MiniMalloc's kind,
 * CP-SAT, and a joint order-and-layout planner for small graphs.
 */
package io.memsched.arena;
