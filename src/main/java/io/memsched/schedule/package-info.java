/**
 * Scheduling: the {@link io.memsched.schedule.Scheduler} interface, its {@link io.memsched.schedule.ScheduleResult},
 * and one class per algorithm, listed once in {@link io.memsched.schedule.Schedulers}. Every result is checked by
 * the shared {@link io.memsched.memory.MemorySimulator} before it is returned.
 */
package io.memsched.schedule;
