/**
 * A run of long work: its {@link io.memsched.run.Deadline} (a time limit read through a clock, plus the thread's
 * interrupt flag), the {@link io.memsched.run.ProgressListener} that watches it, and the
 * {@link io.memsched.run.Status} it ended with. Imports nothing from the rest of memsched.
 */
package io.memsched.run;
