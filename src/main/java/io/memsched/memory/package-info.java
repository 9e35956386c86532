/**
 * The memory model of docs/ARCHITECTURE.md, "The memory model" and the one shared simulator that scores every order:
 * {@link io.memsched.memory.MemoryModel}, {@link io.memsched.memory.MemorySimulator},
 * {@link io.memsched.memory.MemoryTimeline} and {@link io.memsched.memory.LowerBounds}; and arena planning: an
 * {@link io.memsched.memory.ArenaPlanner} gives every buffer of an order an offset in one arena
 * ({@link io.memsched.memory.ArenaPlan}, checked so that buffers alive together never overlap).
 */
package io.memsched.memory;
