/**
 * The memory model of docs/ARCHITECTURE.md, "The memory model" and the one shared simulator that scores every order:
 * {@link io.memsched.memory.MemoryModel}, {@link io.memsched.memory.MemorySimulator},
 * {@link io.memsched.memory.MemoryTimeline} and {@link io.memsched.memory.LowerBounds}. Laying the tensors of an
 * order out in one arena is the next package's idea ({@code io.memsched.arena}).
 */
package io.memsched.memory;
