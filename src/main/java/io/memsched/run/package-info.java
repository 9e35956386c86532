/**
 * A run of long work: its {@link io.memsched.run.Deadline} and {@link io.memsched.run.Clock}, its
 * {@link io.memsched.run.ProgressListener}, and how it ended ({@link io.memsched.run.Status}).
 */
package io.memsched.run;
