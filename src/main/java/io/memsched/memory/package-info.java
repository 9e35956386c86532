/**
 * The memory model of DESIGN section 2 and the one shared simulator that scores every order:
 * {@link io.memsched.memory.MemoryModel}, {@link io.memsched.memory.MemorySimulator},
 * {@link io.memsched.memory.MemoryTimeline} and {@link io.memsched.memory.LowerBounds}.
 */
package io.memsched.memory;
